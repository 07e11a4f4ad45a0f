"""App settings: required ones stop the app at start with a clear message; optional ones default."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import azure.functions as func
import pytest

import function_app
from observability_kit.settings import SettingError, load_settings

APP_DIR = Path(function_app.__file__).parent


def test_settings_read_at_start():
    assert function_app.settings.service_name == "observability-sample"
    response = function_app.app_settings(func.HttpRequest("GET", "/api/settings", body=b""))
    assert json.loads(response.get_body()) == {
        "service_name": "observability-sample",
        "greeting": "Hello",
    }


def test_optional_settings_take_their_defaults(monkeypatch):
    monkeypatch.delenv("GREETING", raising=False)
    monkeypatch.delenv("MAX_SLEEP_MS", raising=False)
    settings = load_settings()
    assert (settings.greeting, settings.max_sleep_ms) == ("Hello", 1000)


def test_an_optional_setting_overrides_its_default(monkeypatch):
    monkeypatch.setenv("GREETING", "Welcome")
    assert load_settings().greeting == "Welcome"


@pytest.mark.parametrize("value", [None, "", "  "])
def test_a_missing_required_setting_names_itself(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("SERVICE_NAME")
    else:
        monkeypatch.setenv("SERVICE_NAME", value)
    with pytest.raises(SettingError, match="The app setting SERVICE_NAME is required"):
        load_settings()


def test_a_setting_the_app_cannot_use_is_refused(monkeypatch):
    monkeypatch.setenv("MAX_SLEEP_MS", "lots")
    with pytest.raises(SettingError, match="MAX_SLEEP_MS must be a number, not 'lots'"):
        load_settings()


def test_the_app_does_not_start_without_it():
    """What the worker sees when it indexes the app: the import fails with the message."""
    env = {k: v for k, v in os.environ.items() if k != "SERVICE_NAME"}
    result = subprocess.run(
        [sys.executable, "-c", "import function_app"],
        cwd=APP_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SettingError: The app setting SERVICE_NAME is required and not set" in result.stderr
