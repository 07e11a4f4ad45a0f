"""Azurite as the tests run it: stopped at the end, also when pytest dies; Node.js missing."""

import os
import re
import shutil
import socket
import subprocess
import sys

import app_environment
import pytest
from app_environment import EnvironmentUnavailable

SETTING = "AzureWebJobsStorage"


def accepts_connections(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_azurite_listens_on_loopback_and_is_gone_after_the_block():
    # A second Azurite, apart from the session's, to see it stop.
    with app_environment.app_environment() as settings:
        blob_port = int(re.search(r"BlobEndpoint=http://127\.0\.0\.1:(\d+)/", settings[SETTING])[1])
        assert accepts_connections(blob_port)

    assert not accepts_connections(blob_port)


def test_the_watchdog_ends_node_when_its_parent_is_gone():
    node = shutil.which("node")
    assert node, app_environment.NODE_MISSING
    parent = subprocess.Popen([sys.executable, "-c", "pass"])
    parent.wait()  # gone: the watchdog must notice
    child = subprocess.Popen(
        [node, "--require", str(app_environment.WATCHDOG), "-e", "setInterval(() => {}, 1000)"],
        env={**os.environ, "AZURITE_PARENT_PID": str(parent.pid)},
    )
    try:
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_without_node_the_failure_says_what_to_install(monkeypatch):
    monkeypatch.setattr(app_environment.shutil, "which", lambda name: None)

    with (
        pytest.raises(EnvironmentUnavailable, match="need Node.js 20 or later"),
        app_environment.app_environment(),
    ):
        pass  # pragma: no cover


def test_an_old_node_is_refused(monkeypatch, tmp_path):
    old_node = tmp_path / "node"
    old_node.write_text("#!/bin/sh\necho v18.20.0\n")
    old_node.chmod(0o755)
    monkeypatch.setattr(
        app_environment.shutil, "which", lambda name: str(old_node) if name == "node" else "npm"
    )

    with (
        pytest.raises(EnvironmentUnavailable, match="Found Node.js v18.20.0"),
        app_environment.app_environment(),
    ):
        pass  # pragma: no cover
