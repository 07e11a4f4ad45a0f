"""Requests per second for GET /books/{id}: through the Functions middleware, and straight
into the FastAPI app, in one process, on one event loop.

- "functions": a func.HttpRequest handed to the app's HTTP function, as the worker does
  (without the host and gRPC in front of it): AsgiFunctionApp -> AsgiMiddleware -> FastAPI.
- "direct": the FastAPI app called as an ASGI callable, with a scope built by hand, as an
  ASGI server such as uvicorn would (without its network and HTTP parsing).

Each round runs both paths for the same time, in alternating order; the figures are the
medians over the rounds. Run it from the sample folder:

    python benchmarks/run.py [--rounds 7] [--seconds 1.0]

It prints the figures and writes them to benchmarks/results.md.
"""

import argparse
import asyncio
import datetime
import importlib.metadata
import os
import platform
import statistics
import sys
import time
from pathlib import Path

SAMPLE_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SAMPLE_ROOT))  # import the app the way the worker does

import azure.functions as func  # noqa: E402

import function_app  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.md"
RERUN = 'nox -s "benchmark(fastapi_asgi)"'


class Context:
    """The attributes of the worker's `context` that the middleware reads."""

    invocation_id = "benchmark"
    function_name = "books_api"
    function_directory = str(SAMPLE_ROOT)
    trace_context = retry_context = thread_local_storage = None


async def through_functions(function, path: str) -> int:
    req = func.HttpRequest(method="GET", url=f"http://localhost:7071{path}", body=b"")
    resp = await function(req, Context())
    return resp.status_code


async def direct(asgi_app, state: dict, path: str) -> int:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost:7071")],
        "server": ("localhost", 7071),
        "client": ("127.0.0.1", 50000),
        "state": state.copy(),  # what a server passes on from the lifespan hook
    }
    status = 0

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await asgi_app(scope, receive, send)
    return status


async def requests_per_second(call, seconds: float) -> float:
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(50):
            if await call() != 200:
                raise SystemExit("a benchmark request did not get 200: the figures would be wrong")
        count += 50
    return count / (time.perf_counter() - start)


async def measure(rounds: int, seconds: float) -> dict[str, list[float]]:
    (indexed,) = function_app.app.get_functions()
    function = indexed.get_user_function()
    # The first request runs the lifespan hook; the book it creates is the one every call reads.
    req = func.HttpRequest(
        method="POST",
        url="http://localhost:7071/books",
        headers={"Content-Type": "application/json"},
        body=b'{"title": "Middlemarch", "author": "George Eliot", "year": 1871}',
    )
    created = await function(req, Context())
    assert created.status_code == 201, created.get_body()
    path = created.headers["Location"]
    state = function_app.app.middleware.state

    paths = {
        "functions": lambda: through_functions(function, path),
        "direct": lambda: direct(function_app.api, state, path),
    }
    figures: dict[str, list[float]] = {name: [] for name in paths}
    for _ in range(2):  # warm up both paths
        for call in paths.values():
            await requests_per_second(call, 0.2)
    for number in range(rounds):
        order = list(paths) if number % 2 == 0 else list(reversed(paths))
        for name in order:
            figures[name].append(await requests_per_second(paths[name], seconds))
    await function_app.app.middleware.notify_shutdown()
    return figures


def report(figures: dict[str, list[float]], rounds: int, seconds: float) -> str:
    functions, direct_ = figures["functions"], figures["direct"]
    ratios = [f / d for f, d in zip(functions, direct_, strict=True)]
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("azure-functions", "fastapi", "starlette", "pydantic")
    )
    lines = [
        "GET /books/{id}, FastAPI app, requests per second (median of rounds)",
        "",
        f"  FastAPI called directly (ASGI)        {statistics.median(direct_):>8,.0f}",
        f"  through the Functions middleware      {statistics.median(functions):>8,.0f}",
        f"  ratio, middleware / direct (median)   {statistics.median(ratios):>8.2f}",
        "",
        f"{rounds} rounds of {seconds:g} s per path, one process, one event loop, no network.",
        f"Python {platform.python_version()}, {versions}",
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{datetime.date.today().isoformat()}",
        f"Rerun: {RERUN}",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=1.0, help="per path and round")
    args = parser.parse_args()
    if args.rounds < 1 or not 0 < args.seconds <= 5:
        parser.error("--rounds must be at least 1 and --seconds between 0 and 5")

    loop = asyncio.new_event_loop()
    try:
        figures = loop.run_until_complete(measure(args.rounds, args.seconds))
    finally:
        loop.close()
    text = report(figures, args.rounds, args.seconds)
    print(text, end="")
    RESULTS.write_text(text, encoding="utf-8")
    print(f"Written to {RESULTS.relative_to(SAMPLE_ROOT)}")


if __name__ == "__main__":
    main()
