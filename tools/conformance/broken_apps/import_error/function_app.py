"""Broken on purpose: function_app.py imports a module the app doesn't ship.

The worker fails while indexing, when it imports function_app.py.
"""

import azure.functions as func
from pricing import apply_discount

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="price")
def price(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(str(apply_discount(100)))
