"""A test app: what OpenTelemetry's current span is inside a sync and an async function."""

import azure.functions as func
from opentelemetry import trace

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


def current_trace_id() -> str:
    return format(trace.get_current_span().get_span_context().trace_id, "032x")


@app.route(route="sync")
def current_span_sync(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(current_trace_id())


@app.route(route="async")
async def current_span_async(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(current_trace_id())
