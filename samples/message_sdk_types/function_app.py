"""Service Bus and Event Hubs messages as SDK types: the functions get the SDK's own objects."""

# --8<-- [start:app]
import json
import logging
import statistics
import typing

import azure.functions as func
import azurefunctions.extensions.bindings.eventhub as eventhub
import azurefunctions.extensions.bindings.servicebus as servicebus

from messages import BadMessage, body_bytes, plain, plain_properties, read_order, read_reading

app = func.FunctionApp()
# --8<-- [end:app]


# --8<-- [start:process-order]
@app.function_name(name="ProcessOrder")
@app.service_bus_queue_trigger(
    arg_name="message", queue_name="orders", connection="ServiceBusConnection"
)
@app.queue_output(
    arg_name="summary", queue_name="order-summaries", connection="AzureWebJobsStorage"
)
def process_order(message: servicebus.ServiceBusReceivedMessage, summary: func.Out[str]) -> None:
    try:
        order = read_order(body_bytes(message.body))
    except BadMessage as error:
        # Fail the invocation: the host abandons the message, Service Bus delivers it again,
        # and after the queue's maximum delivery count it moves to the dead-letter queue.
        logging.error("Message %s is not an order: %s", message.message_id, error)
        raise
    record = {
        "message_id": message.message_id,
        "sequence_number": message.sequence_number,
        "content_type": message.content_type,
        "properties": plain_properties(message.application_properties),
        "order_id": order.order_id,
        "quantity": order.quantity,
    }
    summary.set(json.dumps(record))
    logging.info("Order %s: %d, message %s", order.order_id, order.quantity, message.message_id)


# --8<-- [end:process-order]


# --8<-- [start:rejected-event]
def rejected_event(event: eventhub.EventData, error: BadMessage) -> str:
    """What the app keeps of an event it can't use: where it is in the hub, and why."""
    where = {"sequence_number": event.sequence_number, "partition_key": plain(event.partition_key)}
    return json.dumps({**where, "error": str(error)})


# --8<-- [end:rejected-event]


# --8<-- [start:record-reading]
@app.function_name(name="RecordReading")
@app.event_hub_message_trigger(
    arg_name="event", event_hub_name="readings", connection="EventHubConnection"
)
@app.queue_output(
    arg_name="rejected", queue_name="rejected-readings", connection="AzureWebJobsStorage"
)
def record_reading(event: eventhub.EventData, rejected: func.Out[str]) -> None:
    try:
        reading = read_reading(body_bytes(event.body))
    except BadMessage as error:
        # Skip it, but keep a record: the trigger moves past the event whether the function
        # succeeds or fails, so raising would not bring the event back.
        logging.warning("Skipped event %s: %s", event.sequence_number, error)
        rejected.set(rejected_event(event, error))
        return
    logging.info(
        "Sensor %s: %.1f C (event %s, %s)",
        reading.sensor,
        reading.celsius,
        event.sequence_number,
        plain_properties(event.properties),
    )


# --8<-- [end:record-reading]


# --8<-- [start:record-readings]
@app.function_name(name="RecordReadings")
@app.event_hub_message_trigger(
    arg_name="events",
    event_hub_name="readings",
    connection="EventHubConnection",
    consumer_group="batches",
    cardinality=func.Cardinality.MANY,
)
@app.queue_output(arg_name="batch", queue_name="reading-batches", connection="AzureWebJobsStorage")
@app.queue_output(
    arg_name="rejected", queue_name="rejected-readings", connection="AzureWebJobsStorage"
)
def record_readings(
    # typing.List, not list: the worker refuses list[...] annotations when it loads the app.
    events: typing.List[eventhub.EventData],  # noqa: UP006
    batch: func.Out[str],
    rejected: func.Out[typing.List[str]],  # noqa: UP006
) -> None:
    if not events:
        return
    celsius, skipped = [], []
    for event in events:
        try:
            celsius.append(read_reading(body_bytes(event.body)).celsius)
        except BadMessage as error:  # one bad event doesn't cost the others
            logging.warning("Skipped event %s: %s", event.sequence_number, error)
            skipped.append(rejected_event(event, error))
    batch.set(
        json.dumps(
            {
                "events": len(events),
                "readings": len(celsius),
                "mean_celsius": round(statistics.fmean(celsius), 2) if celsius else None,
                "sequence_numbers": [events[0].sequence_number, events[-1].sequence_number],
            }
        )
    )
    if skipped:
        rejected.set(skipped)


# --8<-- [end:record-readings]
