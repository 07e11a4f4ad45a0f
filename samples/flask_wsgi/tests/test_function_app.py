"""What Azure sees: one HTTP function that takes every route and every method."""

import json
import logging

import azure.functions as func
import pytest

from books_api import create_app


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


def test_query_parameters_are_read_from_the_url_not_from_params(functions_path):
    """The middleware builds the WSGI environ from req.url: `params` never reaches Flask."""
    req = func.HttpRequest(
        method="GET", url="http://localhost:7071/books", params={"limit": "0"}, body=b""
    )

    resp = functions_path.call(req)

    # Flask would refuse limit=0 with a 400: it never saw it, and used the default.
    assert resp.status_code == 200
    assert json.loads(resp.get_body())["limit"] == 20


def test_an_unexpected_error_fails_only_its_own_request(monkeypatch):
    # With no handler on the root logger (as in a plain script), Flask would add its own,
    # which writes to wsgi.errors. pytest has handlers there: take them away for this test.
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    # An app with one route that breaks, behind the same middleware the function uses.
    flask_app = create_app()

    @flask_app.get("/broken")
    def broken():
        raise RuntimeError("a bug")

    middleware = func.WsgiMiddleware(flask_app)
    get = lambda path: func.HttpRequest(method="GET", url=f"http://localhost{path}", body=b"")  # noqa: E731

    # The middleware raises on a 5xx, and the host answers 500 ...
    with pytest.raises(Exception, match="Internal Server Error"):
        middleware.handle(get("/broken"))
    # ... and the next request is served: nothing was left behind in wsgi.errors.
    assert middleware.handle(get("/books")).status_code == 200
