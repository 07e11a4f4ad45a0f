"""Broken on purpose: a queue output typed func.Out[int].

A queue message is text or bytes: the queue binding's converter accepts str, bytes,
func.QueueMessage or a list of them for an output, so the worker refuses to index the app.
func.Out[str] is the annotation that loads.
"""

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="orders", methods=["POST"])
@app.queue_output(arg_name="quantity", queue_name="quantities", connection="AzureWebJobsStorage")
def count_items(req: func.HttpRequest, quantity: func.Out[int]) -> func.HttpResponse:
    quantity.set(len(req.get_body()))
    return func.HttpResponse("counted", status_code=202)
