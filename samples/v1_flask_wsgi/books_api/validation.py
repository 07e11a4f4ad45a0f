"""Check what callers send. Every problem becomes a 400 that says what to fix."""

from typing import TypedDict

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

TEXT_FIELDS = {"title": 200, "author": 100}  # field name: most characters
YEARS = range(1, 2101)


class NewBook(TypedDict):
    title: str
    author: str
    year: int


class InvalidInput(BadRequest):
    """A 400 that lists each problem: {"field": ..., "message": ...}."""

    def __init__(self, description: str, errors: list[dict[str, str]]) -> None:
        super().__init__(description)
        self.errors = errors


def parse_new_book(payload: object) -> NewBook:
    """The body of POST /books, checked field by field; raise InvalidInput listing every problem."""
    if not isinstance(payload, dict):
        raise InvalidInput("The body must be a JSON object.", [])
    errors = [
        {"field": name, "message": "is not a field of a book"}
        for name in sorted(set(payload) - {"title", "author", "year"})
    ]
    for name, most in TEXT_FIELDS.items():
        value = payload.get(name)
        if not isinstance(value, str) or not 1 <= len(value.strip()) <= most:
            errors.append({"field": name, "message": f"must be a string of 1 to {most} characters"})
    year = payload.get("year")
    # bool is a subclass of int: refuse true/false explicitly.
    if not isinstance(year, int) or isinstance(year, bool) or year not in YEARS:
        errors.append({"field": "year", "message": f"must be an integer from 1 to {YEARS[-1]}"})
    if errors:
        raise InvalidInput("The book is not valid.", errors)
    return NewBook(title=payload["title"].strip(), author=payload["author"].strip(), year=year)


def int_arg(args: MultiDict, name: str, default: int, allowed: range) -> int:
    """A query parameter as an integer. Unlike args.get(name, type=int), which quietly
    falls back to the default for ?limit=ten, this tells the caller what is wrong."""
    raw = args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value not in allowed:
        raise InvalidInput(
            "A query parameter is not valid.",
            [{"field": name, "message": f"must be an integer from {allowed[0]} to {allowed[-1]}"}],
        )
    return value
