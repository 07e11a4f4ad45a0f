"""Entry point of the function app: one function serves the whole Flask app."""

# --8<-- [start:wsgi-function-app]
import azure.functions as func

from books_api import create_app

flask_app = create_app()

# One HTTP function, "books_api", with the route "/{*route}": every path and method goes to
# Flask. A Flask app is a WSGI callable. Every caller needs a function key in Azure.
app = func.WsgiFunctionApp(
    app=flask_app,
    http_auth_level=func.AuthLevel.FUNCTION,
    function_name="books_api",
)
# --8<-- [end:wsgi-function-app]
