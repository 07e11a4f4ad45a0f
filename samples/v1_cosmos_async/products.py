"""What a product is: checking a request body, and what the API answers about an item."""

from __future__ import annotations

from typing import Any

FIELDS = ("id", "category", "name", "price")
# Cosmos DB doesn't allow these characters in an item id, and its ids are at most 255 long.
FORBIDDEN_ID_CHARACTERS = set("/\\?#")
MAX_TEXT_LENGTH = 255
MAX_PRICE = 1_000_000_000


class InvalidProduct(ValueError):
    """The body isn't a product; the message says what to send instead."""


def key_problem(field: str, value: Any) -> str | None:
    """What's wrong with an id or a category, or None. Both travel in URLs and headers:
    the SDK refuses an id with '/', '\\', '?', '#', a tab or a line break, or that ends
    with a space; a long one gets 431 from the server; '..' names another resource."""
    if not isinstance(value, str) or not value.strip():
        return f"'{field}' must be a non-empty string."
    if len(value) > MAX_TEXT_LENGTH:
        return f"'{field}' must be at most {MAX_TEXT_LENGTH} characters long."
    if FORBIDDEN_ID_CHARACTERS & set(value) or not value.isprintable():
        return f"'{field}' can't contain '/', '\\', '?', '#' or control characters."
    if value != value.strip() or value in (".", ".."):
        return f"'{field}' can't start or end with a space, or be '.' or '..'."
    return None


def parse_product(data: Any) -> dict[str, Any]:
    """Return the product in a request body, or raise InvalidProduct saying what's wrong."""
    if not isinstance(data, dict):
        raise InvalidProduct(
            'Send a JSON object such as {"id": "p1", "category": "tools", '
            '"name": "Hammer", "price": 12.5}.'
        )
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise InvalidProduct(f"Unknown field(s) {', '.join(unknown)}: use {', '.join(FIELDS)}.")
    for field in ("id", "category"):
        problem = key_problem(field, data.get(field))
        if problem:
            raise InvalidProduct(problem)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_TEXT_LENGTH:
        raise InvalidProduct(
            f"'name' must be a non-empty string of at most {MAX_TEXT_LENGTH} characters."
        )
    price = data.get("price")
    # bool is a subclass of int: true isn't a price. The comparison refuses NaN and
    # infinity (1e400 reads as infinity), and compares a 400-digit integer without
    # converting it to a float, which would overflow.
    if isinstance(price, bool) or not isinstance(price, (int, float)):
        raise InvalidProduct("'price' must be a number.")
    if not 0 <= price <= MAX_PRICE:
        raise InvalidProduct(f"'price' must be a number from 0 to {MAX_PRICE}.")
    return {field: data[field] for field in FIELDS}


def public_view(item: dict[str, Any]) -> dict[str, Any]:
    """The product fields of a stored item, without Cosmos DB's system properties (_etag...)."""
    return {field: item[field] for field in FIELDS if field in item}
