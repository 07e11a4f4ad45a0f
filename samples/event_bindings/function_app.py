"""Entry point of the function app: Event Grid, Service Bus, Event Hubs and Cosmos DB bindings.

Every binding names an app setting (`connection=`), never a secret: local.settings.json
holds the local values, the function app's settings hold the real ones.
"""

# --8<-- [start:app]
import logging
import typing

import azure.functions as func

from order_flow import lookups, orders, readings

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
# --8<-- [end:app]


# --8<-- [start:event-grid-trigger]
@app.event_grid_trigger(arg_name="event")
@app.service_bus_queue_output(
    arg_name="message", connection="ServiceBusConnection", queue_name="orders"
)
def order_placed(event: func.EventGridEvent, message: func.Out[str]) -> None:
    body = orders.order_message(event)
    if body is None:
        logging.info("Event %s (%s) is not an order: skipped", event.id, event.event_type)
        return
    message.set(body)
    logging.info("Event %s for %s queued as an order", event.id, event.subject)


# --8<-- [end:event-grid-trigger]


# --8<-- [start:service-bus-trigger]
@app.service_bus_queue_trigger(
    arg_name="msg", connection="ServiceBusConnection", queue_name="orders"
)
@app.cosmos_db_output(
    arg_name="order",
    connection="CosmosDbConnection",
    database_name="shop",
    container_name="orders",
)
@app.service_bus_queue_output(
    arg_name="rejected", connection="ServiceBusConnection", queue_name="orders-rejected"
)
def process_order(
    msg: func.ServiceBusMessage, order: func.Out[func.Document], rejected: func.Out[str]
) -> None:
    try:
        document = orders.order_document(msg)
    except orders.InvalidOrder as error:
        # A bad body fails the same way on every delivery: park it with the reason and let
        # the message complete, instead of raising and using up the retries.
        logging.error("Message %s rejected: %s", msg.message_id, error)
        rejected.set(orders.rejection(msg, str(error)))
        return
    order.set(document)
    logging.info(
        "Order %s stored (message %s, delivery %s)",
        document["id"],
        msg.message_id,
        msg.delivery_count,
    )


# --8<-- [end:service-bus-trigger]


# --8<-- [start:event-hub-output]
@app.route(route="readings", methods=["POST"])
@app.event_hub_output(arg_name="events", connection="EventHubConnection", event_hub_name="readings")
def publish_readings(
    req: func.HttpRequest,
    # The worker accepts typing.List[str] here and refuses list[str].
    events: func.Out[typing.List[str]],  # noqa: UP006
) -> func.HttpResponse:
    try:
        batch = readings.reading_events(req.get_body())
    except readings.InvalidReadings as error:
        return func.HttpResponse(f"{error}.", status_code=400)
    events.set(batch)  # a list: one event per element
    return func.HttpResponse(f"{len(batch)} event(s) sent.", status_code=202)


# --8<-- [end:event-hub-output]


# --8<-- [start:cosmos-input-by-id]
@app.route(route="orders/{customer}/{id}", methods=["GET"])
@app.cosmos_db_input(
    arg_name="documents",
    connection="CosmosDbConnection",
    database_name="shop",
    container_name="orders",
    id="{id}",
    partition_key="{customer}",
)
def get_order(req: func.HttpRequest, documents: func.DocumentList) -> func.HttpResponse:
    return lookups.order_response(req.route_params, documents)


# --8<-- [end:cosmos-input-by-id]


# --8<-- [start:cosmos-input-query]
@app.route(route="customers/{customer}/orders", methods=["GET"])
@app.cosmos_db_input(
    arg_name="documents",
    connection="CosmosDbConnection",
    database_name="shop",
    container_name="orders",
    sql_query="SELECT * FROM c WHERE c.customer = {customer} ORDER BY c.id",
    partition_key="{customer}",
)
def list_orders(req: func.HttpRequest, documents: func.DocumentList) -> func.HttpResponse:
    return lookups.orders_response(req.route_params, documents)


# --8<-- [end:cosmos-input-query]
