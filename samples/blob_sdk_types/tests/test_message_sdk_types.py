"""What the guide says about the Event Hubs and Service Bus SDK types, checked.

The app has no such functions (no emulator runs here); these tests hold the page's claims to
the installed extensions: each decodes an AMQP message, encoded here with uamqp, laid out as
the host's extensions send it.
"""

import uuid
from types import SimpleNamespace

import uamqp
from azure.eventhub import EventData as SdkEventData
from azure.servicebus import ServiceBusReceivedMessage as SdkReceivedMessage
from azurefunctions.extensions.base import Datum
from azurefunctions.extensions.bindings.eventhub import EventData, EventDataConverter
from azurefunctions.extensions.bindings.servicebus import (
    ServiceBusConverter,
    ServiceBusReceivedMessage,
)
from uamqp import types as amqp_types
from uamqp.message import MessageProperties

LOCK_TOKEN = b"x-opt-lock-token"


def binding_data(source: str, content: bytes) -> Datum:
    message = SimpleNamespace(
        version="1.0", source=source, content_type="application/octet-stream", content=content
    )
    return Datum(value=message, type="model_binding_data")


def order_message(**extra) -> uamqp.Message:
    return uamqp.Message(
        body=b'{"order": 42}',
        properties=MessageProperties(message_id=b"order-42", content_type=b"application/json"),
        application_properties={b"priority": b"high"},
        **extra,
    )


def test_event_data_keeps_body_id_content_type_and_properties():
    content = order_message().encode_message()  # the raw AMQP message, as the host sends it

    event = EventDataConverter.decode(
        binding_data("AzureEventHubsEventData", content), trigger_metadata={}, pytype=EventData
    )

    assert isinstance(event, SdkEventData)
    assert event.body_as_str() == '{"order": 42}'
    assert event.message_id == "order-42"
    assert event.content_type == "application/json"
    assert event.properties == {b"priority": b"high"}


def in_section_order(encoded: bytes) -> bytes:
    """The message's sections in the order the AMQP 1.0 specification gives them.

    uamqp writes the delivery annotations after the properties; an encoder that follows the
    specification writes them first. Each section starts with the
    descriptor 0x00 0x53 and its code (0x70-0x78); the message here is small and fixed, so
    nothing else in it looks like one.
    """
    starts = [
        i
        for i in range(len(encoded) - 2)
        if encoded[i : i + 2] == b"\x00\x53" and 0x70 <= encoded[i + 2] <= 0x78
    ]
    sections = [encoded[a:b] for a, b in zip(starts, [*starts[1:], len(encoded)], strict=True)]
    assert starts[0] == 0 and sorted(s[2] for s in sections) == [0x71, 0x73, 0x74, 0x75]
    return b"".join(sorted(sections, key=lambda section: section[2]))


def test_service_bus_message_keeps_body_id_content_type_properties_and_lock_token():
    lock = uuid.UUID("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b")
    message = order_message(delivery_annotations={amqp_types.AMQPSymbol(LOCK_TOKEN): lock})
    # As the host's extension sends it: the lock token's 16 bytes, then the AMQP message.
    content = lock.bytes_le + in_section_order(message.encode_message())

    received = ServiceBusConverter.decode(
        binding_data("AzureServiceBusReceivedMessage", content),
        trigger_metadata={},
        pytype=ServiceBusReceivedMessage,
    )

    assert isinstance(received, SdkReceivedMessage)
    assert str(received) == '{"order": 42}'
    assert received.message_id == "order-42"
    assert received.content_type == "application/json"
    assert received.application_properties == {b"priority": b"high"}
    assert received.lock_token == lock
