# --8<-- [start:v1-settings]
import json

import azure.functions as func

from startup import settings  # read once, when the first function loads


def main(req: func.HttpRequest) -> func.HttpResponse:
    body = {"service_name": settings.service_name, "greeting": settings.greeting}
    return func.HttpResponse(json.dumps(body), mimetype="application/json")


# --8<-- [end:v1-settings]
