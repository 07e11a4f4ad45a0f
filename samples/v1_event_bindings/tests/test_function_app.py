"""The functions called directly with the objects the worker builds, and an Out double."""

import json

import azure.functions as func
from doubles import Out, event, message
from indexed import FUNCTIONS

from order_flow import orders

ORDER = {"id": "o-1001", "customer": "ada", "total": 42.5}


def test_an_order_event_is_queued_for_the_processor(caplog):
    caplog.set_level("INFO")
    queued = Out()

    FUNCTIONS["order_placed"](event(orders.ORDER_PLACED, ORDER), queued)

    assert json.loads(queued.get()) == ORDER
    assert "Event evt-1 for orders/o-1001 queued as an order" in caplog.text


def test_another_event_type_queues_nothing(caplog):
    caplog.set_level("INFO")
    queued = Out()

    FUNCTIONS["order_placed"](event("Contoso.Shop.OrderCancelled", {}), queued)

    assert queued.get() is None
    assert "is not an order: skipped" in caplog.text


def test_a_valid_message_is_stored_and_nothing_is_rejected():
    stored, rejected = Out(), Out()

    FUNCTIONS["process_order"](message(json.dumps(ORDER).encode()), stored, rejected)

    assert isinstance(stored.get(), func.Document)
    assert stored.get()["id"] == "o-1001"
    assert rejected.get() is None


def test_a_bad_message_is_parked_with_the_reason_and_does_not_raise(caplog):
    stored, rejected = Out(), Out()

    FUNCTIONS["process_order"](message(b'{"id": "o-1"}'), stored, rejected)

    assert stored.get() is None
    assert "'customer' must be" in json.loads(rejected.get())["reason"]
    assert "Message m-1 rejected" in caplog.text


def post(body: bytes) -> func.HttpRequest:
    return func.HttpRequest("POST", "/api/readings", body=body)


def test_readings_are_sent_as_a_list_of_events():
    events = Out()

    response = FUNCTIONS["publish_readings"](post(b'[{"device": "a", "value": 1}]'), events)

    assert response.status_code == 202
    assert response.get_body() == b"1 event(s) sent."
    assert events.get() == ['{"device": "a", "value": 1}']


def test_bad_readings_are_a_400_and_send_nothing():
    events = Out()

    response = FUNCTIONS["publish_readings"](post(b"nope"), events)

    assert response.status_code == 400
    assert response.get_body().endswith(b"readings.")
    assert events.get() is None


def test_the_order_route_values_reach_the_lookup():
    request = func.HttpRequest(
        "GET", "/api/orders/ada/o-1", body=b"", route_params={"customer": "ada", "id": "o-1"}
    )

    assert FUNCTIONS["get_order"](request, None).status_code == 404


def test_the_customer_route_value_reaches_the_query_answer():
    request = func.HttpRequest(
        "GET", "/api/customers/ada/orders", body=b"", route_params={"customer": "ada"}
    )

    response = FUNCTIONS["list_orders"](request, func.DocumentList())

    assert json.loads(response.get_body()) == {"customer": "ada", "orders": []}
