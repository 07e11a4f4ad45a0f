"""OpenTelemetry: Azure Monitor configured once per process, and a span per invocation."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import trace
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_configure_lock = threading.Lock()
_configured = False


# --8<-- [start:configure-azure-monitor-once]
def configure_azure_monitor_once() -> bool:
    """Send spans and logs to Application Insights, when the app has a connection string.

    Called at import, so once per worker process. Returns whether telemetry is configured.
    """
    global _configured
    with _configure_lock:
        if _configured:
            return True
        if not os.getenv("APPLICATIONINSIGHTS_CONNECTION_STRING"):
            return False  # locally and in tests: no exporter, spans stay in-process
        if os.getenv("PYTHON_APPLICATIONINSIGHTS_ENABLE_TELEMETRY", "").lower() == "true":
            return True  # the worker configures the distro itself (its otel.py)
        from azure.monitor.opentelemetry import configure_azure_monitor

        configure_azure_monitor()  # reads APPLICATIONINSIGHTS_CONNECTION_STRING
        _configured = True
        return True


# --8<-- [end:configure-azure-monitor-once]


# --8<-- [start:invocation-span]
_propagator = TraceContextTextMapPropagator()
tracer = trace.get_tracer("observability_kit")


@contextmanager
def invocation_span(context, name: str) -> Iterator[trace.Span]:
    """A span for this invocation, a child of the host's span for it (context.trace_context)."""
    carrier = {
        "traceparent": context.trace_context.trace_parent,
        "tracestate": context.trace_context.trace_state,
    }
    parent = _propagator.extract(carrier)
    attributes = {"faas.invocation_id": context.invocation_id, "faas.name": context.function_name}
    with tracer.start_as_current_span(name, context=parent, attributes=attributes) as span:
        yield span


# --8<-- [end:invocation-span]
