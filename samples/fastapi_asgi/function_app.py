"""Entry point of the function app: one function serves the whole FastAPI app."""

# --8<-- [start:asgi-function-app]
import azure.functions as func

from books_api import create_app

api = create_app()

# One HTTP function, "books_api", with the route "/{*route}": every path and method goes to
# FastAPI. Every caller needs a function key in Azure (see README.md).
app = func.AsgiFunctionApp(
    app=api,
    http_auth_level=func.AuthLevel.FUNCTION,
    function_name="books_api",
)
# --8<-- [end:asgi-function-app]
