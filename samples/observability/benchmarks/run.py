"""Invocations per second through the real Python worker: the same wait, three ways.

The worker's runtime (azure-functions-runtime) is driven in-process the way the host drives it
over gRPC: worker init (the worker indexes function_app.py), function metadata, one load request
per function (tests/worker.py), then CONCURRENT invocation requests at once, for each of:

- sleep_async:    async def + await asyncio.sleep   (runs on the worker's event loop)
- sleep_sync:     def + time.sleep                  (runs on the worker's thread pool)
- sleep_blocking: async def + time.sleep            (the mistake: holds the event loop)

The sync function runs twice: with the thread pool the runtime makes when
PYTHON_THREADPOOL_THREAD_COUNT is unset, and with PYTHON_THREADPOOL_THREAD_COUNT=1.
ROUNDS rounds, variants in a different order each round; the median of each is recorded in
benchmarks/results.md. Needs Python >= 3.13 and requirements-test.txt.

Run from the sample folder: nox -s "benchmark(observability)", or python benchmarks/run.py.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SAMPLE / "tests"))

from worker import Worker  # noqa: E402  (tests/worker.py: the host's messages, in-process)

RESULTS = SAMPLE / "benchmarks" / "results.md"
COMMAND = 'nox -s "benchmark(observability)" -- --record'
CONCURRENT = 50
SLEEP_MS = 50
ROUNDS = 5
ROUND_TIMEOUT_SECONDS = 60
# name, function, PYTHON_THREADPOOL_THREAD_COUNT (None: unset)
VARIANTS = [
    ("async def, await asyncio.sleep", "sleep_async", None),
    ("def, time.sleep, default thread pool", "sleep_sync", None),
    ("def, time.sleep, PYTHON_THREADPOOL_THREAD_COUNT=1", "sleep_sync", "1"),
    ("async def, time.sleep (blocks the loop)", "sleep_blocking", None),
]


async def invoke(worker: Worker, function: str) -> None:
    path = f"/api/sleep/{function.removeprefix('sleep_')}"
    status, _ = await worker.invoke_http(function, path, query={"ms": str(SLEEP_MS)})
    if status != 200:
        raise SystemExit(f"invoke {function}: answered {status}")


async def measure(worker: Worker, function: str, threads: str | None) -> float:
    """CONCURRENT invocations at once; returns invocations per second."""
    if threads is None:
        os.environ.pop("PYTHON_THREADPOOL_THREAD_COUNT", None)
    else:
        os.environ["PYTHON_THREADPOOL_THREAD_COUNT"] = threads
    worker.runtime.start_threadpool_executor()  # reads PYTHON_THREADPOOL_THREAD_COUNT
    try:
        started = time.perf_counter()
        await asyncio.wait_for(
            asyncio.gather(*(invoke(worker, function) for _ in range(CONCURRENT))),
            ROUND_TIMEOUT_SECONDS,
        )
        return CONCURRENT / (time.perf_counter() - started)
    finally:
        worker.runtime.stop_threadpool_executor()


async def run() -> dict[str, list[float]]:
    os.chdir(SAMPLE)
    sys.path.insert(0, str(SAMPLE))
    settings = json.loads((SAMPLE / "local.settings.json").read_text(encoding="utf-8"))["Values"]
    os.environ.update(settings)
    worker = Worker(SAMPLE)
    worker.runtime.start_threadpool_executor()
    await worker.start()
    worker.runtime.stop_threadpool_executor()
    figures: dict[str, list[float]] = {name: [] for name, _, _ in VARIANTS}
    for round_number in range(ROUNDS):
        shift = round_number % len(VARIANTS)
        for name, function, threads in VARIANTS[shift:] + VARIANTS[:shift]:
            figures[name].append(await measure(worker, function, threads))
    return figures


def default_pool_size() -> int:
    """What ThreadPoolExecutor(max_workers=None), the runtime's default, gives on this machine."""
    return min(32, (os.cpu_count() or 1) + 4)


def report(figures: dict[str, list[float]]) -> str:
    baseline = statistics.median(figures[VARIANTS[0][0]])
    lines = [
        f"{CONCURRENT} concurrent invocations, each waiting {SLEEP_MS} ms, {ROUNDS} rounds",
        "",
        "| Function | Median invocations/s | vs async | Each round |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, values in figures.items():
        median = statistics.median(values)
        rounds = " ".join(f"{v:.0f}" for v in values)
        lines.append(f"| {name} | {median:.0f} | {median / baseline:.2f} | {rounds} |")
    versions = ", ".join(
        f"{p} {importlib.metadata.version(p)}"
        for p in ("azure-functions-runtime", "azure-functions")
    )
    lines += [
        "",
        f"Python {platform.python_version()} on {platform.system()}, {os.cpu_count()} CPUs; "
        f"default thread pool: {default_pool_size()} threads; {versions}",
        f"Recorded {date.today().isoformat()}. Rerun: {COMMAND}",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    if sys.version_info < (3, 13):
        print("The worker's runtime needs Python 3.13 or later.", file=sys.stderr)
        return 1
    text = report(asyncio.run(run()))
    print(text, end="")
    RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
