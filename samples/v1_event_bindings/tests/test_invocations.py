"""tests/invocations.json, the examples the conformance harness sends through the real worker,
replayed here on any Python: each example's data goes through the azure.functions converters
the worker uses (decode for what the host sends, encode for what it answers)."""

from __future__ import annotations

import base64
import json
import logging
import re
from pathlib import Path

import azure.functions as func
import pytest
from azure.functions import meta
from indexed import BINDINGS, FUNCTIONS

EXAMPLES = json.loads(Path(__file__).with_name("invocations.json").read_text(encoding="utf-8"))


def datum(notation: dict | None) -> meta.Datum | None:
    """TypedData notation as the worker hands it to a converter."""
    if notation is None:
        return None
    ((kind, value),) = notation.items()
    if kind == "json":
        return meta.Datum(json.dumps(value), "json")
    if kind == "bytes_base64":
        return meta.Datum(base64.b64decode(value), "bytes")
    return meta.Datum(value.encode() if kind == "bytes" else value, kind)


def decode(binding: dict, notation: dict | None, metadata: dict):
    converter = meta.get_binding_registry().get(binding["type"])
    return converter.decode(datum(notation), trigger_metadata=metadata)


def request(binding: dict, spec: dict) -> func.HttpRequest:
    route = "/api/" + binding["route"]
    pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]*)", route)
    params = re.fullmatch(pattern, spec["path"]).groupdict()
    body = json.dumps(spec["json"]).encode() if "json" in spec else b""
    return func.HttpRequest(spec.get("method", "GET"), spec["path"], body=body, route_params=params)


class Out(func.Out):
    def __init__(self) -> None:
        self.value = None

    def set(self, val) -> None:
        self.value = val

    def get(self):
        return self.value


def test_every_function_has_an_example():
    assert set(FUNCTIONS) == {example["function"] for example in EXAMPLES}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["function"])
def test_example(example, caplog):
    caplog.set_level(logging.INFO)
    bindings = BINDINGS[example["function"]]
    metadata = {k: datum(v) for k, v in example.get("metadata", {}).items()}
    args, outs = {}, {}
    for name, binding in bindings.items():
        if binding["direction"].lower() == "out":
            if binding["type"] != "http":
                outs[name] = args[name] = Out()
        elif binding["type"] == "httpTrigger":
            args[name] = request(binding, example["request"])
        elif binding["type"].endswith("Trigger"):
            args[name] = decode(binding, example["trigger"], metadata)
        else:
            args[name] = decode(binding, example.get("inputs", {}).get(name), metadata)

    result = FUNCTIONS[example["function"]](**args)

    if "request" in example:
        assert result.status_code == example.get("status", 200)
        if "response_json" in example:
            assert json.loads(result.get_body()) == example["response_json"]
    for name, expected in example.get("outputs", {}).items():
        value = outs[name].get()
        if expected is None:
            assert value is None
            continue
        converter = meta.get_binding_registry().get(bindings[name]["type"])
        answer = converter.encode(value, expected_type=None)
        ((kind, expected_value),) = expected.items()
        assert answer.type == kind
        if kind == "json":
            assert json.loads(answer.value) == expected_value
        else:
            assert answer.value == expected_value
    for line in example.get("logs", []):
        assert any(line in record.getMessage() for record in caplog.records)
