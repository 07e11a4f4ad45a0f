"""Broken on purpose (E05): a Flask route without its leading slash.

Flask refuses the route while function_app.py is imported, so the worker fails at indexing.
"""

import azure.functions as func
from flask import Flask

flask_app = Flask(__name__)


# --8<-- [start:route-without-slash]
@flask_app.route("hello/<name>")
def hello(name: str) -> str:
    return f"Hello, {name}!"


# --8<-- [end:route-without-slash]

app = func.WsgiFunctionApp(app=flask_app.wsgi_app, http_auth_level=func.AuthLevel.ANONYMOUS)
