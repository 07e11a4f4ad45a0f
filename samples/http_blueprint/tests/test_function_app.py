"""What the worker sees when it indexes function_app.py."""

import json

import pytest

import function_app


@pytest.fixture(scope="module")
def http_triggers():
    """The httpTrigger binding of each function, as the host receives it."""
    # get_functions() may be called once per app object, so index it once for the module.
    triggers = {}
    for function in function_app.app.get_functions():
        bindings = json.loads(function.get_function_json())["bindings"]
        (trigger,) = [b for b in bindings if b["type"] == "httpTrigger"]
        triggers[function.get_function_name()] = trigger
    return triggers


def test_blueprint_functions_are_registered_with_the_app(http_triggers):
    assert set(http_triggers) == {"HttpGreeting", "GreetByRoute", "DoubleValue"}


def test_routes_and_methods(http_triggers):
    assert http_triggers["HttpGreeting"]["route"] == "hello"
    assert sorted(http_triggers["HttpGreeting"]["methods"]) == ["GET", "POST"]
    assert http_triggers["GreetByRoute"]["route"] == "hello/{name}"
    assert http_triggers["DoubleValue"]["route"] == "double"
    assert http_triggers["DoubleValue"]["methods"] == ["GET"]


def test_greetings_are_anonymous_and_double_needs_a_function_key(http_triggers):
    assert http_triggers["HttpGreeting"]["authLevel"] == "ANONYMOUS"
    assert http_triggers["GreetByRoute"]["authLevel"] == "ANONYMOUS"
    assert http_triggers["DoubleValue"]["authLevel"] == "FUNCTION"
