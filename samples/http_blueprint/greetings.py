"""Greeting functions, grouped in a blueprint that function_app.py registers."""

import json
import logging

import azure.functions as func

# --8<-- [start:blueprint-create]
bp = func.Blueprint()
# --8<-- [end:blueprint-create]


# --8<-- [start:hello-name]
@bp.function_name(name="HttpGreeting")
@bp.route(route="hello", methods=["GET", "POST"], auth_level=func.AuthLevel.ANONYMOUS)
def hello(req: func.HttpRequest) -> func.HttpResponse:
    logging.info("HttpGreeting received a %s request.", req.method)

    name = req.params.get("name")
    if not name and req.get_body():
        try:
            body = req.get_json()
        except ValueError:
            return func.HttpResponse("The request body is not valid JSON.", status_code=400)
        except RecursionError:  # JSON nested deeper than the parser's recursion limit
            return func.HttpResponse("The request body is nested too deeply.", status_code=400)
        if isinstance(body, dict):
            name = body.get("name")

    if not isinstance(name, str) or not name.strip():
        return func.HttpResponse(
            'Pass a name in the query string (?name=Ada) or in a JSON body ({"name": "Ada"}).',
            status_code=400,
        )
    return func.HttpResponse(f"Hello, {name.strip()}!")


# --8<-- [end:hello-name]


# --8<-- [start:hello-route]
@bp.function_name(name="GreetByRoute")
@bp.route(route="hello/{name}", methods=["GET"], auth_level=func.AuthLevel.ANONYMOUS)
def greet_by_route(req: func.HttpRequest) -> func.HttpResponse:
    name = req.route_params["name"]
    salutation = req.headers.get("X-Salutation", "Hello")
    return func.HttpResponse(
        json.dumps({"message": f"{salutation}, {name}!"}),
        mimetype="application/json",
        headers={"Cache-Control": "no-store"},
    )


# --8<-- [end:hello-route]
