"""tests/invocations.json, replayed by calling each function directly.

The guide's conformance run sends these invocations through the real Python worker. Here
the trigger data goes through the converters of the azure-functions library that the worker
uses, each function is called with the result and with Out stand-ins, and what it sets,
answers and logs is compared with what the file expects. So the file can't drift from the
app, and every function must have an invocation.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import azure.functions as func
import pytest
from app_index import functions
from azure.functions import meta

INVOCATIONS = json.loads((Path(__file__).parent / "invocations.json").read_text(encoding="utf-8"))
ROUTE_PREFIX = "/api/"


def datum(notation: dict | None) -> meta.Datum | None:
    """The file's TypedData notation as the Datum the worker's converters take."""
    if notation is None:
        return None
    ((kind, value),) = notation.items()
    if kind == "json":
        return meta.Datum(type="json", value=json.dumps(value))
    if kind == "bytes":
        return meta.Datum(type="bytes", value=value.encode())
    return meta.Datum(type=kind, value=value)


def trigger_value(binding: dict, entry: dict) -> Any:
    """The trigger's parameter value, decoded as the worker decodes it."""
    if binding["type"] == "httpTrigger":
        return http_request(binding, entry["request"])
    converter = meta.get_binding_registry().get(binding["type"])
    metadata = {name: datum(value) for name, value in entry.get("metadata", {}).items()}
    return converter.decode(datum(entry["trigger"]), trigger_metadata=metadata)


def http_request(binding: dict, request: dict) -> func.HttpRequest:
    path = request["path"]
    assert path.startswith(ROUTE_PREFIX), path
    pattern = re.sub(r"{(\w+)}", r"(?P<\1>[^/]+)", binding["route"])
    route = re.fullmatch(pattern, path.removeprefix(ROUTE_PREFIX))
    assert route, f"{path} doesn't match the route {binding['route']}"
    body = request.get("body", "").encode()
    if "json" in request:
        body = json.dumps(request["json"]).encode()
    return func.HttpRequest(
        request.get("method", "GET"),
        path,
        body=body,
        headers=request.get("headers", {}),
        params=request.get("query", {}),
        route_params=route.groupdict(),
    )


def expected(notation: dict) -> Any:
    """What a function must have set for an output, in the file's notation."""
    ((kind, value),) = notation.items()
    return value.encode() if kind == "bytes" else value


class Recorded:
    def __init__(self) -> None:
        self.value = None

    def set(self, value: Any) -> None:
        self.value = value

    def get(self) -> Any:
        return self.value


def test_every_function_has_an_invocation():
    assert {entry["function"] for entry in INVOCATIONS} == set(functions())


@pytest.mark.parametrize(
    "entry", INVOCATIONS, ids=[f"{i}-{e['function']}" for i, e in enumerate(INVOCATIONS)]
)
def test_invocation_gives_the_expected_outputs(entry, caplog, storage_settings):
    # storage_settings: the app settings of the session's Azurite, for list_reports.
    function, bindings = functions()[entry["function"]]
    arguments: dict[str, Any] = {}
    outputs: dict[str, Recorded] = {}
    for binding in bindings:
        name = binding["name"]
        if binding["type"].endswith("Trigger"):
            arguments[name] = trigger_value(binding, entry)
        elif binding["direction"] == "in":
            arguments[name] = (datum(entry["inputs"][name]) or meta.Datum(None, None)).value
        elif name != "$return":
            arguments[name] = outputs.setdefault(name, Recorded())

    with caplog.at_level(logging.INFO):
        result = function(**arguments)

    for name, notation in entry.get("outputs", {}).items():
        assert outputs[name].get() == expected(notation), name
    if "request" in entry:
        if "status" in entry:
            assert result.status_code == entry["status"]
        else:
            assert 200 <= result.status_code < 300
        if "response_json" in entry:
            assert json.loads(result.get_body()) == entry["response_json"]
    for text in entry.get("logs", []):
        assert text in caplog.text
