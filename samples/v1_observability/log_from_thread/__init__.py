# --8<-- [start:v1-log-from-thread]
import json

import azure.functions as func

from observability_kit import background


def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    seen = background.log_from_threads(context, count=3)
    return func.HttpResponse(json.dumps({"threads": seen}), mimetype="application/json")


# --8<-- [end:v1-log-from-thread]
