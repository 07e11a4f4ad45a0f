import json
import logging

import azure.functions as func
import pytest

from function_app import process_order, record_poison_order
from shared_code.orders import InvalidOrder


# --8<-- [start:test-queue]
def test_an_order_goes_to_the_accepted_queue_and_the_table(out):
    msg = func.queue.QueueMessage(
        id="5e1c0b3a",
        body=b'{"order_id": "A-1", "item": "teapot", "quantity": 2}',
        dequeue_count=1,
    )
    accepted, row = out(), out()

    process_order(msg, accepted, row)

    assert json.loads(accepted.get()) == {"order_id": "A-1", "item": "teapot", "quantity": 2}
    assert json.loads(row.get()) == {
        "PartitionKey": "orders",
        "RowKey": "A-1",
        "Item": "teapot",
        "Quantity": 2,
    }


# --8<-- [end:test-queue]


def test_the_message_id_and_dequeue_count_are_logged(out, caplog):
    msg = func.queue.QueueMessage(
        id="m-7", body=b'{"order_id": "A-2", "item": "cup", "quantity": 1}', dequeue_count=2
    )

    with caplog.at_level(logging.INFO):
        process_order(msg, out(), out())

    assert "message m-7, dequeue count 2" in caplog.text


@pytest.mark.parametrize(
    "body, problem",
    [
        (b"not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b'{"item": "cup", "quantity": 1}', "order_id"),
        (b'{"order_id": "a/b", "item": "cup", "quantity": 1}', "order_id"),
        (b'{"order_id": "A-3", "item": " ", "quantity": 1}', "item"),
        (b'{"order_id": "A-3", "item": "cup", "quantity": 0}', "quantity"),
        (b'{"order_id": "A-3", "item": "cup", "quantity": true}', "quantity"),
        (b'{"order_id": "A-3", "item": "cup", "quantity": "2"}', "quantity"),
    ],
)
def test_a_bad_message_raises_so_the_host_retries_then_poisons_it(out, body, problem):
    accepted, row = out(), out()

    with pytest.raises(InvalidOrder, match=problem):
        process_order(func.queue.QueueMessage(id="m-8", body=body, dequeue_count=3), accepted, row)

    assert accepted.calls == [] and row.calls == []


# --8<-- [start:test-poison]
def test_a_poison_message_is_copied_to_a_blob_as_it_is(out, caplog):
    copy = out()

    with caplog.at_level(logging.ERROR):
        record_poison_order(func.queue.QueueMessage(id="m-8", body=b"\xff\xfe not json"), copy)

    assert copy.get() == b"\xff\xfe not json"
    assert "message m-8 failed every try" in caplog.text


# --8<-- [end:test-poison]
