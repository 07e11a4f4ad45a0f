import json

import azure.functions as func

from greetings import greet_by_route, hello


def make_request(params=None, body=b"", method="GET"):
    return func.HttpRequest(method=method, url="/api/hello", params=params or {}, body=body)


def test_name_from_query_string():
    resp = hello(make_request(params={"name": "Ada"}))

    assert resp.status_code == 200
    assert resp.get_body() == b"Hello, Ada!"


def test_name_from_json_body():
    resp = hello(make_request(method="POST", body=json.dumps({"name": "Grace"}).encode()))

    assert resp.status_code == 200
    assert resp.get_body() == b"Hello, Grace!"


def test_query_string_wins_over_body():
    resp = hello(make_request(params={"name": "Ada"}, method="POST", body=b'{"name": "Grace"}'))

    assert resp.get_body() == b"Hello, Ada!"


def test_missing_name_returns_400_with_a_hint():
    resp = hello(make_request())

    assert resp.status_code == 400
    assert b"Pass a name" in resp.get_body()


def test_malformed_json_returns_400():
    resp = hello(make_request(method="POST", body=b'{"name": "Ada"'))

    assert resp.status_code == 400
    assert resp.get_body() == b"The request body is not valid JSON."


def test_json_without_a_string_name_returns_400():
    for body in (b'["Ada"]', b'{"name": 42}', b'{"name": "   "}', b"{}"):
        resp = hello(make_request(method="POST", body=body))
        assert resp.status_code == 400, body


def test_route_parameter_and_header():
    req = func.HttpRequest(
        method="GET",
        url="/api/hello/Ada",
        route_params={"name": "Ada"},
        headers={"X-Salutation": "Welcome"},
        body=b"",
    )

    resp = greet_by_route(req)

    assert resp.status_code == 200
    assert resp.mimetype == "application/json"
    assert resp.headers["Cache-Control"] == "no-store"
    assert json.loads(resp.get_body()) == {"message": "Welcome, Ada!"}


def test_route_parameter_without_header_uses_default_salutation():
    req = func.HttpRequest(
        method="GET", url="/api/hello/Ada", route_params={"name": "Ada"}, body=b""
    )

    assert json.loads(greet_by_route(req).get_body()) == {"message": "Hello, Ada!"}


def test_deeply_nested_json_returns_400():
    # json.loads raises RecursionError here, not ValueError; the depth that fails
    # depends on the Python version, 100 000 levels fail on all of them.
    body = b"[" * 100_000 + b"]" * 100_000

    resp = hello(make_request(method="POST", body=body))

    assert resp.status_code == 400
    assert resp.get_body() == b"The request body is nested too deeply."
