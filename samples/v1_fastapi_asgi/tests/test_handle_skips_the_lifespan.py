"""Why http_app/__init__.py doesn't use the one-liner that older examples show."""

import azure.functions as func
import pytest

from books_api import create_app


# --8<-- [start:handle-skips-lifespan]
def test_handle_is_deprecated_and_skips_the_lifespan_hook():
    req = func.HttpRequest(method="GET", url="http://localhost:7071/books", body=b"")

    with (
        pytest.warns(DeprecationWarning, match="handle_async"),
        pytest.raises(AttributeError, match="store"),  # the lifespan hook never made it
    ):
        func.AsgiMiddleware(create_app()).handle(req, None)


# --8<-- [end:handle-skips-lifespan]
