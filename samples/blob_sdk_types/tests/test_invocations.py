"""The invocations in invocations.json, replayed in-process in file order.

The conformance run sends the same file through the real Python worker. Here each
ModelBindingData entry goes through the extension's own converter, as the worker hands it
over, so the function gets the SDK object the extension builds from the binding data.
"""

import inspect
import json
import logging
from pathlib import Path
from types import SimpleNamespace

import azure.functions as func
import pytest
from azurefunctions.extensions.base import Datum
from azurefunctions.extensions.bindings.blob import BlobClientConverter

import function_app

INVOCATIONS = json.loads((Path(__file__).parent / "invocations.json").read_text())
# Function name (as the worker reports it) -> the Python function, and its trigger's parameter.
FUNCTIONS = {
    "UploadFile": (function_app.upload_file, "req"),
    "ListFiles": (function_app.list_files, "req"),
    "ReadDigest": (function_app.read_digest, "req"),
    "DigestUpload": (function_app.digest_upload, "upload"),
    "CheckUpload": (function_app.check_upload, "upload"),
}


def binding_data(notation: dict) -> Datum:
    """A TypedData model_binding_data in the invocations' notation, as the worker passes it."""
    model = notation["model_binding_data"]
    message = SimpleNamespace(
        version=model["version"],
        source=model["source"],
        content_type=model["content_type"],
        content=json.dumps(model["content"]).encode(),
    )
    return Datum(value=message, type="model_binding_data")


def parameters(function) -> dict[str, inspect.Parameter]:
    """The parameters of the Python function behind a decorated one."""
    return dict(inspect.signature(function.build().get_user_function()).parameters)


def sdk_object(function, parameter: str, notation: dict):
    pytype = parameters(function)[parameter].annotation
    assert BlobClientConverter.check_input_type_annotation(pytype)
    return BlobClientConverter.decode(binding_data(notation), trigger_metadata={}, pytype=pytype)


def http_request(request: dict, route_params: dict[str, str]) -> func.HttpRequest:
    body = request.get("body", "").encode()
    if "json" in request:
        body = json.dumps(request["json"]).encode()
    return func.HttpRequest(
        request.get("method", "GET"),
        request["path"],
        body=body,
        headers=request.get("headers", {}),
        params=request.get("query", {}),
        route_params=route_params,
    )


def route_params(path: str) -> dict[str, str]:
    """The {name} of the app's routes: files/{name} and digests/{name}."""
    parts = path.strip("/").split("/")
    return {"name": parts[2]} if len(parts) > 2 else {}


def test_every_function_is_invoked():
    assert {entry["function"] for entry in INVOCATIONS} == set(FUNCTIONS)


def test_invocations_in_file_order(storage, caplog):
    # The file's containers, empty, as in a new storage account.
    for container in ("uploads", "digests"):
        if storage.get_container_client(container).exists():
            storage.delete_container(container)

    for number, entry in enumerate(INVOCATIONS):
        function, trigger = FUNCTIONS[entry["function"]]
        arguments = {
            name: sdk_object(function, name, notation)
            for name, notation in entry.get("inputs", {}).items()
        }
        if "request" in entry:
            arguments[trigger] = http_request(
                entry["request"], route_params(entry["request"]["path"])
            )
        else:
            arguments[trigger] = sdk_object(function, trigger, entry["trigger"])
        caplog.clear()

        with caplog.at_level(logging.INFO):
            result = function(**arguments)

        where = f"entry {number} ({entry['function']})"
        if "request" in entry:
            expected = entry.get("status")
            if expected is None:
                assert 200 <= result.status_code < 300, where
            else:
                assert result.status_code == expected, where
            if "response_json" in entry:
                assert json.loads(result.get_body()) == entry["response_json"], where
        for text in entry.get("logs", []):
            assert text in caplog.text, where


@pytest.mark.parametrize("function_name", sorted(FUNCTIONS))
def test_blob_parameters_are_sdk_types(function_name):
    function, trigger = FUNCTIONS[function_name]
    for name, parameter in parameters(function).items():
        if name != "req":
            assert BlobClientConverter.check_input_type_annotation(parameter.annotation), name
