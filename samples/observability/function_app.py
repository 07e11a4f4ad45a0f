"""What the worker does around a function: logs, spans, context, settings, state, concurrency."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import azure.functions as func

from observability_kit import background, catalogue, scratch
from observability_kit.settings import load_settings
from observability_kit.telemetry import configure_azure_monitor_once, invocation_span

# --8<-- [start:settings-at-start]
# Read at import, when the worker indexes the app: a missing required setting stops the
# app at start with SettingError's message, instead of failing an invocation later.
settings = load_settings()
# --8<-- [end:settings-at-start]
configure_azure_monitor_once()

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

# --8<-- [start:v2-log-levels]
logger = logging.getLogger(__name__)
# Python drops records below the logger's level before any handler sees them; host.json's
# logging.logLevel then decides which of the records that reach the host it keeps.
logger.setLevel(logging.DEBUG)


@app.route(route="logs/levels", methods=["GET"])
def log_levels(req: func.HttpRequest) -> func.HttpResponse:
    logger.debug("Debug: kept only where host.json lowers this function's level")
    logger.info("Info: the host's default level keeps it")
    logger.warning("Warning: something looks wrong, the function goes on")
    logger.error("Error: this request failed in part")
    return func.HttpResponse("logged at four levels")


# --8<-- [end:v2-log-levels]


# --8<-- [start:v2-log-from-thread]
@app.route(route="logs/thread", methods=["GET"])
def log_from_thread(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    seen = background.log_from_threads(context, count=3)
    return func.HttpResponse(json.dumps({"threads": seen}), mimetype="application/json")


# --8<-- [end:v2-log-from-thread]


# --8<-- [start:v2-log-from-coroutines]
@app.route(route="logs/coroutines", methods=["GET"])
async def log_from_coroutines(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    steps = await background.log_from_coroutines(context, count=3)
    return func.HttpResponse(json.dumps({"coroutines": steps}), mimetype="application/json")


# --8<-- [end:v2-log-from-coroutines]


# --8<-- [start:v2-traced]
@app.route(route="traced", methods=["GET"])
def traced(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    with invocation_span(context, "traced") as span:
        span.set_attribute("service.name", settings.service_name)
        total = sum(range(1000))
        span.set_attribute("sum", total)
        trace_id = format(span.get_span_context().trace_id, "032x")
    body = {"trace_id": trace_id, "traceparent": context.trace_context.trace_parent}
    return func.HttpResponse(json.dumps(body), mimetype="application/json")


# --8<-- [end:v2-traced]


# --8<-- [start:v2-invocation-context]
@app.route(route="context", methods=["GET"])
def invocation_context(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    body = {
        "invocation_id": context.invocation_id,
        "function_name": context.function_name,
        "function_directory": context.function_directory,
        "traceparent": context.trace_context.trace_parent,
        "retry_count": context.retry_context.retry_count,
        "max_retry_count": context.retry_context.max_retry_count,
    }
    return func.HttpResponse(json.dumps(body), mimetype="application/json")


# --8<-- [end:v2-invocation-context]


# --8<-- [start:v2-timer-retry]
@app.timer_trigger(schedule="0 0 3 * * *", arg_name="timer", run_on_startup=False)
@app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:10")
def nightly_refresh(timer: func.TimerRequest, context: func.Context) -> None:
    retry = context.retry_context
    if retry.retry_count:
        logger.warning("Retry %d of %d", retry.retry_count, retry.max_retry_count)
    catalogue.forget_catalogue()
    items = len(catalogue.load_catalogue())
    logger.info("Catalogue refreshed: %d items (invocation %s)", items, context.invocation_id)


# --8<-- [end:v2-timer-retry]


# --8<-- [start:v2-settings]
@app.route(route="settings", methods=["GET"])
def app_settings(req: func.HttpRequest) -> func.HttpResponse:
    body = {"service_name": settings.service_name, "greeting": settings.greeting}
    return func.HttpResponse(json.dumps(body), mimetype="application/json")


# --8<-- [end:v2-settings]


# --8<-- [start:v2-catalogue]
@app.route(route="catalogue/{name}", methods=["GET"])
def catalogue_item(req: func.HttpRequest) -> func.HttpResponse:
    name = req.route_params.get("name", "")
    item = catalogue.load_catalogue().get(name)
    if item is None:
        return func.HttpResponse(f"No item named {name!r}.", status_code=404)
    body = {**item, "lookups_in_this_process": catalogue.count_lookup(name)}
    return func.HttpResponse(json.dumps(body), mimetype="application/json")


# --8<-- [end:v2-catalogue]


# --8<-- [start:v2-upload-stats]
@app.route(route="uploads/stats", methods=["POST"])
def upload_stats(req: func.HttpRequest) -> func.HttpResponse:
    try:
        stats = scratch.upload_stats(req.get_body())
    except scratch.NotText as error:
        return func.HttpResponse(str(error), status_code=400)
    return func.HttpResponse(json.dumps(stats), mimetype="application/json")


# --8<-- [end:v2-upload-stats]


def sleep_seconds(req: func.HttpRequest) -> float | None:
    """The ?ms= query value in seconds; None when it's not a whole number in range."""
    value = req.params.get("ms", "50")
    # isascii: "²" is a digit to isdigit() but not to int(); the length check keeps int() away
    # from the thousands of digits that exceed Python's int/str conversion limit.
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        return None
    if int(value) > settings.max_sleep_ms:
        return None
    return int(value) / 1000


def bad_sleep() -> func.HttpResponse:
    return func.HttpResponse(
        f"ms must be a whole number from 0 to {settings.max_sleep_ms}.", status_code=400
    )


# --8<-- [start:v2-async-sync-blocking]
@app.route(route="sleep/async", methods=["GET"])
async def sleep_async(req: func.HttpRequest) -> func.HttpResponse:
    if (seconds := sleep_seconds(req)) is None:
        return bad_sleep()
    await asyncio.sleep(seconds)  # waits without holding the event loop
    return func.HttpResponse("slept (async)")


@app.route(route="sleep/sync", methods=["GET"])
def sleep_sync(req: func.HttpRequest) -> func.HttpResponse:
    if (seconds := sleep_seconds(req)) is None:
        return bad_sleep()
    time.sleep(seconds)  # blocks one thread of the worker's pool, not the event loop
    return func.HttpResponse("slept (sync)")


@app.route(route="sleep/blocking", methods=["GET"])
async def sleep_blocking(req: func.HttpRequest) -> func.HttpResponse:
    if (seconds := sleep_seconds(req)) is None:
        return bad_sleep()
    time.sleep(seconds)  # wrong: blocks the event loop, and every invocation waits
    return func.HttpResponse("slept (blocking the event loop)")


# --8<-- [end:v2-async-sync-blocking]
