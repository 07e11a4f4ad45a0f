"""The standalone script: runs against the endpoint in the environment and closes its client."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "seed_and_query.py"


def run_script(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def script_env(app_settings) -> dict[str, str]:
    """The app's settings, with a container of the script's own so that counts are exact."""
    return os.environ | app_settings | {"COSMOS_CONTAINER": f"script-{uuid.uuid4().hex[:8]}"}


def test_script_creates_reads_and_queries(script_env):
    result = run_script(script_env)

    assert result.returncode == 0, result.stderr
    assert "All products: 5" in result.stdout
    assert "Widgets up to 10: Widget Mini, Widget Standard" in result.stdout


def test_script_can_run_twice(script_env):
    run_script(script_env)

    result = run_script(script_env)

    assert result.returncode == 0, result.stderr
    assert "All products: 5" in result.stdout  # upserted, not duplicated


def test_script_closes_its_client(script_env):
    result = run_script(script_env | {"PYTHONWARNINGS": "always::ResourceWarning"})

    # A connection left open is reported as a ResourceWarning ("unclosed transport...")
    # when the interpreter collects it.
    assert result.returncode == 0, result.stderr
    assert "unclosed" not in result.stderr.lower()


def test_script_without_settings_says_what_to_set(script_env):
    env = {k: v for k, v in script_env.items() if not k.startswith("COSMOS_")}

    result = run_script(env)

    assert result.returncode != 0
    assert "COSMOS_ENDPOINT" in result.stderr
