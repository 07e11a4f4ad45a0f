# --8<-- [start:hello-name]
import logging

import azure.functions as func

from . import messages  # relative import: a module inside this function's folder


def main(req: func.HttpRequest) -> func.HttpResponse:
    logging.info("hello received a %s request.", req.method)

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
        return func.HttpResponse(messages.MISSING_NAME, status_code=400)
    return func.HttpResponse(messages.greeting(name.strip()))


# --8<-- [end:hello-name]
