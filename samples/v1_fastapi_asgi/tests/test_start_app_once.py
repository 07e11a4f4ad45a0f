"""http_app starts the FastAPI app once, and refuses requests when its start-up fails."""

import asyncio
from contextlib import asynccontextmanager

import azure.functions as func
import pytest
from fastapi import FastAPI

import http_app


@asynccontextmanager
async def failing_lifespan(api: FastAPI):
    raise ConnectionError("the database can't be reached")
    yield  # an async generator, as a lifespan must be; never reached


def test_a_failed_start_up_raises_instead_of_serving_without_state(monkeypatch):
    monkeypatch.setattr(
        http_app, "middleware", func.AsgiMiddleware(FastAPI(lifespan=failing_lifespan))
    )
    monkeypatch.setattr(http_app, "started", False)

    with pytest.raises(RuntimeError, match="failed to start"):
        asyncio.run(http_app.start_app_once())

    assert http_app.started is False  # the next request tries again
