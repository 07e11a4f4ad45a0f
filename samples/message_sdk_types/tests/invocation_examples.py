"""The examples of tests/invocations.json, built from real AMQP messages.

`python tests/invocation_examples.py` writes the file; tests/test_invocations.py checks that
the committed one is what this builds.
"""

import json
import sys
import uuid
from pathlib import Path

import amqp_messages as amqp

FILE = Path(__file__).resolve().parent / "invocations.json"
LOCK_TOKEN = uuid.UUID("0b7e5c1a-4d2f-4a8e-9b3c-5d6e7f809102")
ORDER = b'{"order_id": "A-1001", "quantity": 3}'


def order_summary() -> str:
    return json.dumps(
        {
            "message_id": "order-A-1001",
            "sequence_number": 17,
            "content_type": "application/json",
            "properties": {"priority": "high"},
            "order_id": "A-1001",
            "quantity": 3,
        }
    )


def reading(body: bytes, sequence_number: int) -> dict:
    content = amqp.event_hubs_content(
        body,
        sequence_number=sequence_number,
        partition_key="lab",
        content_type="application/json",
        properties={"site": "lab"},
    )
    return amqp.binding_data("AzureEventHubsEventData", content)


def rejected(sequence_number: int, error: str) -> str:
    return json.dumps({"sequence_number": sequence_number, "partition_key": "lab", "error": error})


def examples() -> list:
    order = amqp.service_bus_content(
        ORDER,
        lock_token=LOCK_TOKEN,
        sequence_number=17,
        message_id="order-A-1001",
        content_type="application/json",
        properties={"priority": "high"},
    )
    not_json = "the body is not JSON (JSONDecodeError)"
    return [
        {
            "function": "ProcessOrder",
            "trigger": {
                "model_binding_data": amqp.binding_data("AzureServiceBusReceivedMessage", order)
            },
            "outputs": {"summary": {"string": order_summary()}},
            "logs": ["Order A-1001: 3, message order-A-1001"],
        },
        {
            "function": "RecordReading",
            "trigger": {"model_binding_data": reading(b'{"sensor": "s-7", "celsius": 21.5}', 41)},
            "outputs": {"rejected": None},
            "logs": ["Sensor s-7: 21.5 C (event 41, {'site': 'lab'})"],
        },
        {
            "function": "RecordReading",
            "trigger": {"model_binding_data": reading(b"21.5 degrees", 42)},
            "outputs": {"rejected": {"string": rejected(42, not_json)}},
            "logs": ["Skipped event 42: " + not_json],
        },
        {
            "function": "RecordReadings",
            "trigger": {
                "collection_model_binding_data": [
                    reading(b'{"sensor": "s-7", "celsius": 20.5}', 50),
                    reading(b'{"sensor": "s-7"}', 51),
                    reading(b'{"sensor": "s-8", "celsius": 22}', 52),
                ]
            },
            "outputs": {
                "batch": {
                    "string": json.dumps(
                        {
                            "events": 3,
                            "readings": 2,
                            "mean_celsius": 21.25,
                            "sequence_numbers": [50, 52],
                        }
                    )
                },
                "rejected": {"json": [rejected(51, '"celsius" must be a number from -100 to 100')]},
            },
            "logs": ["Skipped event 51"],
        },
    ]


def text() -> str:
    return json.dumps(examples(), indent=2) + "\n"


if __name__ == "__main__":
    FILE.write_text(text())
    sys.stdout.write(f"wrote {FILE}\n")
