"""Entry point of the function app: the worker indexes this module and nothing else."""

# --8<-- [start:app]
import json
import logging
import typing

import azure.functions as func

from shared_code import orders, reports, storage

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

# Bindings name the app setting that holds a connection string, never the string itself.
# Locally, local.settings.json sets it to UseDevelopmentStorage=true (Azurite).
STORAGE = "AzureWebJobsStorage"
# --8<-- [end:app]


# --8<-- [start:timer-heartbeat]
@app.timer_trigger(
    arg_name="timer",
    schedule="0 */5 * * * *",  # NCRONTAB, six fields: at second 0 of every 5th minute (UTC)
    run_on_startup=False,
    use_monitor=True,
)
@app.blob_output(arg_name="heartbeat", path="heartbeats/latest.json", connection=STORAGE)
def heartbeat(timer: func.TimerRequest, heartbeat: func.Out[str]) -> None:
    if timer.past_due:
        logging.warning("heartbeat: this run is late, an occurrence was missed.")
    heartbeat.set(reports.heartbeat(timer.past_due, timer.schedule_status))


# --8<-- [end:timer-heartbeat]


# --8<-- [start:queue-process-order]
@app.queue_trigger(arg_name="msg", queue_name="orders", connection=STORAGE)
@app.queue_output(arg_name="accepted", queue_name="orders-accepted", connection=STORAGE)
# A generic binding: its type and settings, spelled as in function.json. It works for any
# binding extension, also those with no decorator of their own (Table has one, table_output).
@app.generic_output_binding(arg_name="row", type="table", tableName="orders", connection=STORAGE)
def process_order(msg: func.QueueMessage, accepted: func.Out[str], row: func.Out[str]) -> None:
    logging.info("process_order: message %s, dequeue count %s", msg.id, msg.dequeue_count)
    # An exception makes the host retry the message; after maxDequeueCount tries
    # (host.json) it moves the message to the poison queue, orders-poison.
    order = orders.parse_order(msg.get_body())
    row.set(order.to_table_row())
    accepted.set(order.to_message())


# --8<-- [end:queue-process-order]


# --8<-- [start:queue-poison]
@app.queue_trigger(arg_name="msg", queue_name="orders-poison", connection=STORAGE)
# {id} is trigger metadata: the poison message's own id names the blob.
@app.blob_output(arg_name="copy", path="poison-orders/{id}.txt", connection=STORAGE)
def record_poison_order(msg: func.QueueMessage, copy: func.Out[bytes]) -> None:
    logging.error("record_poison_order: message %s failed every try", msg.id)
    copy.set(msg.get_body())


# --8<-- [end:queue-poison]


# --8<-- [start:blob-summarize]
@app.blob_trigger(arg_name="upload", path="uploads/{name}", connection=STORAGE)
# {name} in the output path is the value the trigger's path matched.
@app.blob_output(arg_name="report", path="reports/{name}.json", connection=STORAGE)
def summarize_upload(upload: func.InputStream, report: func.Out[str]) -> None:
    logging.info("summarize_upload: %s, %s bytes", upload.name, upload.length)
    # upload.name is the blob's path in the account: uploads/<name>.
    report.set(reports.summarize(upload.name, upload.read()))


# --8<-- [end:blob-summarize]


# --8<-- [start:http-blob-input]
@app.route(route="reports/{name}", methods=["GET"])
# {name} comes from the route: the expression resolves on every request that matches.
@app.blob_input(arg_name="report", path="reports/{name}.json", connection=STORAGE)
def get_report(req: func.HttpRequest, report: str) -> func.HttpResponse:
    name = req.route_params["name"]
    if report is None:  # the blob doesn't exist
        return func.HttpResponse(f"No report for {name!r}.", status_code=404)
    return func.HttpResponse(report, mimetype="application/json")


# --8<-- [end:http-blob-input]


# --8<-- [start:http-sdk-list]
@app.route(route="reports", methods=["GET"])
def list_reports(req: func.HttpRequest) -> func.HttpResponse:
    # No binding lists blobs: the storage SDK does, with the same app setting.
    try:
        names = storage.report_names(prefix=req.params.get("prefix", ""))
    except storage.StorageNotConfigured as error:
        return func.HttpResponse(str(error), status_code=503)
    return func.HttpResponse(json.dumps({"reports": names}), mimetype="application/json")


# --8<-- [end:http-sdk-list]


# --8<-- [start:http-queue-output]
@app.route(route="orders", methods=["POST"])
@app.queue_output(arg_name="msg", queue_name="orders", connection=STORAGE)
def submit_order(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    try:
        order = orders.parse_order(req.get_body())
    except orders.InvalidOrder as error:
        return func.HttpResponse(str(error), status_code=400)
    msg.set(order.to_message())
    # The return value is the HTTP response ($return); the queue gets what msg holds.
    return func.HttpResponse(
        json.dumps({"queued": order.order_id}), status_code=202, mimetype="application/json"
    )


# --8<-- [end:http-queue-output]


# --8<-- [start:http-queue-many]
@app.route(route="orders/batch", methods=["POST"])
@app.queue_output(arg_name="msgs", queue_name="orders", connection=STORAGE)
# typing.List[str], not list[str]: the worker refuses Out[list[str]] when it loads the app.
def submit_orders(req: func.HttpRequest, msgs: func.Out[typing.List[str]]) -> func.HttpResponse:  # noqa: UP006
    try:
        batch = orders.parse_batch(req.get_body())
    except orders.InvalidOrder as error:
        return func.HttpResponse(str(error), status_code=400)
    # One set() call with a list: each string becomes one message.
    msgs.set([order.to_message() for order in batch])
    return func.HttpResponse(
        json.dumps({"queued": [order.order_id for order in batch]}),
        status_code=202,
        mimetype="application/json",
    )


# --8<-- [end:http-queue-many]
