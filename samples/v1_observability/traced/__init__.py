# --8<-- [start:v1-traced]
import json

import azure.functions as func

from observability_kit.telemetry import invocation_span
from startup import settings


def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    with invocation_span(context, "traced") as span:
        span.set_attribute("service.name", settings.service_name)
        total = sum(range(1000))
        span.set_attribute("sum", total)
        trace_id = format(span.get_span_context().trace_id, "032x")
    body = {"trace_id": trace_id, "traceparent": context.trace_context.trace_parent}
    return func.HttpResponse(json.dumps(body), mimetype="application/json")


# --8<-- [end:v1-traced]
