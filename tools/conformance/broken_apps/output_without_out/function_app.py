"""Broken on purpose: an output binding whose parameter is annotated str, not func.Out[str].

The worker refuses to index the app: an "out" binding's parameter must be typed Out[...],
so that the function can set() the value the host then writes.
"""

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="orders", methods=["POST"])
@app.queue_output(arg_name="message", queue_name="orders", connection="AzureWebJobsStorage")
def place_order(req: func.HttpRequest, message: str) -> func.HttpResponse:
    return func.HttpResponse("queued", status_code=202)
