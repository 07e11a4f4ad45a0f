"""Entry point set by function.json: scriptFile greet.py, entryPoint greet_by_route."""

# --8<-- [start:hello-route]
import json

import azure.functions as func


def greet_by_route(req: func.HttpRequest) -> func.HttpResponse:
    name = req.route_params["name"]
    salutation = req.headers.get("X-Salutation", "Hello")
    return func.HttpResponse(
        json.dumps({"message": f"{salutation}, {name}!"}),
        mimetype="application/json",
        headers={"Cache-Control": "no-store"},
    )


# --8<-- [end:hello-route]
