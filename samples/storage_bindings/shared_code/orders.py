"""Orders as the functions pass them on: checked JSON, one queue message per order."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Also a valid table RowKey and blob name: no '/', '\\', '#', '?' or control characters.
ORDER_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
MAX_QUANTITY = 1000
MAX_BATCH = 32


class InvalidOrder(ValueError):
    """The order can never be processed as it is; the message says what is wrong."""


@dataclass(frozen=True)
class Order:
    order_id: str
    item: str
    quantity: int

    def to_message(self) -> str:
        """The order as the JSON text of one queue message."""
        return json.dumps({"order_id": self.order_id, "item": self.item, "quantity": self.quantity})

    def to_table_row(self) -> str:
        """The order as a Table storage entity: PartitionKey and RowKey name the row."""
        return json.dumps(
            {
                "PartitionKey": "orders",
                "RowKey": self.order_id,
                "Item": self.item,
                "Quantity": self.quantity,
            }
        )


def from_dict(data: object) -> Order:
    """Check one order's fields; raise InvalidOrder saying which one is wrong."""
    if not isinstance(data, dict):
        raise InvalidOrder("An order is a JSON object with order_id, item and quantity.")
    order_id, item, quantity = data.get("order_id"), data.get("item"), data.get("quantity")
    if not isinstance(order_id, str) or not ORDER_ID.fullmatch(order_id):
        raise InvalidOrder("order_id must be 1-64 letters, digits or '-'.")
    if not isinstance(item, str) or not item.strip():
        raise InvalidOrder("item must be a non-empty string.")
    # bool is a subclass of int: true is not a quantity.
    if type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidOrder(f"quantity must be an integer from 1 to {MAX_QUANTITY}.")
    return Order(order_id, item.strip(), quantity)


def parse_json(text: str | bytes) -> object:
    """The JSON value of a request body or queue message; InvalidOrder when it isn't JSON."""
    try:
        return json.loads(text)
    except (UnicodeDecodeError, ValueError) as error:
        raise InvalidOrder("The body is not valid JSON.") from error
    except RecursionError as error:  # json.loads gives up on thousands of nested [ or {
        raise InvalidOrder("The body is nested too deeply.") from error


def parse_order(text: str | bytes) -> Order:
    """One order from JSON text."""
    return from_dict(parse_json(text))


def parse_batch(text: str | bytes) -> list[Order]:
    """A JSON list of 1 to MAX_BATCH orders, all valid, with no order_id twice."""
    data = parse_json(text)
    if not isinstance(data, list) or not 1 <= len(data) <= MAX_BATCH:
        raise InvalidOrder(f"Send a JSON list of 1 to {MAX_BATCH} orders.")
    batch = []
    for position, entry in enumerate(data):
        try:
            batch.append(from_dict(entry))
        except InvalidOrder as error:
            raise InvalidOrder(f"Order {position}: {error}") from None
    if len({order.order_id for order in batch}) != len(batch):
        raise InvalidOrder("Each order_id may appear only once in a batch.")
    return batch
