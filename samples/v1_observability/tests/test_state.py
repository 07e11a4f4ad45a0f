"""Global state: a per-process cache, read once, and a counter that stays exact under threads."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import azure.functions as func
import pytest
from entry_points import functions

from observability_kit import catalogue


@pytest.fixture(autouse=True)
def fresh_process_state():
    catalogue.forget_catalogue()
    yield
    catalogue.forget_catalogue()


def lookup(name: str) -> func.HttpResponse:
    request = func.HttpRequest(
        "GET", f"/api/catalogue/{name}", route_params={"name": name}, body=b""
    )
    return functions.catalogue_item(request)


def test_the_file_is_read_once_per_process(monkeypatch):
    reads = []
    read_text = type(catalogue.CATALOGUE_FILE).read_text

    def counting_read(path, *args, **kwargs):
        reads.append(path)
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(type(catalogue.CATALOGUE_FILE), "read_text", counting_read)
    first = catalogue.load_catalogue()
    assert catalogue.load_catalogue() is first
    assert reads == [catalogue.CATALOGUE_FILE]


def test_lookups_count_per_process():
    assert json.loads(lookup("mug").get_body()) == {
        "name": "mug",
        "price": 6.0,
        "lookups_in_this_process": 1,
    }
    assert json.loads(lookup("mug").get_body())["lookups_in_this_process"] == 2


def test_counting_from_many_threads_loses_nothing():
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(catalogue.count_lookup, ["kettle"] * 400))
    assert catalogue.count_lookup("kettle") == 401


def test_an_unknown_item_is_a_404():
    response = lookup("spoon")
    assert response.status_code == 404
    assert response.get_body() == b"No item named 'spoon'."
