"""The local server ends however the tests end: no server is left behind by a killed pytest.

pytest runs in a child process on a tiny test that starts the server and waits. This test
kills that pytest, with SIGTERM (which Python doesn't handle: no cleanup runs) and with
SIGKILL, and checks that the server, found by the pid of its parent in its environment,
is gone soon after.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest
from app_environment import PARENT_PID_VARIABLE

TESTS_DIR = Path(__file__).resolve().parent
READY = "SERVER READY"
HOLD_THE_SERVER = f"""
import sys
import time

sys.path.insert(0, {str(TESTS_DIR)!r})
from app_environment import app_environment


def test_hold_the_server():
    with app_environment():
        print({READY!r}, flush=True)
        time.sleep(120)
"""


def servers_started_by(parent_pid: int) -> list[int]:
    """The pids of the processes told to watch this parent (tests/cosmosdb_server.js)."""
    return [
        process.pid
        for process in psutil.process_iter(["environ"])
        if (process.info["environ"] or {}).get(PARENT_PID_VARIABLE) == str(parent_pid)
    ]


def is_gone(pid: int) -> bool:
    """No such process, or only a zombie waiting for its new parent to collect it."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_killing_pytest_leaves_no_server(tmp_path, monkeypatch, sig):
    # The tiny test uses the local server, not an endpoint the settings name.
    for name in ("COSMOS_ENDPOINT", "COSMOS_KEY"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "test_hold.py").write_text(textwrap.dedent(HOLD_THE_SERVER))
    inner = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "test_hold.py"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output = []
        for line in inner.stdout:
            output.append(line)
            if READY in line:
                break
        assert READY in "".join(output), "".join(output)
        servers = servers_started_by(inner.pid)
        assert servers, "no server process found for the inner pytest"

        inner.send_signal(sig)
        assert inner.wait(timeout=30) == -sig

        assert wait_until(lambda: all(is_gone(pid) for pid in servers), timeout=10), servers
    finally:
        if inner.poll() is None:
            inner.kill()
            inner.wait()
        inner.stdout.close()
        for pid in servers_started_by(inner.pid):  # if the test failed, leave none anyway
            with contextlib.suppress(psutil.NoSuchProcess):
                psutil.Process(pid).kill()
