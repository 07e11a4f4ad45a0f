"""What Azure sees: one HTTP function that takes every route and every method."""

import json

import azure.functions as func
import pytest


@pytest.fixture(scope="module")
def http_trigger(indexed_functions):
    (function,) = indexed_functions.values()
    bindings = json.loads(function.get_function_json())["bindings"]
    (trigger,) = [b for b in bindings if b["type"] == "httpTrigger"]
    return trigger


def test_the_app_is_one_function_named_books_api(indexed_functions):
    assert list(indexed_functions) == ["books_api"]


def test_the_function_takes_every_route_and_method(http_trigger):
    assert http_trigger["route"] == "/{*route}"
    assert set(http_trigger["methods"]) >= {"GET", "POST", "PUT", "DELETE", "PATCH"}


def test_every_route_needs_a_function_key(http_trigger):
    assert http_trigger["authLevel"] == "FUNCTION"


# --8<-- [start:query-in-url]
def test_query_parameters_are_read_from_the_url_not_from_params(functions_path):
    """The middleware builds the ASGI request from req.url: `params` never reaches FastAPI."""
    req = func.HttpRequest(
        method="GET", url="http://localhost:7071/books", params={"limit": "0"}, body=b""
    )

    resp = functions_path.call(req)

    # FastAPI would refuse limit=0 with a 422: it never saw it, and used the default.
    assert resp.status_code == 200
    assert json.loads(resp.get_body())["limit"] == 20


# --8<-- [end:query-in-url]
