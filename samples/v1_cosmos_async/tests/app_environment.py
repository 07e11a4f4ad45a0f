"""What the app needs in order to run: a Cosmos DB endpoint, as app settings.

``app_environment()`` is a context manager that yields the app settings (environment
variable name -> value) and undoes everything on exit. The tests, the benchmark and other
tools use it; it needs nothing beyond requirements-test.txt, and Node.js for the local server.

- With COSMOS_ENDPOINT and COSMOS_KEY set (the official emulator, or an account), it uses
  them, with a database of its own that it deletes on exit (unless COSMOS_DATABASE names one).
- Otherwise it starts @vercel/cosmosdb-server, pinned in package.json, on a free port of
  127.0.0.1, installing it first with ``npm ci`` when node_modules is missing, and stops it
  on exit. Its known gaps, and what tests/cosmosdb_server.js does about them, are in README.md.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from mirakuru import OutputExecutor
from mirakuru.exceptions import ProcessExitedWithError, TimeoutExpired

SAMPLE_ROOT = Path(__file__).resolve().parent.parent
SERVER_SCRIPT = Path(__file__).resolve().parent / "cosmosdb_server.js"
SERVER_PACKAGE = SAMPLE_ROOT / "node_modules" / "@vercel" / "cosmosdb-server" / "package.json"
# The local server accepts any base64 key; this is the emulator's published, well-known key.
LOCAL_KEY = (
    "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="
)
MIN_NODE_MAJOR = 20
START_TIMEOUT_SECONDS = 30
START_ATTEMPTS = 3
# The server exits once the process with this pid is gone: see tests/cosmosdb_server.js.
PARENT_PID_VARIABLE = "COSMOS_SERVER_PARENT_PID"
NPM_CI_TIMEOUT_SECONDS = 600

NODE_MISSING = (
    "The tests need Node.js {version}or later, with npm, to run a local Cosmos DB server "
    "(@vercel/cosmosdb-server). Install it from https://nodejs.org/ or with your package "
    "manager (Debian/Ubuntu: sudo apt-get install nodejs npm) and run the tests again. "
    "Or point the tests at the Cosmos DB emulator or an account by setting COSMOS_ENDPOINT "
    "and COSMOS_KEY."
)


class EnvironmentUnavailable(RuntimeError):
    """What the app needs can't be provided here; the message says how to fix that."""


@contextmanager
def app_environment() -> Iterator[dict[str, str]]:
    """Start what the app needs and yield its app settings; stop everything on exit."""
    endpoint, key = os.environ.get("COSMOS_ENDPOINT"), os.environ.get("COSMOS_KEY")
    if endpoint or key:
        if not (endpoint and key):
            raise EnvironmentUnavailable("Set both COSMOS_ENDPOINT and COSMOS_KEY, or neither.")
        with _own_database(endpoint, key) as settings:
            yield settings
    else:
        with _local_server() as local_endpoint:
            yield {
                "COSMOS_ENDPOINT": local_endpoint,
                "COSMOS_KEY": LOCAL_KEY,
                "COSMOS_DATABASE": f"test-catalog-{uuid.uuid4().hex[:8]}",
                "COSMOS_CONTAINER": "products",
            }


@contextmanager
def _own_database(endpoint: str, key: str) -> Iterator[dict[str, str]]:
    """Settings for an existing endpoint; delete the database on exit if it was made up here."""
    database = os.environ.get("COSMOS_DATABASE") or f"test-catalog-{uuid.uuid4().hex[:8]}"
    try:
        yield {
            "COSMOS_ENDPOINT": endpoint,
            "COSMOS_KEY": key,
            "COSMOS_DATABASE": database,
            "COSMOS_CONTAINER": os.environ.get("COSMOS_CONTAINER") or "products",
        }
    finally:
        if not os.environ.get("COSMOS_DATABASE"):
            from azure.cosmos import CosmosClient, exceptions

            # Not found: the app never created it.
            with (
                CosmosClient(endpoint, credential=key) as client,
                contextlib.suppress(exceptions.CosmosResourceNotFoundError),
            ):
                client.delete_database(database)


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


def _install_server(npm: str) -> None:
    """npm ci: the exact server version package-lock.json pins, into ./node_modules."""
    if SERVER_PACKAGE.is_file():
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
    if result.returncode != 0 or not SERVER_PACKAGE.is_file():
        output = (result.stdout + result.stderr).strip()[-2000:]
        raise EnvironmentUnavailable(
            f"'npm ci' in {SAMPLE_ROOT} failed (exit {result.returncode}), so the local "
            f"Cosmos DB server isn't installed:\n{output}"
        )


def _free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _drain(stream: IO[str]) -> None:
    """Read until the server exits; mirakuru closes the pipe once it has stopped it."""
    with contextlib.suppress(ValueError, OSError):
        for _line in stream:
            pass


@contextmanager
def _local_server() -> Iterator[str]:
    """Run tests/cosmosdb_server.js on a free port of 127.0.0.1; yield its endpoint.

    mirakuru starts it and waits for its ready line; on exit it stops the server and any
    process the server started. If this Python process dies before that (SIGKILL, or a
    SIGTERM Python doesn't handle), the server notices that its parent, whose pid it gets
    in PARENT_PID_VARIABLE, is gone, and exits within a second.
    """
    node, npm = _node_and_npm()
    _install_server(npm)
    for attempt in range(START_ATTEMPTS):
        # Another process may take the port before the server does: then try another.
        port = _free_port()
        server = OutputExecutor(
            [node, str(SERVER_SCRIPT), str(port)],
            banner=re.escape(f"Ready to accept HTTPS connections at 127.0.0.1:{port}"),
            cwd=str(SAMPLE_ROOT),
            envvars={PARENT_PID_VARIABLE: str(os.getpid())},
            timeout=START_TIMEOUT_SECONDS,
        )
        try:
            server.start()
        except (ProcessExitedWithError, TimeoutExpired) as error:
            server.kill()
            if attempt + 1 == START_ATTEMPTS:
                raise EnvironmentUnavailable(
                    f"The local Cosmos DB server didn't start within {START_TIMEOUT_SECONDS} s "
                    f"on port {port}: {error}"
                ) from error
            continue
        break
    # Keep reading what the server prints, so that its pipe never fills up.
    reader = threading.Thread(
        target=_drain, args=(server.output(),), name="cosmosdb-server-output", daemon=True
    )
    reader.start()
    try:
        yield f"https://127.0.0.1:{port}/"
    finally:
        server.stop()
        reader.join(timeout=10)
