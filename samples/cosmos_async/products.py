"""What a product is: checking a request body, and what the API answers about an item."""

from __future__ import annotations

import math
from typing import Any

FIELDS = ("id", "category", "name", "price")
# Cosmos DB doesn't allow these characters in an item id, and its ids are at most 255 long.
FORBIDDEN_ID_CHARACTERS = set("/\\?#")
MAX_TEXT_LENGTH = 255


class InvalidProduct(ValueError):
    """The body isn't a product; the message says what to send instead."""


# --8<-- [start:validate-product]
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
    for field in ("id", "category", "name"):
        value = data.get(field)
        if not isinstance(value, str) or not value.strip():
            raise InvalidProduct(f"'{field}' must be a non-empty string.")
        if len(value) > MAX_TEXT_LENGTH:
            raise InvalidProduct(f"'{field}' must be at most {MAX_TEXT_LENGTH} characters long.")
    if FORBIDDEN_ID_CHARACTERS & set(data["id"]):
        raise InvalidProduct("'id' can't contain '/', '\\', '?' or '#'.")
    price = data.get("price")
    # bool is a subclass of int: true isn't a price.
    if isinstance(price, bool) or not isinstance(price, (int, float)):
        raise InvalidProduct("'price' must be a number.")
    if not math.isfinite(price) or price < 0:
        raise InvalidProduct("'price' must be zero or more.")
    return {field: data[field] for field in FIELDS}


# --8<-- [end:validate-product]


def public_view(item: dict[str, Any]) -> dict[str, Any]:
    """The product fields of a stored item, without Cosmos DB's system properties (_etag...)."""
    return {field: item[field] for field in FIELDS if field in item}
