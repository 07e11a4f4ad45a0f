"""Invocations per second through the real Python worker: the same wait, three ways.

The worker's runtime (azure-functions-runtime) is driven in-process the way the host drives it
over gRPC: worker init (the worker indexes function_app.py), function metadata, one load request
per function, then CONCURRENT invocation requests at once, for each of:

- sleep_async:    async def + await asyncio.sleep   (runs on the worker's event loop)
- sleep_sync:     def + time.sleep                  (runs on the worker's thread pool)
- sleep_blocking: async def + time.sleep            (the mistake: holds the event loop)

The sync function runs twice: with the thread pool the runtime makes when
PYTHON_THREADPOOL_THREAD_COUNT is unset, and with PYTHON_THREADPOOL_THREAD_COUNT=1.
ROUNDS rounds, variants in a different order each round; the median of each is recorded in
benchmarks/results.md. Needs Python >= 3.13 and benchmarks/requirements.txt.

Run from the sample folder: nox -s "benchmark(observability)", or python benchmarks/run.py.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.machinery
import importlib.metadata
import importlib.util
import json
import os
import platform
import statistics
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from types import SimpleNamespace

SAMPLE = Path(__file__).resolve().parent.parent
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


def load_protos() -> SimpleNamespace:
    """The gRPC messages, from the runtime-v1 wheel's tests/protos, without importing grpc."""
    files = importlib.metadata.files("azure-functions-runtime-v1") or []
    module_file = next(f for f in files if f.as_posix().endswith("protos/FunctionRpc_pb2.py"))
    spec = importlib.machinery.ModuleSpec("_bench_protos", None, is_package=True)
    spec.submodule_search_locations = [str(Path(module_file.locate()).parent)]
    sys.modules["_bench_protos"] = importlib.util.module_from_spec(spec)
    messages = {}
    for name in ("shared.NullableTypes_pb2", "FunctionRpc_pb2"):
        module = importlib.import_module(f"_bench_protos.{name}")
        messages.update({k: v for k, v in vars(module).items() if not k.startswith("_")})
    return SimpleNamespace(**messages)


class Worker:
    """Sends the worker runtime the host's messages, in-process."""

    def __init__(self, runtime, protos) -> None:
        self.runtime = runtime
        self.protos = protos
        self.function_ids: dict[str, str] = {}

    def message(self, properties=None, **content):
        name = next(iter(content))
        request = self.protos.StreamingMessage(request_id=str(uuid.uuid4()), **content)
        return SimpleNamespace(name=name, request=request, properties=properties or {})

    def check(self, result, step: str) -> None:
        if result.status != self.protos.StatusResult.Success:
            raise SystemExit(f"{step} failed: {result.exception.message}")

    async def start(self) -> None:
        init = self.protos.WorkerInitRequest(
            host_version="4.0.0-benchmark",
            function_app_directory=str(SAMPLE),
            worker_directory=str(Path(self.runtime.__file__).parent),
        )
        response = await self.runtime.worker_init_request(
            self.message({"protos": self.protos, "host": "127.0.0.1"}, worker_init_request=init)
        )
        self.check(response.result, "worker init")
        metadata = await self.runtime.functions_metadata_request(
            self.message(
                functions_metadata_request=self.protos.FunctionsMetadataRequest(
                    function_app_directory=str(SAMPLE)
                )
            )
        )
        self.check(metadata.result, "function metadata")
        for function in metadata.function_metadata_results:
            load = self.protos.FunctionLoadRequest(
                function_id=function.function_id, metadata=function
            )
            response = await self.runtime.function_load_request(
                self.message(function_load_request=load)
            )
            self.check(response.result, f"load {function.name}")
            self.function_ids[function.name] = function.function_id

    async def invoke(self, function: str) -> None:
        path = f"/api/sleep/{function.removeprefix('sleep_')}"
        http = self.protos.RpcHttp(
            method="GET",
            url=f"http://localhost:7071{path}?ms={SLEEP_MS}",
            query={"ms": str(SLEEP_MS)},
            body=self.protos.TypedData(bytes=b""),
        )
        request = self.protos.InvocationRequest(
            invocation_id=str(uuid.uuid4()),
            function_id=self.function_ids[function],
            input_data=[
                self.protos.ParameterBinding(name="req", data=self.protos.TypedData(http=http))
            ],
        )
        response = await self.runtime.invocation_request(self.message(invocation_request=request))
        self.check(response.result, f"invoke {function}")
        status = int(response.return_value.http.status_code or 200)
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
            asyncio.gather(*(worker.invoke(function) for _ in range(CONCURRENT))),
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
    runtime = importlib.import_module("azure_functions_runtime")
    worker = Worker(runtime, load_protos())
    runtime.start_threadpool_executor()
    await worker.start()
    runtime.stop_threadpool_executor()
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
