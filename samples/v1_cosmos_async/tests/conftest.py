"""Fixtures: a real Cosmos DB server for the session, and one event loop, as in the worker."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import azure.functions as func
import pytest
from app_environment import EnvironmentUnavailable, app_environment

import database
from CreateProduct import main as create_product
from ListProducts import main as list_products
from QueryProducts import main as query_products
from ReadProduct import main as read_product


@pytest.fixture(scope="session")
def app_settings() -> dict[str, str]:
    """The app settings of a Cosmos DB server that runs for the whole test session."""
    with contextlib.ExitStack() as stack:
        try:
            settings = stack.enter_context(app_environment())
        except EnvironmentUnavailable as error:
            problem = str(error)  # reported below, outside the except: no chained traceback
        else:
            problem = None
        if problem:
            pytest.fail(problem, pytrace=False)
        yield settings


@pytest.fixture(scope="session")
def run(app_settings) -> Callable[[Coroutine], Any]:
    """Run a coroutine to completion on the session's one event loop.

    The worker runs every async function of the app on one event loop, so the cached
    client is made on that loop and used on it; the tests do the same. At the end the
    app's client is closed, before the server stops.
    """
    loop = asyncio.new_event_loop()
    yield loop.run_until_complete
    loop.run_until_complete(database.close())
    loop.close()


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str]


class Api:
    """Calls the app's functions the way the host does: main() of each function's folder,
    with an HttpRequest, on one loop."""

    def __init__(self, run: Callable[[Coroutine], Any]) -> None:
        self.run = run

    def call(self, function, method: str, url: str, body: bytes = b"", **request: Any) -> Answer:
        response = self.run(function(func.HttpRequest(method, url, body=body, **request)))
        return Answer(response.status_code, json.loads(response.get_body()), dict(response.headers))

    def create(self, product: Any) -> Answer:
        body = product if isinstance(product, bytes) else json.dumps(product).encode()
        return self.call(create_product, "POST", "/api/products", body=body)

    def read(self, category: str, product_id: str) -> Answer:
        return self.call(
            read_product,
            "GET",
            f"/api/products/{category}/{product_id}",
            route_params={"category": category, "id": product_id},
        )

    def list(self) -> Answer:
        return self.call(list_products, "GET", "/api/products")

    def query(self, **params: str) -> Answer:
        return self.call(query_products, "GET", "/api/products/search", params=params)


@pytest.fixture
def api(app_settings, run, monkeypatch) -> Api:
    """The app's functions, with the session server's settings as app settings."""
    for name, value in app_settings.items():
        monkeypatch.setenv(name, value)
    return Api(run)


@pytest.fixture
def new_product() -> Callable[..., dict[str, Any]]:
    """Make a valid product with a unique id (and, unless given, a unique category)."""

    def make(**fields: Any) -> dict[str, Any]:
        suffix = uuid.uuid4().hex[:8]
        return {
            "id": f"p-{suffix}",
            "category": f"tools-{suffix}",
            "name": "Hammer",
            "price": 12.5,
        } | fields

    return make
