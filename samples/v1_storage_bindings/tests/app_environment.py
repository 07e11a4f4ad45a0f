"""What the app needs in order to run: a storage account, as the app setting AzureWebJobsStorage.

``app_environment()`` is a context manager that starts Azurite, the Azure Storage emulator,
yields the app settings that point at it, and stops it on exit. The tests use it, and so
does the guide's conformance run. It needs nothing beyond requirements-test.txt, and Node.js.

Azurite is pinned in package.json / package-lock.json and installed with ``npm ci`` into
./node_modules when it is missing. It listens on 127.0.0.1, on ports the system picks
(port 0), and keeps everything in memory. tests/parent_watchdog.js ends it if the process
that started it dies without stopping it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mirakuru import SimpleExecutor
from mirakuru.exceptions import TimeoutExpired

SAMPLE_ROOT = Path(__file__).resolve().parent.parent
AZURITE = SAMPLE_ROOT / "node_modules" / "azurite" / "dist" / "src" / "azurite.js"
WATCHDOG = Path(__file__).resolve().parent / "parent_watchdog.js"
LISTENING = re.compile(
    r"Azurite (Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(\d+)"
)
# Azurite's one account and its published, well-known key: not a secret.
ACCOUNT = "devstoreaccount1"
ACCOUNT_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
# In memory, on loopback, on ports the system picks, and without calling home.
AZURITE_FLAGS = ["--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent"]
for service in ("blob", "queue", "table"):
    AZURITE_FLAGS += [f"--{service}Host", "127.0.0.1", f"--{service}Port", "0"]
MIN_NODE_MAJOR = 20
START_TIMEOUT_SECONDS = 30
NPM_CI_TIMEOUT_SECONDS = 600

NODE_MISSING = (
    "The tests need Node.js 20 or later, with npm, to run Azurite, the Azure Storage "
    "emulator. Install it from https://nodejs.org/ or with your package manager "
    "(Debian/Ubuntu: sudo apt-get install nodejs npm) and run the tests again."
)


class EnvironmentUnavailable(RuntimeError):
    """What the app needs can't be provided here; the message says how to fix that."""


def connection_string(ports: dict[str, int]) -> str:
    """A connection string for Azurite's account on the given blob, queue and table ports."""
    endpoints = ";".join(
        f"{service}Endpoint=http://127.0.0.1:{ports[service]}/{ACCOUNT}"
        for service in ("Blob", "Queue", "Table")
    )
    return (
        f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={ACCOUNT_KEY};{endpoints}"
    )


@contextmanager
def app_environment() -> Iterator[dict[str, str]]:
    """Start Azurite and yield the app settings that point at it; stop it on exit."""
    node, npm = _node_and_npm()
    _install_azurite(npm)
    with _azurite(node) as ports:
        yield {"AzureWebJobsStorage": connection_string(ports)}


def _node_and_npm() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        raise EnvironmentUnavailable(NODE_MISSING)
    version = subprocess.run(
        [node, "--version"], capture_output=True, text=True, timeout=30, check=False
    ).stdout.strip()
    major = re.match(r"v(\d+)\.", version)
    if not major or int(major[1]) < MIN_NODE_MAJOR:
        raise EnvironmentUnavailable(f"Found Node.js {version or '(unknown)'}. {NODE_MISSING}")
    return node, npm


def _install_azurite(npm: str) -> None:
    """npm ci: the exact Azurite release package-lock.json pins, into ./node_modules."""
    if AZURITE.is_file():
        return
    try:
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=SAMPLE_ROOT,
            capture_output=True,
            text=True,
            timeout=NPM_CI_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise EnvironmentUnavailable(
            f"'npm ci' in {SAMPLE_ROOT} took over {NPM_CI_TIMEOUT_SECONDS} s: "
            "is the npm registry reachable?"
        ) from error
    if result.returncode != 0 or not AZURITE.is_file():
        output = (result.stdout + result.stderr).strip()[-2000:]
        raise EnvironmentUnavailable(
            f"'npm ci' in {SAMPLE_ROOT} failed (exit {result.returncode}), so Azurite "
            f"isn't installed:\n{output}"
        )


@contextmanager
def _azurite(node: str) -> Iterator[dict[str, int]]:
    """Run Azurite on free ports of 127.0.0.1; yield the port of each service."""
    # Its output goes to a file, read while it starts: the ports are in it.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        executor = SimpleExecutor(
            [node, "--require", str(WATCHDOG), str(AZURITE), *AZURITE_FLAGS],
            cwd=str(SAMPLE_ROOT),
            timeout=START_TIMEOUT_SECONDS,
            envvars={"AZURITE_PARENT_PID": str(os.getpid())},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        ports: dict[str, int] = {}

        def listening() -> bool:
            log.seek(0)
            ports.update((service, int(port)) for service, port in LISTENING.findall(log.read()))
            if len(ports) < 3 and not executor.running():
                raise EnvironmentUnavailable(f"Azurite exited while starting:\n{_tail(log)}")
            return len(ports) == 3

        executor.start()
        try:
            try:
                executor.wait_for(listening)
            except TimeoutExpired:
                raise EnvironmentUnavailable(
                    f"Azurite didn't start within {START_TIMEOUT_SECONDS} s:\n{_tail(log)}"
                ) from None
            yield ports
        finally:
            executor.stop()


def _tail(log) -> str:
    log.seek(0)
    return log.read()[-2000:]
