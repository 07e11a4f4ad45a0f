"""Broken on purpose: the app's own email/ package has the name of a standard library package.

The worker imported the standard library's email package long before it imports the app, so
`email` is already taken: the app's package is never imported.
"""

# --8<-- [start:import-own-email-package]
from email import send_welcome

# --8<-- [end:import-own-email-package]
import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="welcome/{address}")
def welcome(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(send_welcome(req.route_params["address"]))
