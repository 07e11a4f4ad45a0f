"""AMQP messages encoded with uamqp and laid out as the Functions host sends them.

The host's Service Bus and Event Hubs extensions (Azure/azure-sdk-for-net,
Microsoft.Azure.WebJobs.Extensions.ServiceBus and .EventHubs, Config/*ExtensionConfigProvider.cs)
send the received message's raw AMQP bytes in a ModelBindingData, content type
application/octet-stream; for Service Bus, the lock token's 16 bytes come first. Their encoder
writes the message sections in the order of the AMQP 1.0 specification; uamqp writes the
delivery annotations later, so `in_section_order` puts them back.
"""

import base64
import datetime
import uuid

import uamqp
from uamqp import types as amqp
from uamqp.constants import MessageBodyType
from uamqp.message import MessageHeader, MessageProperties

ENQUEUED = datetime.datetime(2026, 11, 30, 9, 30, tzinfo=datetime.timezone.utc)  # noqa: UP017 - Python 3.10
OCTET_STREAM = "application/octet-stream"


def sections(encoded: bytes) -> list[bytes]:
    """Split an encoded message into its sections: each is the descriptor 0x00 0x53 <code>
    and one value, whose constructor gives its length."""
    found, i = [], 0
    while i < len(encoded):
        assert encoded[i : i + 2] == b"\x00\x53", f"no section at byte {i}"
        constructor = encoded[i + 3]
        if constructor in (0x40, 0x45):  # null, empty list
            size = 1
        elif constructor in (0xA0, 0xA1, 0xA3, 0xC0, 0xC1):  # 8-bit size follows
            size = 2 + encoded[i + 4]
        elif constructor in (0xB0, 0xB1, 0xB3, 0xD0, 0xD1):  # 32-bit size follows
            size = 5 + int.from_bytes(encoded[i + 4 : i + 8], "big")
        else:
            raise AssertionError(f"unexpected constructor {constructor:#x} at byte {i + 3}")
        found.append(encoded[i : i + 3 + size])
        i += 3 + size
    return found


def in_section_order(encoded: bytes) -> bytes:
    """The sections in the specification's order: header 0x70, delivery annotations 0x71,
    message annotations 0x72, properties 0x73, application properties 0x74, body 0x75-0x77."""
    return b"".join(sorted(sections(encoded), key=lambda section: section[2]))


def symbol_map(values: dict) -> dict:
    return {amqp.AMQPSymbol(key.encode()): value for key, value in values.items()}


def encode(
    body,
    *,
    message_id: str | None = None,
    content_type: str | None = None,
    properties: dict | None = None,
    annotations: dict | None = None,
    delivery_annotations: dict | None = None,
    delivery_count: int | None = None,
    value_body: bool = False,
) -> bytes:
    header = None
    if delivery_count is not None:
        header = MessageHeader()
        header.delivery_count = delivery_count
    message = uamqp.Message(
        body=body,
        body_type=MessageBodyType.Value if value_body else None,
        header=header,
        properties=MessageProperties(
            message_id=message_id.encode() if message_id else None,
            content_type=content_type.encode() if content_type else None,
        ),
        application_properties={k.encode(): v for k, v in (properties or {}).items()},
        annotations=symbol_map(annotations or {}),
        delivery_annotations=symbol_map(delivery_annotations or {}) or None,
    )
    return in_section_order(message.encode_message())


def service_bus_content(
    body, *, lock_token: uuid.UUID, sequence_number: int, delivery_count: int = 1, **fields
) -> bytes:
    """A received Service Bus message: the lock token, then the AMQP message."""
    annotations = {
        "x-opt-enqueued-time": ENQUEUED,
        "x-opt-sequence-number": amqp.AMQPLong(sequence_number),
        "x-opt-locked-until": ENQUEUED + datetime.timedelta(minutes=1),
    }
    message = encode(
        body,
        annotations=annotations,
        delivery_annotations={"x-opt-lock-token": lock_token},
        delivery_count=delivery_count,
        **fields,
    )
    return lock_token.bytes_le + message


def event_hubs_content(body, *, sequence_number: int, partition_key: str, **fields) -> bytes:
    """A received event: the AMQP message, with the annotations Event Hubs adds."""
    annotations = {
        "x-opt-sequence-number": amqp.AMQPLong(sequence_number),
        "x-opt-offset": str(sequence_number * 100).encode(),
        "x-opt-enqueued-time": ENQUEUED,
        "x-opt-partition-key": partition_key.encode(),
    }
    return encode(body, annotations=annotations, **fields)


def binding_data(source: str, content: bytes) -> dict:
    """The ModelBindingData in the conformance harness's notation (without its key)."""
    return {
        "version": "1.0",
        "source": source,
        "content_type": OCTET_STREAM,
        "content_base64": base64.b64encode(content).decode(),
    }
