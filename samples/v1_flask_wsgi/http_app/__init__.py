"""The one function of the app: it hands every request to the Flask app."""

# --8<-- [start:v1-wsgi-main]
import azure.functions as func

from books_api import create_app

# Created once, when the worker loads the function, and reused by every request.
middleware = func.WsgiMiddleware(create_app())


def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    return middleware.handle(req, context)


# --8<-- [end:v1-wsgi-main]
