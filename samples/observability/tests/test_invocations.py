"""tests/invocations.json, the examples the conformance harness sends through the real worker,
called here directly: each answers as the file expects, and every function has an example."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from pathlib import Path

import azure.functions as func
import pytest
from azure.functions.decorators.function_app import FunctionBuilder
from azure.functions.timer import TimerRequest

import function_app

EXAMPLES = json.loads(Path(__file__).with_name("invocations.json").read_text(encoding="utf-8"))


def expand(value, invocation_id: str):
    return json.loads(json.dumps(value).replace("{invocation_id}", invocation_id))


def test_every_function_has_an_example():
    # Here each function's name is its Python name, and the decorated functions stay callable.
    names = {n for n, f in vars(function_app).items() if isinstance(f, FunctionBuilder)}
    assert names == {example["function"] for example in EXAMPLES}


def arguments(example: dict, function: FunctionBuilder, context) -> dict:
    if "request" in example:
        request = example["request"]
        args = {
            "req": func.HttpRequest(
                request.get("method", "GET"),
                request["path"],
                params=request.get("query", {}),
                route_params={"name": request["path"].rsplit("/", 1)[-1]},
                body=request.get("body", "").encode(),
            )
        }
    else:
        args = {"timer": TimerRequest(past_due=example["trigger"]["json"]["IsPastDue"])}
    if "context" in inspect.signature(function.build().get_user_function()).parameters:
        args["context"] = context
    return args


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["function"])
def test_example(example, make_context, caplog):
    caplog.set_level(logging.INFO)
    function = getattr(function_app, example["function"])
    context = make_context(example["function"])
    result = function(**arguments(example, function, context))
    if inspect.iscoroutine(result):
        result = asyncio.run(result)
    if "request" in example:
        assert result.status_code == example.get("status", 200)
        if "response_json" in example:
            expected = expand(example["response_json"], context.invocation_id)
            assert json.loads(result.get_body()) == expected
    lines = [record.getMessage() for record in caplog.records]
    for expected in expand(example.get("logs", []), context.invocation_id):
        assert any(expected in line for line in lines), expected
