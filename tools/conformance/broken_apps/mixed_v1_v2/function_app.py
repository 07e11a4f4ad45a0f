"""Broken on purpose: a v2 app (this file) and a v1 function (orders/function.json) in one folder.

The worker indexes function_app.py and nothing else: the orders function never exists.
"""

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="health")
def health(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok")
