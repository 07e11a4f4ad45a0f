"""What the worker gives a function, made by hand: app settings, an invocation context, spans."""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

APP_DIR = Path(__file__).resolve().parent.parent

# Importing the app reads its settings: apply local.settings.json first, as `func start` does.
LOCAL_SETTINGS = json.loads((APP_DIR / "local.settings.json").read_text(encoding="utf-8"))
for name, value in LOCAL_SETTINGS["Values"].items():
    os.environ.setdefault(name, value)
os.environ.pop("APPLICATIONINSIGHTS_CONNECTION_STRING", None)

# The OpenTelemetry SDK with an in-memory exporter: every finished span lands in SPANS.
SPANS = InMemorySpanExporter()
_provider = TracerProvider()
_provider.add_span_processor(SimpleSpanProcessor(SPANS))
trace.set_tracer_provider(_provider)


@dataclass
class TraceContext:
    trace_parent: str = ""
    trace_state: str = ""
    attributes: dict = field(default_factory=dict)


@dataclass
class RetryContext:
    retry_count: int = 0
    max_retry_count: int = 0
    exception: object = None


@dataclass
class InvocationContext:
    """The fields of azure.functions.Context that the worker fills in for each invocation."""

    function_name: str
    function_directory: str = str(APP_DIR)
    invocation_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    trace_context: TraceContext = field(default_factory=TraceContext)
    retry_context: RetryContext = field(default_factory=RetryContext)
    thread_local_storage: threading.local = field(default_factory=threading.local)


class InvocationLog(logging.Handler):
    """Records with the invocation id the worker would read: the emitting thread's own."""

    def __init__(self, context: InvocationContext) -> None:
        super().__init__(logging.DEBUG)
        self.context = context
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        storage = self.context.thread_local_storage
        record.invocation_id = getattr(storage, "invocation_id", None)
        self.records.append(record)


@pytest.fixture
def spans() -> InMemorySpanExporter:
    SPANS.clear()
    return SPANS


@pytest.fixture
def make_context():
    return InvocationContext


@pytest.fixture
def invocation_log():
    handlers = []

    def attach(context: InvocationContext) -> InvocationLog:
        handler = InvocationLog(context)
        logging.getLogger().addHandler(handler)
        handlers.append(handler)
        return handler

    yield attach
    for handler in handlers:
        logging.getLogger().removeHandler(handler)
