"""Reads per second: the app's async client, made once and reused, against a sync client
made for each invocation, the pattern the app avoids. Both read the same product from the
same local server (@vercel/cosmosdb-server on 127.0.0.1, started by tests/app_environment.py).

Each round sends READS concurrent reads through each variant, in alternating order. It
prints the figures and writes them to benchmarks/results.md. Bounded: ROUNDS rounds, or
fewer if TIME_BUDGET_SECONDS runs out, and any round that takes over ROUND_TIMEOUT_SECONDS
stops the run.

Run from the sample folder: nox -s "benchmark(cosmos_async)", or python benchmarks/run.py.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import platform
import statistics
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from importlib.metadata import version
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(SAMPLE), str(SAMPLE / "tests")]

import azure.functions as func  # noqa: E402
from app_environment import app_environment  # noqa: E402
from azure.cosmos import CosmosClient  # noqa: E402

import database  # noqa: E402
import function_app  # noqa: E402

READS = 200
ROUNDS = 5
TIME_BUDGET_SECONDS = 120
ROUND_TIMEOUT_SECONDS = 60
# The Python worker runs sync functions on a thread pool of this default size.
WORKER_THREADS = min(32, (os.cpu_count() or 1) + 4)
RESULTS = SAMPLE / "benchmarks" / "results.md"
COMMAND = 'nox -s "benchmark(cosmos_async)"'

# The local server's certificate is self-signed; the SDK skips the check on 127.0.0.1.
warnings.filterwarnings("ignore", "Unverified HTTPS request")


class Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


# A sync client starts background health checks of its endpoint; made and closed for each
# invocation, some of them run after the close and log "Health check task failed" with a
# traceback. Counted and reported instead of printed.
late_health_checks = Counter()
health_check_logger = logging.getLogger("azure.cosmos._GlobalEndpointManager")
health_check_logger.addHandler(late_health_checks)
health_check_logger.propagate = False


def read_request(product: dict) -> func.HttpRequest:
    return func.HttpRequest(
        "GET",
        f"/api/products/{product['category']}/{product['id']}",
        route_params={"category": product["category"], "id": product["id"]},
        body=b"",
    )


def read_product_with_new_sync_client(req: func.HttpRequest) -> func.HttpResponse:
    """The pattern the app avoids: a sync function that makes a client for each call."""
    endpoint, key = os.environ["COSMOS_ENDPOINT"], os.environ["COSMOS_KEY"]
    with CosmosClient(endpoint, credential=key) as client:
        catalog = client.get_database_client(os.environ["COSMOS_DATABASE"])
        container = catalog.get_container_client(os.environ["COSMOS_CONTAINER"])
        route = req.route_params
        item = container.read_item(route["id"], partition_key=route["category"])
    return func.HttpResponse(json.dumps(item), mimetype="application/json")


async def async_reused(product: dict) -> float:
    """Reads per second through the app's ReadProduct, READS at once on one event loop."""
    started = time.perf_counter()
    answers = await asyncio.wait_for(
        asyncio.gather(*(function_app.read_product(read_request(product)) for _ in range(READS))),
        timeout=ROUND_TIMEOUT_SECONDS,
    )
    elapsed = time.perf_counter() - started
    check(answers)
    return READS / elapsed


def sync_per_invocation(pool: ThreadPoolExecutor, product: dict) -> float:
    """Reads per second through the sync function, READS at once on the worker's thread pool."""
    started = time.perf_counter()
    futures = [
        pool.submit(read_product_with_new_sync_client, read_request(product)) for _ in range(READS)
    ]
    answers = [future.result(timeout=ROUND_TIMEOUT_SECONDS) for future in futures]
    elapsed = time.perf_counter() - started
    check(answers)
    return READS / elapsed


def check(answers: list[func.HttpResponse]) -> None:
    statuses = {answer.status_code for answer in answers}
    if statuses != {200}:
        raise SystemExit(f"Reads failed with status {sorted(statuses)}: no figures recorded.")


