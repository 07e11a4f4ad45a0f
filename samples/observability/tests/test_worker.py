"""Claims about the worker itself, checked through its runtime (azure-functions-runtime, which
needs Python 3.13): the context fields it fills in, the span's parent, the invocation id of
lines logged from threads, and what OpenTelemetry's current span is in sync and async code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SAMPLE = TESTS.parent
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"

pytestmark = pytest.mark.skipif(
    sys.version_info < (3, 13), reason="the worker's runtime packages need Python 3.13"
)


def run_scenario(name: str) -> dict:
    """In a process of its own: the runtime keeps one app in its module globals."""
    result = subprocess.run(
        [sys.executable, str(TESTS / "worker_scenarios.py"), name],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def through_the_worker() -> dict:
    return run_scenario("sample")


def test_the_worker_fills_in_the_context(through_the_worker):
    context = through_the_worker["context"]
    assert context["invocation_id"] == context.pop("sent_invocation_id")
    assert context == {
        "invocation_id": context["invocation_id"],
        "function_name": "invocation_context",
        "function_directory": str(SAMPLE),
        "traceparent": TRACEPARENT,
        "retry_count": 1,
        "max_retry_count": 3,
    }


def test_the_span_is_a_child_of_the_hosts(through_the_worker):
    assert through_the_worker["span"] == {
        "trace_id": TRACE_ID,
        "parent_span_id": "00f067aa0ba902b7",
    }


def test_thread_lines_carry_the_invocation_id(through_the_worker):
    lines = through_the_worker["thread_lines"]
    assert len(lines) == 3
    assert all(line["invocation_id"] == line["expected"] for line in lines)


def test_only_async_functions_see_the_hosts_trace_as_current():
    """PYTHON_ENABLE_OPENTELEMETRY: the context is attached where the function is awaited."""
    assert run_scenario("current_span") == {
        "current_span_sync": "0" * 32,
        "current_span_async": TRACE_ID,
    }
