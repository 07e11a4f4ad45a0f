"""Two ways into the same app, so every test can run through both.

- "functions": what Azure does. A func.HttpRequest goes to the app's one HTTP function,
  which hands it to FastAPI through the ASGI middleware; the test reads the func.HttpResponse.
- "testclient": FastAPI's own TestClient calls the FastAPI app directly, no Azure involved.

The functions path uses the real `function_app.app`, so its books live for the whole test
session: tests make their own data (a unique author) instead of expecting an empty store.
"""

import asyncio
import json
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import azure.functions as func
import pytest
from fastapi.testclient import TestClient

import function_app
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

    function_name: str = "books_api"
    invocation_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_directory: str = "."
    trace_context: object = None
    retry_context: object = None
    thread_local_storage: object = None


# --8<-- [start:func-request]
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


# --8<-- [end:func-request]


class FunctionsPath:
    """Calls the function the worker would call, on one event loop, as the worker does."""

    def __init__(self, function, loop):
        self._function = function
        self._loop = loop

    def call(self, req: func.HttpRequest) -> func.HttpResponse:
        return self._loop.run_until_complete(self._function(req, InvocationContext()))

    def request(self, method, path, *, json=None, body=b"", headers=None) -> Reply:
        resp = self.call(to_func_request(method, path, json_body=json, body=body, headers=headers))
        return Reply(resp.status_code, resp.headers, resp.get_body())


class TestClientPath:
    def __init__(self, client: TestClient):
        self._client = client

    def request(self, method, path, *, json=None, body=b"", headers=None) -> Reply:
        resp = self._client.request(method, path, json=json, content=body or None, headers=headers)
        return Reply(resp.status_code, resp.headers, resp.content)


@pytest.fixture(scope="session")
def indexed_functions():
    """The functions of function_app.app, as the worker indexes them (once per app object)."""
    return {f.get_function_name(): f for f in function_app.app.get_functions()}


@pytest.fixture(scope="session")
def functions_path(indexed_functions):
    loop = asyncio.new_event_loop()
    yield FunctionsPath(indexed_functions["books_api"].get_user_function(), loop)
    if function_app.app.startup_task_done:
        # What the host's shutdown would do: let the lifespan hook finish.
        loop.run_until_complete(function_app.app.middleware.notify_shutdown())
    loop.close()


@pytest.fixture
def testclient_path():
    # Entering the client runs the lifespan hook, as a server would on start-up.
    with TestClient(create_app()) as client:
        yield TestClientPath(client)


# --8<-- [start:both-paths]
@pytest.fixture(params=["functions", "testclient"])
def api(request):
    """The same app through each path in turn."""
    return request.getfixturevalue(f"{request.param}_path")


# --8<-- [end:both-paths]


@pytest.fixture
def author():
    """An author no other test uses, so listing by author sees only this test's books."""
    return f"Author {uuid.uuid4().hex[:8]}"
