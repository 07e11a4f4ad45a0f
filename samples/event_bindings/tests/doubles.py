"""Stand-ins for what the host passes a function: real azure.functions objects, no mocks."""

from __future__ import annotations

import datetime

import azure.functions as func
from azure.functions.servicebus import ServiceBusMessage


# --8<-- [start:out-double]
class Out(func.Out):
    """An output binding: keeps what the function set, as the worker does before encoding it."""

    def __init__(self) -> None:
        self.value = None

    def set(self, val) -> None:
        self.value = val

    def get(self):
        return self.value


# --8<-- [end:out-double]


def event(event_type: str, data, subject: str = "orders/o-1001") -> func.EventGridEvent:
    return func.EventGridEvent(
        id="evt-1",
        data=data,
        topic="/subscriptions/x/resourceGroups/shop/providers/Microsoft.EventGrid/topics/orders",
        subject=subject,
        event_type=event_type,
        event_time=datetime.datetime(2026, 11, 30, 10, tzinfo=datetime.timezone.utc),
        data_version="1.0",
    )


# --8<-- [start:service-bus-message]
def message(body: bytes, *, user_properties=None, delivery_count: int = 1) -> ServiceBusMessage:
    # func.ServiceBusMessage is the interface; the worker builds this subclass from the
    # trigger data and metadata, in azure-functions 1.x and 2.x alike.
    return ServiceBusMessage(
        body=body,
        message_id="m-1",
        delivery_count=delivery_count,
        application_properties={},
        user_properties={} if user_properties is None else user_properties,
    )


# --8<-- [end:service-bus-message]
