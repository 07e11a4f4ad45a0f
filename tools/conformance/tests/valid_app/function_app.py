"""Every kind of binding the harness invokes: timer, queue, blob, generic, HTTP with outputs.

The harness's tests run this app through the worker and check each function's output bindings,
return value and logs against tests/invocations.json.
"""

import json
import logging
import typing

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.timer_trigger(schedule="0 */5 * * * *", arg_name="timer", run_on_startup=False)
@app.blob_output(arg_name="beat", path="heartbeats/last.txt", connection="AzureWebJobsStorage")
def heartbeat(timer: func.TimerRequest, beat: func.Out[str]) -> None:
    state = "late" if timer.past_due else "on time"
    logging.info("heartbeat %s", state)
    beat.set(state)


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="shipped", queue_name="shipments", connection="AzureWebJobsStorage")
def ship_order(msg: func.QueueMessage, shipped: func.Out[str]) -> None:
    order = msg.get_json()
    logging.info("order %s, attempt %s", msg.id, msg.dequeue_count)
    shipped.set(json.dumps({"order": msg.id, "item": order["item"], "attempt": msg.dequeue_count}))


@app.blob_trigger(arg_name="upload", path="inbox/{name}", connection="AzureWebJobsStorage")
@app.blob_input(arg_name="footer", path="footers/{name}", connection="AzureWebJobsStorage")
@app.blob_output(arg_name="stamped", path="outbox/{name}", connection="AzureWebJobsStorage")
def stamp_upload(upload: func.InputStream, footer: bytes, stamped: func.Out[bytes]) -> None:
    logging.info("blob %s from %s", upload.name, upload.uri)
    stamped.set(upload.read().upper() + b"\n" + (footer or b"(no footer)"))


@app.generic_trigger(
    arg_name="item", type="queueTrigger", queueName="audit", connection="AzureWebJobsStorage"
)
@app.generic_input_binding(
    arg_name="rules", type="table", tableName="rules", connection="AzureWebJobsStorage"
)
@app.generic_output_binding(
    arg_name="row", type="table", tableName="audit", connection="AzureWebJobsStorage"
)
async def audit(item: str, rules: str, row: func.Out[str], context: func.Context) -> None:
    # async: it runs in the task of its invocation, so its logs carry the id that way
    logging.info("audit in invocation %s", context.invocation_id)
    row.set(json.dumps({"PartitionKey": "audit", "RowKey": item, "rules": json.loads(rules)}))


@app.route(route="orders/{customer}", methods=["POST"])
@app.queue_output(arg_name="message", queue_name="orders", connection="AzureWebJobsStorage")
def place_order(req: func.HttpRequest, message: func.Out[str]) -> func.HttpResponse:
    message.set(f"{req.route_params['customer']}: {req.get_body().decode()}")
    return func.HttpResponse(
        json.dumps({"queued": True}), status_code=202, mimetype="application/json"
    )


@app.route(route="batch", methods=["POST"])
@app.queue_output(arg_name="messages", queue_name="orders", connection="AzureWebJobsStorage")
def place_batch(
    req: func.HttpRequest,
    messages: func.Out[typing.List[str]],  # noqa: UP006
) -> func.HttpResponse:
    items = req.get_json()
    messages.set([f"order {item}" for item in items])
    return func.HttpResponse(f"{len(items)} queued")


@app.queue_trigger(arg_name="msg", queue_name="echo-in", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="$return", queue_name="echo-out", connection="AzureWebJobsStorage")
def echo(msg: func.QueueMessage) -> str:
    return msg.get_body().decode()[::-1]


@app.route(route="notes/{name}", methods=["GET"])
@app.blob_input(arg_name="note", path="notes/{name}", connection="AzureWebJobsStorage")
def read_note(req: func.HttpRequest, note: str) -> func.HttpResponse:
    # The worker refuses `str | None` as the annotation; the value is None all the same when
    # the blob doesn't exist.
    if note is None:
        return func.HttpResponse("No such note.", status_code=404)
    return func.HttpResponse(note)
