"""Assemble the FastAPI app: its lifespan hook and its routers."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

from books_api.errors import validation_failed
from books_api.routes import router
from books_api.store import BookStore

logger = logging.getLogger(__name__)


class State(TypedDict):
    store: BookStore


# --8<-- [start:lifespan]
@asynccontextmanager
async def lifespan(api: FastAPI) -> AsyncIterator[State]:
    """Runs once before the first request, and again when the host stops the app."""
    store = BookStore()  # a database client would be opened here
    logger.info("Books API started.")
    # Each request sees this state as request.state: the routes reach the store through it.
    yield {"store": store}
    logger.info("Books API stopped with %d book(s) in memory.", len(store))


def create_app() -> FastAPI:
    api = FastAPI(title="Books API", version="1.0.0", lifespan=lifespan)
    api.add_exception_handler(RequestValidationError, validation_failed)
    api.include_router(router)
    return api


# --8<-- [end:lifespan]
