"""Async vs sync: awaiting lets invocations overlap; a blocking call in async def queues them."""

from __future__ import annotations

import asyncio
import time

import azure.functions as func
import pytest
from entry_points import functions

CONCURRENT = 10
SLEEP_MS = 100


def sleep_request(ms: str) -> func.HttpRequest:
    return func.HttpRequest("GET", "/api/sleep", params={"ms": ms}, body=b"")


async def run_concurrently(function) -> float:
    started = time.perf_counter()
    responses = await asyncio.gather(
        *(function(sleep_request(str(SLEEP_MS))) for _ in range(CONCURRENT))
    )
    assert {r.status_code for r in responses} == {200}
    return time.perf_counter() - started


def test_awaiting_invocations_overlap():
    elapsed = asyncio.run(run_concurrently(functions.sleep_async))
    assert elapsed < CONCURRENT * SLEEP_MS / 1000 / 2


def test_a_blocking_call_in_async_def_makes_them_queue():
    elapsed = asyncio.run(run_concurrently(functions.sleep_blocking))
    assert elapsed >= CONCURRENT * SLEEP_MS / 1000


def test_sync_sleeps_on_its_own_thread():
    assert functions.sleep_sync(sleep_request("0")).get_body() == b"slept (sync)"


@pytest.mark.parametrize("function", ["sleep_async", "sleep_sync", "sleep_blocking"])
@pytest.mark.parametrize("ms", ["-1", "ten", "1001", "1.5", "²", "9" * 5000])
def test_a_bad_duration_is_a_400(function, ms):
    call = getattr(functions, function)
    response = call(sleep_request(ms))
    if asyncio.iscoroutine(response):
        response = asyncio.run(response)
    assert response.status_code == 400
    assert response.get_body() == b"ms must be a whole number from 0 to 1000."
