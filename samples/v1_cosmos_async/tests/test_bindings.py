"""The app's function.json files: names, routes, methods, and what the worker checks."""

import inspect

import pytest
from app_index import functions

FUNCTIONS = sorted(functions())


def bindings(name: str) -> dict[str, dict]:
    return {b["name"]: b for b in functions()[name][1]}


def test_every_function_is_found():
    assert FUNCTIONS == ["CreateProduct", "ListProducts", "QueryProducts", "ReadProduct"]


@pytest.mark.parametrize(
    ("name", "methods", "route"),
    [
        ("CreateProduct", ["post"], "products"),
        ("ListProducts", ["get"], "products"),
        ("QueryProducts", ["get"], "products/search"),
        ("ReadProduct", ["get"], "products/{category}/{id}"),
    ],
)
def test_routes_and_methods_are_those_of_the_v2_twin(name, methods, route):
    trigger = bindings(name)["req"]

    assert trigger["type"] == "httpTrigger"
    assert trigger["methods"] == methods
    assert trigger["route"] == route
    # The same key requirement as the twin's http_auth_level=func.AuthLevel.FUNCTION.
    assert trigger["authLevel"] == "function"


@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_return_value_is_the_http_response(name):
    assert bindings(name)["$return"] == {"type": "http", "direction": "out", "name": "$return"}


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_binding_name_is_a_parameter(name):
    """The worker refuses to load a function whose binding names and parameters differ."""
    parameters = set(inspect.signature(functions()[name][0]).parameters)

    assert set(bindings(name)) - {"$return"} == parameters


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_function_is_a_coroutine(name):
    """The worker runs async functions on its event loop, where the async client lives."""
    assert inspect.iscoroutinefunction(functions()[name][0])
