"""From an Event Grid event to a Service Bus message, and from a message to a document."""

import base64
import json

import pytest
from doubles import event, message

from order_flow import orders

ORDER = {"id": "o-1001", "customer": "ada", "total": 42.5}


def test_an_order_placed_event_becomes_its_data_as_json():
    body = orders.order_message(event(orders.ORDER_PLACED, ORDER))

    assert json.loads(body) == ORDER


def test_other_event_types_give_no_message():
    assert orders.order_message(event("Contoso.Shop.OrderCancelled", {"id": "o-1"})) is None


def test_a_valid_message_becomes_a_document_with_its_message_id_and_channel():
    msg = message(json.dumps(ORDER).encode(), user_properties={"channel": "web"})

    document = orders.order_document(msg)

    assert dict(document) == {**ORDER, "channel": "web", "messageId": "m-1"}


def test_the_channel_defaults_to_unknown():
    assert orders.order_document(message(json.dumps(ORDER).encode()))["channel"] == "unknown"


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"\xff\xfe", "not UTF-8 JSON"),
        (b"{not json", "not UTF-8 JSON"),
        (b"[" * 100_000, "not UTF-8 JSON"),
        (b'["o-1001"]', "must be a JSON object"),
        (json.dumps({**ORDER, "id": ""}).encode(), "'id' must be"),
        (json.dumps({**ORDER, "id": "a/b"}).encode(), "'id' must be"),
        (json.dumps({**ORDER, "customer": 7}).encode(), "'customer' must be"),
        (json.dumps({**ORDER, "total": "42"}).encode(), "'total' must be"),
        (json.dumps({**ORDER, "total": True}).encode(), "'total' must be"),
        (json.dumps({**ORDER, "total": -1}).encode(), "'total' must be"),
        (b'{"id": "o-1", "customer": "ada", "total": NaN}', "'total' must be"),
        (b'{"id": "o-1", "customer": "ada", "total": 1e400}', "'total' must be"),
    ],
)
def test_a_bad_body_is_an_invalid_order_with_the_reason(body, reason):
    with pytest.raises(orders.InvalidOrder, match=reason):
        orders.order_document(message(body))


def test_a_rejection_keeps_the_body_byte_for_byte():
    msg = message(b"\xff not an order", delivery_count=3)

    rejected = json.loads(orders.rejection(msg, "the body is not UTF-8 JSON"))

    assert rejected["messageId"] == "m-1"
    assert rejected["deliveryCount"] == 3
    assert rejected["reason"] == "the body is not UTF-8 JSON"
    assert base64.b64decode(rejected["body"]) == b"\xff not an order"
