"""Broken on purpose: the app imports requests, which requirements.txt doesn't list.

On the developer's machine requests happened to be installed, so everything ran. In Azure only
requirements.txt is installed, and the worker fails while it indexes function_app.py.
"""

import azure.functions as func

# --8<-- [start:import-unlisted-package]
import requests

# --8<-- [end:import-unlisted-package]

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="status")
def status(req: func.HttpRequest) -> func.HttpResponse:
    answer = requests.get("https://example.org", timeout=5)
    return func.HttpResponse(str(answer.status_code))
