"""Shared helpers: build the SDK objects from AMQP bytes through the extensions' converters."""

import sys
import uuid
from pathlib import Path
from types import SimpleNamespace

from azurefunctions.extensions.base import Datum
from azurefunctions.extensions.bindings.eventhub import EventData, EventDataConverter
from azurefunctions.extensions.bindings.servicebus import (
    ServiceBusConverter,
    ServiceBusReceivedMessage,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # amqp_messages, beside this file

import amqp_messages  # noqa: E402

LOCK_TOKEN = uuid.UUID("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b")


def model_binding_data(source: str, content: bytes) -> SimpleNamespace:
    """What the worker hands the converter: a ModelBindingData's four fields."""
    return SimpleNamespace(
        version="1.0", source=source, content_type=amqp_messages.OCTET_STREAM, content=content
    )


def received_message(content: bytes):
    data = Datum(
        model_binding_data("AzureServiceBusReceivedMessage", content), "model_binding_data"
    )
    return ServiceBusConverter.decode(data, trigger_metadata={}, pytype=ServiceBusReceivedMessage)


def event(content: bytes):
    data = Datum(model_binding_data("AzureEventHubsEventData", content), "model_binding_data")
    return EventDataConverter.decode(data, trigger_metadata={}, pytype=EventData)


def events(*contents: bytes):
    batch = SimpleNamespace(
        model_binding_data=[model_binding_data("AzureEventHubsEventData", c) for c in contents]
    )
    data = Datum(batch, "collection_model_binding_data")
    return EventDataConverter.decode(data, trigger_metadata={}, pytype=list[EventData])


class Collector:
    """An output binding's value holder, as the worker passes one: set() and get()."""

    def __init__(self):
        self.value = None

    def set(self, value):
        self.value = value

    def get(self):
        return self.value
