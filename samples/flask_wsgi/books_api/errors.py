"""Errors as JSON (RFC 9457 problem details), never Flask's HTML error pages."""

import json

from flask import Flask, Request
from werkzeug.exceptions import BadRequest, HTTPException

from books_api.validation import InvalidInput


# --8<-- [start:json-errors]
def problem_details(error: HTTPException):
    """Turn any HTTP error (400, 404, 405, 415 ...) into JSON, keeping its headers."""
    response = error.get_response()  # has the status and headers, such as Allow on a 405
    body = {"title": error.name, "status": error.code, "detail": error.description}
    if isinstance(error, InvalidInput):
        body["errors"] = error.errors
    response.data = json.dumps(body)
    response.content_type = "application/problem+json"
    return response


class ApiRequest(Request):
    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True):
        try:
            return super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError as e:  # json.loads gives up on deep nesting with no ValueError
            raise BadRequest("The body is JSON nested too deeply to read.") from e

    def on_json_loading_failed(self, e: ValueError | None):
        # Outside debug mode Flask hides why a body isn't JSON: say it.
        if e is not None:
            raise BadRequest(f"The body is not valid JSON: {e}") from e
        return super().on_json_loading_failed(e)  # a 415 about the Content-Type


def register_error_handlers(app: Flask) -> None:
    app.request_class = ApiRequest
    # HTTPException covers every status Flask raises, and unexpected errors arrive as a 500.
    app.register_error_handler(HTTPException, problem_details)


# --8<-- [end:json-errors]
