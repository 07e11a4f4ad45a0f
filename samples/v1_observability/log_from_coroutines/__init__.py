# --8<-- [start:v1-log-from-coroutines]
import json

import azure.functions as func

from observability_kit import background


async def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    steps = await background.log_from_coroutines(context, count=3)
    return func.HttpResponse(json.dumps({"coroutines": steps}), mimetype="application/json")


# --8<-- [end:v1-log-from-coroutines]
