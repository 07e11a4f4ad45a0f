"""Orders: from an Event Grid event to a Service Bus message, and from there to a document."""

from __future__ import annotations

import base64
import json
import re

import azure.functions as func

ORDER_PLACED = "Contoso.Shop.OrderPlaced"


def order_message(event: func.EventGridEvent) -> str | None:
    """The Service Bus message for an OrderPlaced event; None for any other event type."""
    if event.event_type != ORDER_PLACED:
        return None
    # The event's data goes on unchanged: the order processor checks it, so an order
    # that is wrong is kept with the reason, not dropped here.
    return json.dumps(event.get_json())


# Cosmos DB ids may not contain / \ ? or #; these keep to plain names.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MAX_TOTAL = 1_000_000


class InvalidOrder(ValueError):
    """The message can't become an order; retrying it would fail the same way."""


def is_name(value: object) -> bool:
    return isinstance(value, str) and NAME.fullmatch(value) is not None


def order_document(msg: func.ServiceBusMessage) -> func.Document:
    """The Cosmos DB document for an order message, or InvalidOrder saying what is wrong."""
    try:
        order = json.loads(msg.get_body().decode("utf-8"))
    except (ValueError, RecursionError) as error:  # not UTF-8, not JSON, nested too deep
        raise InvalidOrder(f"the body is not UTF-8 JSON: {error}") from None
    if not isinstance(order, dict):
        raise InvalidOrder("the body must be a JSON object")
    for key in ("id", "customer"):
        if not is_name(order.get(key)):
            raise InvalidOrder(f"'{key}' must be 1-64 letters, digits, '_', '.' or '-'")
    total = order.get("total")
    # NaN fails both comparisons; bool is an int to Python, not a price.
    if (
        isinstance(total, bool)
        or not isinstance(total, (int, float))
        or not 0 <= total <= MAX_TOTAL
    ):
        raise InvalidOrder(f"'total' must be a number from 0 to {MAX_TOTAL}")
    return func.Document.from_dict(
        {
            "id": order["id"],
            "customer": order["customer"],  # the container's partition key
            "total": total,
            "channel": str(msg.user_properties.get("channel", "unknown")),
            "messageId": msg.message_id,
        }
    )


def rejection(msg: func.ServiceBusMessage, reason: str) -> str:
    """What goes to the rejected-orders queue: the reason and the body, byte for byte."""
    return json.dumps(
        {
            "messageId": msg.message_id,
            "deliveryCount": msg.delivery_count,
            "reason": reason,
            "body": base64.b64encode(msg.get_body()).decode("ascii"),
        }
    )
