"""The lifespan hook: it creates the store before the first request and runs again at stop."""

import logging

import pytest
from fastapi.testclient import TestClient

from books_api import create_app


def messages(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "books_api.app"]


def test_lifespan_runs_at_start_and_at_stop(caplog):
    caplog.set_level(logging.INFO, logger="books_api.app")

    with TestClient(create_app()) as client:
        assert messages(caplog) == ["Books API started."]
        client.post("/books", json={"title": "Middlemarch", "author": "George Eliot", "year": 1871})

    assert messages(caplog)[-1] == "Books API stopped with 1 book(s) in memory."


def test_without_the_lifespan_there_is_no_store():
    # A TestClient that isn't entered, like a server that skips the lifespan, never runs it.
    client = TestClient(create_app())

    with pytest.raises(AttributeError, match="store"):
        client.get("/books")


def test_each_app_has_its_own_store():
    book = {"title": "Middlemarch", "author": "George Eliot", "year": 1871}
    with TestClient(create_app()) as first, TestClient(create_app()) as second:
        first.post("/books", json=book)

        assert first.get("/books").json()["total"] == 1
        assert second.get("/books").json()["total"] == 0


def test_the_function_app_starts_the_lifespan_on_its_first_request(functions_path):
    # AsgiFunctionApp runs the lifespan hook before it passes the first request on.
    reply = functions_path.request("GET", "/books")

    assert reply.status == 200