async def measure() -> tuple[list[float], list[float]]:
    product = {"id": "benchmark-1", "category": "benchmark", "name": "Hammer", "price": 12.5}
    body = json.dumps(product).encode()
    created = await function_app.create_product(
        func.HttpRequest("POST", "/api/products", body=body)
    )
    if created.status_code != 201:
        raise SystemExit(f"Couldn't create the product to read: {created.get_body()!r}")
    # The first call made the app's client; every round below reuses it, as a warm worker does.
    async_rates: list[float] = []
    sync_rates: list[float] = []
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    with ThreadPoolExecutor(max_workers=WORKER_THREADS) as pool:
        # A warm-up round of each, not counted: the async client opens its connections,
        # the server and the thread pool get going.
        await async_reused(product)
        sync_per_invocation(pool, product)
        for number in range(ROUNDS):
            if time.monotonic() > deadline:
                print(f"Time budget of {TIME_BUDGET_SECONDS} s used up after {number} rounds.")
                break
            # One variant at a time, the first one alternating from round to round.
            # The sync round blocks the loop while it runs: nothing else is running then.
            if number % 2:
                sync_rates.append(sync_per_invocation(pool, product))
                async_rates.append(await async_reused(product))
            else:
                async_rates.append(await async_reused(product))
                sync_rates.append(sync_per_invocation(pool, product))
            print(
                f"round {number + 1}: async client reused {async_rates[-1]:7.0f} reads/s, "
                f"sync client per invocation {sync_rates[-1]:7.0f} reads/s"
            )
    await database.close()
    return async_rates, sync_rates


def load_average() -> str:
    """The machine's 1-minute load average, where the OS reports one: other work skews figures."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"


def report(async_rates: list[float], sync_rates: list[float], load: str) -> str:
    ratios = [a / s for a, s in zip(async_rates, sync_rates, strict=True)]

    def row(label: str, rates: list[float]) -> str:
        each = " ".join(f"{rate:.0f}" for rate in rates)
        return f"{label:<42} {statistics.median(rates):>8.0f}   {each}"

    server = json.loads((SAMPLE / "package.json").read_text())["dependencies"]
    return "\n".join(
        [
            f"{READS} concurrent reads of one product per round, {len(ratios)} rounds",
            f"{'':<42} {'median':>8}   each round (reads/s)",
            row("async client, made once and reused", async_rates),
            row("sync client, made for each invocation", sync_rates),
            f"median ratio (async / sync): {statistics.median(ratios):.1f}x",
            "",
            f"Python {platform.python_version()} on {platform.system()}, {os.cpu_count()} CPUs "
            f"(load average {load} at the start), sync calls on {WORKER_THREADS} threads",
            f"azure-cosmos {version('azure-cosmos')}, aiohttp {version('aiohttp')}, "
            f"@vercel/cosmosdb-server {server['@vercel/cosmosdb-server']} on 127.0.0.1",
            f"Background health checks of sync clients that failed after their client closed: "
            f"{late_health_checks.count}",
            f"Recorded {date.today().isoformat()}. Rerun: {COMMAND}",
        ]
    )


def main() -> None:
    # Loopback only: the local server, even when COSMOS_ENDPOINT points elsewhere.
    for name in ("COSMOS_ENDPOINT", "COSMOS_KEY", "COSMOS_DATABASE", "COSMOS_CONTAINER"):
        os.environ.pop(name, None)
    load = load_average()
    with app_environment() as settings:
        os.environ.update(settings)
        async_rates, sync_rates = asyncio.run(measure())
    text = report(async_rates, sync_rates, load)
    print()
    print(text)
    RESULTS.write_text(text + "\n", encoding="utf-8")
    print(f"\nWritten to {RESULTS.relative_to(SAMPLE)}")


if __name__ == "__main__":
    main()
