"""The functions, called with SDK objects the extensions decode from real AMQP bytes."""

import json
import logging
import re
import uuid

import amqp_messages as amqp
import pytest
import uamqp
from conftest import LOCK_TOKEN, Collector, event, events, received_message

import function_app
from messages import MAX_BODY_BYTES, BadMessage


def order_content(body: bytes, **fields) -> bytes:
    return amqp.service_bus_content(
        body,
        lock_token=LOCK_TOKEN,
        sequence_number=17,
        message_id="order-A-1001",
        content_type="application/json",
        properties={"priority": "high", "attempt": 1},
        **fields,
    )


def reading_content(body: bytes, sequence_number: int = 41) -> bytes:
    return amqp.event_hubs_content(
        body,
        sequence_number=sequence_number,
        partition_key="lab",
        content_type="application/json",
        properties={"site": "lab"},
    )


def test_service_bus_message_has_the_fields_the_host_sent():
    content = order_content(b'{"order_id": "A-1001", "quantity": 3}', delivery_count=3)
    message = received_message(content)

    assert message.message_id == "order-A-1001"
    assert message.content_type == "application/json"
    assert message.application_properties == {b"priority": b"high", b"attempt": 1}
    assert message.sequence_number == 17
    assert message.enqueued_time_utc == amqp.ENQUEUED
    assert message.lock_token == LOCK_TOKEN
    # The extension decodes what follows the lock-token annotation, so the header before it
    # is lost: uamqp reads the delivery count from the whole message, the SDK type has none.
    assert uamqp.Message().decode_from_bytes(content[16:]).header.delivery_count == 3
    assert message.delivery_count is None


def test_process_order_writes_a_summary(caplog):
    caplog.set_level(logging.INFO)
    summary = Collector()
    message = received_message(order_content(b'{"order_id": "A-1001", "quantity": 3}'))

    function_app.process_order(message, summary)

    assert json.loads(summary.get()) == {
        "message_id": "order-A-1001",
        "sequence_number": 17,
        "content_type": "application/json",
        "properties": {"priority": "high", "attempt": 1},
        "order_id": "A-1001",
        "quantity": 3,
    }
    assert "Order A-1001: 3, message order-A-1001" in caplog.text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"not json", "not JSON (JSONDecodeError)"),
        (b"\xff\xfe\xfa", "not JSON (UnicodeDecodeError)"),  # read as UTF-16 (its BOM)
        (b"[" * 100_000 + b"]" * 100_000, "at most"),
        (b"[" * 30_000 + b"]" * 30_000, "not JSON (RecursionError)"),
        (b'["A-1001", 3]', "not a JSON object"),
        (b'{"order_id": "A-1001"}', '"quantity" must be'),
        (b'{"order_id": "A-1001", "quantity": true}', '"quantity" must be'),
        (b'{"order_id": "A-1001", "quantity": 0}', '"quantity" must be'),
        (b'{"order_id": "A-1001", "quantity": 2.5}', '"quantity" must be'),
        (b'{"order_id": "", "quantity": 1}', '"order_id" must be'),
        (b'{"order_id": 7, "quantity": 1}', '"order_id" must be'),
    ],
)
def test_a_bad_order_fails_the_invocation_so_service_bus_retries_it(body, reason, caplog):
    summary = Collector()
    message = received_message(order_content(body))

    with pytest.raises(BadMessage, match=re.escape(reason)):
        function_app.process_order(message, summary)

    assert summary.get() is None
    assert "Message order-A-1001 is not an order" in caplog.text


def test_a_message_with_an_amqp_value_body_is_refused():
    content = order_content({b"order_id": b"A-1001"}, value_body=True)

    with pytest.raises(BadMessage, match="AMQP value"):
        function_app.process_order(received_message(content), Collector())


def test_event_has_the_fields_the_host_sent():
    received = event(reading_content(b'{"sensor": "s-7", "celsius": 21.5}'))

    assert received.body_as_str() == '{"sensor": "s-7", "celsius": 21.5}'
    assert received.content_type == "application/json"
    assert received.properties == {b"site": b"lab"}
    assert received.sequence_number == 41
    assert received.enqueued_time == amqp.ENQUEUED
    assert received.partition_key == b"lab"


def test_record_reading_logs_it(caplog):
    caplog.set_level(logging.INFO)
    rejected = Collector()

    function_app.record_reading(
        event(reading_content(b'{"sensor": "s-7", "celsius": 21}')), rejected
    )

    assert rejected.get() is None
    assert "Sensor s-7: 21.0 C (event 41, {'site': 'lab'})" in caplog.text


@pytest.mark.parametrize(
    "body",
    [
        b'{"sensor": "s-7", "celsius": NaN}',
        b'{"sensor": "s-7", "celsius": 1000}',
        b'{"sensor": "s-7", "celsius": "warm"}',
        b'{"sensor": "s-7", "celsius": false}',
        b'{"celsius": 20}',
    ],
)
def test_record_reading_skips_a_bad_event_and_keeps_a_record(body, caplog):
    rejected = Collector()

    function_app.record_reading(event(reading_content(body, sequence_number=42)), rejected)

    record = json.loads(rejected.get())
    assert record["sequence_number"] == 42
    assert record["partition_key"] == "lab"
    assert "must be" in record["error"]
    assert "Skipped event 42" in caplog.text


def test_record_readings_summarises_a_batch_and_keeps_the_bad_events():
    batch, rejected = Collector(), Collector()
    received = events(
        reading_content(b'{"sensor": "s-7", "celsius": 20.5}', sequence_number=50),
        reading_content(b"oops", sequence_number=51),
        reading_content(b'{"sensor": "s-8", "celsius": 22}', sequence_number=52),
    )

    function_app.record_readings(received, batch, rejected)

    assert json.loads(batch.get()) == {
        "events": 3,
        "readings": 2,
        "mean_celsius": 21.25,
        "sequence_numbers": [50, 52],
    }
    [record] = [json.loads(r) for r in rejected.get()]
    assert record == {
        "sequence_number": 51,
        "partition_key": "lab",
        "error": "the body is not JSON (JSONDecodeError)",
    }


def test_record_readings_with_only_bad_events_has_no_mean():
    batch, rejected = Collector(), Collector()

    function_app.record_readings(events(reading_content(b"[]")), batch, rejected)

    assert json.loads(batch.get())["mean_celsius"] is None
    assert len(rejected.get()) == 1


def test_record_readings_of_an_empty_batch_writes_nothing():
    batch, rejected = Collector(), Collector()

    function_app.record_readings([], batch, rejected)

    assert (batch.get(), rejected.get()) == (None, None)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"not AMQP", "Failed to decode ServiceBus content"),
        (LOCK_TOKEN.bytes_le + b"not AMQP", "Failed to decode ServiceBus content"),
    ],
)
def test_content_the_extension_cant_decode_fails_before_the_function_runs(content, error):
    with pytest.raises(ValueError, match=error):
        received_message(content)


def test_an_event_the_extension_cant_decode_fails_before_the_function_runs():
    with pytest.raises(ValueError, match="Failed to decode EventHub content"):
        event(b"not AMQP")


def test_body_limit_is_the_apps_own():
    assert MAX_BODY_BYTES == 64 * 1024


def test_body_bytes_takes_bytes_as_they_are():
    from messages import body_bytes, plain

    assert body_bytes(b"abc") == b"abc"
    assert plain(uuid.UUID(int=1)) == "00000000-0000-0000-0000-000000000001"
    assert plain(None) is None
