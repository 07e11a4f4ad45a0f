"""The HTTP answers every function of the app shares: JSON bodies and the database's errors."""

import json
import logging
from typing import Any

import azure.functions as func

import database

# The most items one answer holds; a real API would page with continuation tokens.
MAX_RESULTS = 100


def json_response(body: Any, status_code: int = 200) -> func.HttpResponse:
    return func.HttpResponse(json.dumps(body), status_code=status_code, mimetype="application/json")


def error_response(status_code: int, message: str) -> func.HttpResponse:
    return json_response({"error": message}, status_code)


# --8<-- [start:v1-database-error]
def database_error(error: database.DatabaseError) -> func.HttpResponse:
    """400 if Cosmos DB refused the request; else 503, and a hint to retry: the caller did
    nothing wrong, the database is away."""
    if isinstance(error, database.RequestRefused):
        return error_response(400, str(error))
    logging.warning("Answering 503: %s", error, exc_info=error)
    response = error_response(503, f"{error} Try again in a few seconds.")
    response.headers["Retry-After"] = "5"
    return response


# --8<-- [end:v1-database-error]
