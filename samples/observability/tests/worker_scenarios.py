"""Run one scenario through the real worker and print what happened as JSON (one app per process).

python tests/worker_scenarios.py sample        this sample: context, span parent, thread logs
python tests/worker_scenarios.py current_span  tests/apps/current_span, OpenTelemetry enabled
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import uuid
from pathlib import Path

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

TESTS = Path(__file__).resolve().parent
SAMPLE = TESTS.parent
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
HOST_SPAN_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{HOST_SPAN_ID}-01"


class InvocationLines(logging.Handler):
    """Each record with the invocation id the worker keeps for the emitting thread."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        from azure_functions_runtime.bindings.context import _invocation_id_local

        self.lines.append(
            {
                "message": record.getMessage(),
                "invocation_id": getattr(_invocation_id_local, "invocation_id", None),
            }
        )


def start(app_dir: Path):
    sys.path.insert(0, str(TESTS))
    from worker import Worker

    os.chdir(app_dir)
    sys.path.insert(0, str(app_dir))
    values = json.loads((app_dir / "local.settings.json").read_text(encoding="utf-8"))["Values"]
    os.environ.update(values)
    return Worker(app_dir)


async def sample() -> dict:
    spans = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    trace.set_tracer_provider(provider)
    lines = InvocationLines()
    logging.getLogger().addHandler(lines)
    logging.getLogger().setLevel(logging.INFO)

    worker = start(SAMPLE)
    worker.runtime.start_threadpool_executor()
    await worker.start()
    result: dict = {}
    invocation_id = str(uuid.uuid4())
    _, body = await worker.invoke_http(
        "invocation_context",
        "/api/context",
        trace_parent=TRACEPARENT,
        retry_count=1,
        max_retry_count=3,
        invocation_id=invocation_id,
    )
    result["context"] = {"sent_invocation_id": invocation_id, **json.loads(body)}
    await worker.invoke_http("traced", "/api/traced", trace_parent=TRACEPARENT)
    (span,) = spans.get_finished_spans()
    result["span"] = {
        "trace_id": format(span.context.trace_id, "032x"),
        "parent_span_id": format(span.parent.span_id, "016x"),
    }
    thread_invocation = str(uuid.uuid4())
    await worker.invoke_http("log_from_thread", "/api/logs/thread", invocation_id=thread_invocation)
    result["thread_lines"] = [
        {**line, "expected": thread_invocation}
        for line in lines.lines
        if line["message"].startswith("Thread step")
    ]
    worker.runtime.stop_threadpool_executor()
    return result


async def current_span() -> dict:
    os.environ["PYTHON_ENABLE_OPENTELEMETRY"] = "true"
    worker = start(TESTS / "apps" / "current_span")
    worker.runtime.start_threadpool_executor()
    await worker.start()
    result = {}
    for function, path in [
        ("current_span_sync", "/api/sync"),
        ("current_span_async", "/api/async"),
    ]:
        _, body = await worker.invoke_http(function, path, trace_parent=TRACEPARENT)
        result[function] = body.decode()
    worker.runtime.stop_threadpool_executor()
    return result


if __name__ == "__main__":
    scenario = {"sample": sample, "current_span": current_span}[sys.argv[1]]
    print(json.dumps(asyncio.run(scenario())))
