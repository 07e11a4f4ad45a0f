# --8<-- [start:v1-upload-stats]
import json

import azure.functions as func

from observability_kit import scratch


def main(req: func.HttpRequest) -> func.HttpResponse:
    try:
        stats = scratch.upload_stats(req.get_body())
    except scratch.NotText as error:
        return func.HttpResponse(str(error), status_code=400)
    return func.HttpResponse(json.dumps(stats), mimetype="application/json")


# --8<-- [end:v1-upload-stats]
