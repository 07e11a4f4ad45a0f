"""Two ways into the same app, so every test can run through both.

- "functions": what Azure does. A func.HttpRequest goes to main() in http_app/, which
  hands it to Flask through the WSGI middleware; the test reads the func.HttpResponse.
- "testclient": Flask's own test client calls the Flask app directly, no Azure involved.

The functions path uses the real module `http_app`, so its books live for the whole test
session: tests make their own data (a unique author) instead of expecting an empty store.
"""

import json
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import azure.functions as func
import pytest

import http_app
from books_api import create_app


@dataclass
class Reply:
    """An HTTP response from either path: status, headers (any case) and body."""

    status: int
    headers: object
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class InvocationContext:
    """The attributes of the `context` the worker passes, which the middleware reads."""

    function_name: str = "http_app"
    invocation_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_directory: str = "."
    trace_context: object = None
    retry_context: object = None
    thread_local_storage: object = None


def to_func_request(method, path, *, json_body=None, body=b"", headers=None):
    """A func.HttpRequest shaped like the one the host builds for http://localhost:7071{path}."""
    headers = dict(headers or {})
    if json_body is not None:
        body = json.dumps(json_body).encode()
        headers.setdefault("Content-Type", "application/json")
    url = f"http://localhost:7071{path}"
    parts = urlsplit(url)
    return func.HttpRequest(
        method=method,
        url=url,  # the middleware takes the path and the query string from here
        headers=headers,
        params=dict(parse_qsl(parts.query)),
        route_params={"route": parts.path.lstrip("/")},
        body=body,
    )


class FunctionsPath:
    """Calls the function the worker would call."""

    def __init__(self, function):
        self._function = function

    def call(self, req: func.HttpRequest) -> func.HttpResponse:
        return self._function(req, InvocationContext())

    def request(self, method, path, *, json=None, body=b"", headers=None) -> Reply:
        resp = self.call(to_func_request(method, path, json_body=json, body=body, headers=headers))
        return Reply(resp.status_code, resp.headers, resp.get_body())


class TestClientPath:
    def __init__(self, client):
        self._client = client

    def request(self, method, path, *, json=None, body=b"", headers=None) -> Reply:
        data = None if json is not None else body
        resp = self._client.open(path, method=method, json=json, data=data, headers=headers)
        return Reply(resp.status_code, resp.headers, resp.get_data())


@pytest.fixture(scope="session")
def functions_path():
    return FunctionsPath(http_app.main)


@pytest.fixture
def testclient_path():
    return TestClientPath(create_app().test_client())


@pytest.fixture(params=["functions", "testclient"])
def api(request):
    """The same app through each path in turn."""
    return request.getfixturevalue(f"{request.param}_path")


@pytest.fixture
def author():
    """An author no other test uses, so listing by author sees only this test's books."""
    return f"Author {uuid.uuid4().hex[:8]}"
