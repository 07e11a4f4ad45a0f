"""Index and load one function app with the real Python worker runtime, without invoking it.

Usage: python -P worker_load.py APP_DIR [--report REPORT.json]

It drives the runtime with the conformance harness's own host (tools/conformance/host.py, used
as a library): worker init (a v2 app is indexed here), function metadata, one load request per
function. Unlike `host.py` it sends no invocation, so it needs nothing beside the app folder:
no tests/, no example requests, no servers. That is what a deployment package holds, and what
a broken app needs to show its error.

The report lists the model, the runtime, the functions the worker found (name and bindings),
the ones it loaded, and every error, word for word. Exit status 1 when there is an error or no
function. One app per process: the runtime keeps the app in module globals.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path

HOST_FILE = Path(__file__).resolve().parent / "conformance" / "host.py"
# Loaded under a private name, so that no module of the app can shadow it or be shadowed by it.
HOST_MODULE = "_conformance_host"


def load_host():
    spec = importlib.util.spec_from_file_location(HOST_MODULE, HOST_FILE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[HOST_MODULE] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


async def index_and_load(harness, app_dir: Path, report, runtime, protos) -> list[str]:
    host = harness.Host(app_dir, protos, report, runtime, harness.LogCollector(runtime))
    runtime.start_threadpool_executor()
    loaded = []
    try:
        if not await host.init_worker():
            return loaded
        functions = sorted(await host.index(), key=lambda f: f.name)
        report.functions = [{"name": f.name, "bindings": f.bindings} for f in functions]
        loaded = [f.name for f in functions if await host.load(f)]
    finally:
        runtime.stop_threadpool_executor()
        await harness.stop_background_tasks()
    return loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app_dir", type=Path, help="the function app folder (holds host.json)")
    parser.add_argument("--report", type=Path, help="write what the runtime reported here (JSON)")
    args = parser.parse_args(argv)
    app_dir = args.app_dir.resolve()
    report_path = args.report.resolve() if args.report else None

    harness = load_host()
    harness.enter_app_folder(app_dir)
    protos = harness.load_protos()  # the runtime-v1 wheel's messages, before a runtime is imported
    report, runtime = harness.start_worker_process(app_dir, settings={})
    print(f"worker_load: {app_dir.name} ({report.model} model, {report.runtime})", flush=True)
    loaded = asyncio.run(index_and_load(harness, app_dir, report, runtime, protos))

    result = {
        "model": report.model,
        "runtime": report.runtime,
        "functions": report.functions,
        "loaded": loaded,
        "errors": report.errors,
    }
    if report_path:
        report_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if report.errors or not loaded:
        print(f"worker_load: {app_dir.name}: {len(report.errors)} problem(s)", flush=True)
        return 1
    print(f"worker_load: {app_dir.name}: {len(loaded)} function(s) loaded", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
