"""Broken on purpose: func.Out[list[str]] for several queue messages.

The worker refuses the annotation when it indexes the app ("invalid non-type annotation");
func.Out[typing.List[str]] is the one that loads (see tests/valid_app, place_batch).
"""

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="batch", methods=["POST"])
@app.queue_output(arg_name="messages", queue_name="orders", connection="AzureWebJobsStorage")
def place_batch(req: func.HttpRequest, messages: func.Out[list[str]]) -> func.HttpResponse:
    messages.set(["a", "b"])
    return func.HttpResponse("queued")
