"""Spans: one per invocation, a child of the host's span; Azure Monitor configured once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import azure.functions as func
from entry_points import APP_DIR, functions

from observability_kit import telemetry

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
HOST_SPAN_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{HOST_SPAN_ID}-01"


def test_span_is_a_child_of_the_host_span(spans, make_context):
    context = make_context("traced")
    context.trace_context.trace_parent = TRACEPARENT
    response = functions.traced(func.HttpRequest("GET", "/api/traced", body=b""), context)
    assert json.loads(response.get_body()) == {"trace_id": TRACE_ID, "traceparent": TRACEPARENT}
    (span,) = spans.get_finished_spans()
    assert span.name == "traced"
    assert format(span.context.trace_id, "032x") == TRACE_ID
    assert format(span.parent.span_id, "016x") == HOST_SPAN_ID
    assert span.parent.is_remote
    assert span.attributes["faas.invocation_id"] == context.invocation_id
    assert span.attributes["service.name"] == "v1-observability-sample"


def test_without_a_trace_context_the_span_starts_a_new_trace(spans, make_context):
    context = make_context("traced")
    functions.traced(func.HttpRequest("GET", "/api/traced", body=b""), context)
    (span,) = spans.get_finished_spans()
    assert span.parent is None


def test_no_connection_string_no_exporter(monkeypatch):
    monkeypatch.delenv("APPLICATIONINSIGHTS_CONNECTION_STRING", raising=False)
    assert telemetry.configure_azure_monitor_once() is False


def test_the_worker_configures_it_when_asked(monkeypatch):
    monkeypatch.setenv("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=x")
    monkeypatch.setenv("PYTHON_APPLICATIONINSIGHTS_ENABLE_TELEMETRY", "true")
    assert telemetry.configure_azure_monitor_once() is True


CONFIGURE_TWICE = """
from opentelemetry import trace
from observability_kit import telemetry
first = telemetry.configure_azure_monitor_once()
provider = trace.get_tracer_provider()
second = telemetry.configure_azure_monitor_once()
print(first, second, type(provider).__name__, trace.get_tracer_provider() is provider)
"""


def test_azure_monitor_is_configured_once_per_process(tmp_path):
    """In a process of its own: the distro sets the global providers, which only happen once."""
    env = {
        **os.environ,
        # A well-formed connection string to an endpoint that isn't there; nothing is sent
        # before the process exits.
        "APPLICATIONINSIGHTS_CONNECTION_STRING": (
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;"
            "IngestionEndpoint=http://127.0.0.1:9/"
        ),
        "OTEL_TRACES_SAMPLER": "always_off",
    }
    env.pop("PYTHON_APPLICATIONINSIGHTS_ENABLE_TELEMETRY", None)
    result = subprocess.run(
        [sys.executable, "-c", CONFIGURE_TWICE],
        cwd=APP_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "TracerProvider", "True"]
