# --8<-- [start:v1-invocation-context]
import json

import azure.functions as func


def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    body = {
        "invocation_id": context.invocation_id,
        "function_name": context.function_name,
        "function_directory": context.function_directory,
        "traceparent": context.trace_context.trace_parent,
        "retry_count": context.retry_context.retry_count,
        "max_retry_count": context.retry_context.max_retry_count,
    }
    return func.HttpResponse(json.dumps(body), mimetype="application/json")


# --8<-- [end:v1-invocation-context]
