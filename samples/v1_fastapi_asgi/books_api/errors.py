"""The 422 FastAPI sends for a request it can't validate, made safe to send."""

import math

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


def can_echo(value: object) -> bool:
    """Whether a 422 may repeat this input: a string, a whole number, a finite float or null.

    Python's json module reads NaN, Infinity and 1e400 (as inf), but a JSON response can't
    hold them; and repeating a list or object nested a thousand levels deep overflows the
    recursion limit of jsonable_encoder. Either way FastAPI's own handler answers 500.
    """
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, str | int)


async def validation_failed(request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422 listing each problem, repeating the caller's value only when it can."""
    errors = []
    for error in exc.errors():
        value = error.get("input")
        error = {key: item for key, item in error.items() if key != "input"}
        if can_echo(value):
            error["input"] = value
        errors.append(error)
    return JSONResponse(status_code=422, content={"detail": jsonable_encoder(errors)})
