"""What the app needs in order to run: a storage account, as the AzureWebJobsStorage setting.

``app_environment()`` is a context manager that starts Azurite, the Azure Storage emulator,
yields the app settings pointing at it (environment variable name -> value), and stops it on
exit. The tests, the benchmark and the conformance run (tools/conformance/host.py) use it. It
needs Node.js 20 or later with npm, and nothing beyond requirements-test.txt:

- Azurite is pinned in package.json / package-lock.json; ``npm ci`` installs it into this
  folder when node_modules is missing.
- tests/azurite.js runs it in memory on 127.0.0.1, each service on a free port (port 0), and
  writes the ports it got to a file; mirakuru starts it, waits for "Azurite ready" and stops it.
- If this process dies without stopping it, Azurite notices within a second and exits.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mirakuru import OutputExecutor
from mirakuru.exceptions import ProcessExitedWithError, TimeoutExpired

SAMPLE_ROOT = Path(__file__).resolve().parent.parent
AZURITE_SCRIPT = Path(__file__).resolve().parent / "azurite.js"
AZURITE_PACKAGE = SAMPLE_ROOT / "node_modules" / "azurite" / "package.json"
AZURITE_OPTIONS = [
    "--inMemoryPersistence",
    "--skipApiVersionCheck",
    "--disableTelemetry",
    "--silent",
    *("--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1"),
    *("--blobPort", "0", "--queuePort", "0", "--tablePort", "0"),
]
# Azurite's one account and its published key (the same in every copy: not a secret).
ACCOUNT = "devstoreaccount1"
ACCOUNT_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
MIN_NODE_MAJOR = 20
START_TIMEOUT_SECONDS = 30
NPM_CI_TIMEOUT_SECONDS = 600

NODE_MISSING = (
    "The tests need Node.js {version}or later, with npm, to run Azurite, the Azure Storage "
    "emulator. Install it from https://nodejs.org/ or with your package manager "
    "(Debian/Ubuntu: sudo apt-get install nodejs npm) and run the tests again."
)


class EnvironmentUnavailable(RuntimeError):
    """What the app needs can't be provided here; the message says how to fix that."""


def connection_string(addresses: dict[str, str]) -> str:
    """A connection string for Azurite's account at the addresses it listens on."""
    endpoints = ";".join(
        f"{service.capitalize()}Endpoint={addresses[service]}/{ACCOUNT}"
        for service in ("blob", "queue", "table")
    )
    return (
        f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={ACCOUNT_KEY};" + endpoints
    )


@contextmanager
def app_environment() -> Iterator[dict[str, str]]:
    """Start Azurite and yield the app settings; stop it on exit."""
    with azurite() as addresses:
        yield {"AzureWebJobsStorage": connection_string(addresses)}


def _node_and_npm() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        raise EnvironmentUnavailable(NODE_MISSING.format(version=f"{MIN_NODE_MAJOR} "))
    version = subprocess.run(
        [node, "--version"], capture_output=True, text=True, timeout=30, check=False
    ).stdout.strip()
    major = re.match(r"v(\d+)\.", version)
    if not major or int(major[1]) < MIN_NODE_MAJOR:
        raise EnvironmentUnavailable(
            f"Found Node.js {version or '(unknown version)'} at {node}. "
            + NODE_MISSING.format(version=f"{MIN_NODE_MAJOR} ")
        )
    return node, npm


def _install_azurite(npm: str) -> None:
    """npm ci: the exact Azurite version package-lock.json pins, into ./node_modules."""
    if AZURITE_PACKAGE.is_file():
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
    if result.returncode != 0 or not AZURITE_PACKAGE.is_file():
        output = (result.stdout + result.stderr).strip()[-2000:]
        raise EnvironmentUnavailable(
            f"'npm ci' in {SAMPLE_ROOT} failed (exit {result.returncode}), so Azurite "
            f"isn't installed:\n{output}"
        )


@contextmanager
def azurite() -> Iterator[dict[str, str]]:
    """Run Azurite in memory on free ports of 127.0.0.1; yield {"blob": "http://...", ...}."""
    node, npm = _node_and_npm()
    _install_azurite(npm)
    with tempfile.TemporaryDirectory(prefix="azurite-") as workspace:
        ports_file = Path(workspace) / "ports.json"
        executor = OutputExecutor(
            [node, str(AZURITE_SCRIPT), str(ports_file), *AZURITE_OPTIONS],
            banner="Azurite ready",
            cwd=workspace,
            timeout=START_TIMEOUT_SECONDS,
        )
        try:
            executor.start()
        except (ProcessExitedWithError, TimeoutExpired) as error:
            exit_code = executor.process.poll() if executor.process else None
            executor.stop()
            raise EnvironmentUnavailable(
                f"Azurite didn't start within {START_TIMEOUT_SECONDS} s (exit code {exit_code}); "
                f"its error output is above. {error}"
            ) from error
        try:
            yield json.loads(ports_file.read_text())
        finally:
            executor.stop()
