import json

import azure.functions as func
import pytest

from function_app import submit_order, submit_orders


def post(url: str, body: object) -> func.HttpRequest:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return func.HttpRequest("POST", url, body=data, headers={"Content-Type": "application/json"})


# --8<-- [start:test-http-queue-output]
def test_a_valid_order_is_queued_and_answered_with_202(out):
    msg = out()

    resp = submit_order(
        post("/api/orders", {"order_id": "A-1", "item": "teapot", "quantity": 2}), msg
    )

    assert resp.status_code == 202
    assert json.loads(resp.get_body()) == {"queued": "A-1"}
    assert json.loads(msg.get()) == {"order_id": "A-1", "item": "teapot", "quantity": 2}


# --8<-- [end:test-http-queue-output]


@pytest.mark.parametrize(
    "body, problem",
    [
        (b"", b"not valid JSON"),
        (b"{", b"not valid JSON"),
        (b"\xff", b"not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, b"nested too deeply"),
        (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, b"nested too deeply"),
        ({"order_id": "A-1", "item": "teapot"}, b"quantity"),
        ({"order_id": "A-1", "item": 3, "quantity": 1}, b"item"),
        ({"order_id": "x" * 65, "item": "teapot", "quantity": 1}, b"order_id"),
        ({"order_id": "A-1", "item": "teapot", "quantity": 1001}, b"quantity"),
        ("A-1", b"JSON object"),
    ],
)
def test_a_bad_order_is_a_400_and_queues_nothing(out, body, problem):
    msg = out()

    resp = submit_order(post("/api/orders", body), msg)

    assert resp.status_code == 400
    assert problem in resp.get_body()
    assert msg.calls == []


# --8<-- [start:test-http-queue-many]
def test_a_batch_becomes_one_message_per_order_in_one_set_call(out):
    msgs = out()
    batch = [
        {"order_id": "B-1", "item": "cup", "quantity": 1},
        {"order_id": "B-2", "item": "saucer", "quantity": 4},
    ]

    resp = submit_orders(post("/api/orders/batch", batch), msgs)

    assert resp.status_code == 202
    assert json.loads(resp.get_body()) == {"queued": ["B-1", "B-2"]}
    assert len(msgs.calls) == 1
    assert [json.loads(m) for m in msgs.get()] == batch


# --8<-- [end:test-http-queue-many]


@pytest.mark.parametrize(
    "body, problem",
    [
        (b"nope", b"not valid JSON"),
        ({"order_id": "B-1"}, b"JSON list of 1 to 32 orders"),
        ([], b"JSON list of 1 to 32 orders"),
        ([{"order_id": f"B-{n}", "item": "cup", "quantity": 1} for n in range(33)], b"1 to 32"),
        ([{"order_id": "B-1", "item": "cup", "quantity": 1}, {"order_id": "B-2"}], b"Order 1: "),
        (
            [
                {"order_id": "B-1", "item": "cup", "quantity": 1},
                {"order_id": "B-1", "item": "mug", "quantity": 2},
            ],
            b"only once",
        ),
    ],
)
def test_a_bad_batch_is_a_400_and_queues_nothing(out, body, problem):
    msgs = out()

    resp = submit_orders(post("/api/orders/batch", body), msgs)

    assert resp.status_code == 400
    assert problem in resp.get_body()
    assert msgs.calls == []
