"""Broken on purpose: the blueprint module fails to import, so no function of the app loads.

health() itself is fine, but the worker imports function_app.py as a whole: the error in
orders.py stops the indexing before any function is registered.
"""

import azure.functions as func
from orders import bp as orders_bp

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
app.register_functions(orders_bp)


@app.route(route="health")
def health(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok")
