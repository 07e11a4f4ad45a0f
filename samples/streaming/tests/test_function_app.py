"""What the worker and the host see: streams mode on, the functions, the settings."""

import json
from pathlib import Path

from azurefunctions.extensions.base import HttpV2FeatureChecker

import function_app  # noqa: F401  (importing it is what turns streams mode on)

APP_ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_extension_turns_http_streams_on():
    assert HttpV2FeatureChecker.http_v2_enabled()


def test_functions_routes_methods_and_auth_levels(host):
    triggers = {function.name: function.trigger for function in host.functions}

    assert set(triggers) == {"StreamRecords", "DownloadPayload", "UploadFile"}
    assert (triggers["StreamRecords"]["route"], triggers["StreamRecords"]["methods"]) == (
        "records",
        ["GET"],
    )
    assert (triggers["DownloadPayload"]["route"], triggers["DownloadPayload"]["methods"]) == (
        "payload",
        ["GET"],
    )
    assert (triggers["UploadFile"]["route"], triggers["UploadFile"]["methods"]) == (
        "upload",
        ["POST"],
    )
    assert {trigger["authLevel"] for trigger in triggers.values()} == {"FUNCTION"}


def test_local_settings_turn_on_what_streams_need():
    values = json.loads((APP_ROOT / "local.settings.json").read_text())["Values"]

    assert values["FUNCTIONS_WORKER_RUNTIME"] == "python"
    assert values["PYTHON_ENABLE_INIT_INDEXING"] == "1"
    assert values["PYTHON_ISOLATE_WORKER_DEPENDENCIES"] == "1"
    assert int(values["STREAM_MAX_UPLOAD_BYTES"]) == function_app.DEFAULT_MAX_UPLOAD_BYTES


def test_requirements_name_the_extension():
    lines = (APP_ROOT / "requirements.txt").read_text().splitlines()

    assert "azurefunctions-extensions-http-fastapi" in lines
    assert "azure-functions" in lines


def test_deployment_leaves_out_tests_client_and_benchmarks():
    ignored = (APP_ROOT / ".funcignore").read_text().splitlines()

    for entry in ("tests/", "benchmarks/", "client.py", "local.settings.json"):
        assert entry in ignored
