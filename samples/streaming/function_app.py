"""HTTP streams: send and receive large or endless HTTP bodies chunk by chunk.

Importing azurefunctions.extensions.http.fastapi switches the whole app to HTTP streams:
every HTTP function in it takes a FastAPI Request and returns a FastAPI response.
"""

import asyncio
import hashlib
import json
import logging
import os
import random
from collections.abc import AsyncIterator

# --8<-- [start:enable-streams]
import azure.functions as func
from azurefunctions.extensions.http.fastapi import JSONResponse, Request, StreamingResponse
from starlette.requests import ClientDisconnect

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
# --8<-- [end:enable-streams]

MAX_RECORDS = 100_000
MAX_INTERVAL_MS = 5_000
CHUNK_SIZE = 64 * 1024
MAX_PAYLOAD_BYTES = 1024**3
PAYLOAD_SEED = 2024


# --8<-- [start:refusals]
def error(status_code: int, message: str) -> JSONResponse:
    """Every refusal looks the same: a 4xx status and {"error": "what to do instead"}."""
    return JSONResponse({"error": message}, status_code=status_code)


def whole_number(raw: str | None, name: str, default: int, low: int, high: int) -> int:
    """A query parameter as an int in [low, high]; ValueError says what was wrong."""
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"'{name}' must be a whole number, not {raw!r}.") from None
    if not low <= value <= high:
        raise ValueError(f"'{name}' must be between {low} and {high}, not {value}.")
    return value


# --8<-- [end:refusals]


# --8<-- [start:stream-records]
def reading(seq: int) -> dict:
    """A made-up sensor reading: the same sequence number always gives the same reading."""
    return {"seq": seq, "sensor": f"sensor-{seq % 3}", "celsius": 20 + (seq % 10) / 2}


async def readings(count: int, interval_ms: int) -> AsyncIterator[dict]:
    """Produce readings one at a time, as a live source would (a queue, a model, a sensor)."""
    sent = 0
    try:
        for seq in range(count):
            if seq:
                # Also when interval_ms is 0: the await lets the server notice a client
                # that went away, and stop this generator.
                await asyncio.sleep(interval_ms / 1000)
            yield reading(seq)
            sent += 1
    finally:
        # Runs when the stream ends, and also when the client goes away mid-stream.
        if sent < count:
            logging.warning("Stopped after %d of %d readings: the client went away.", sent, count)


async def as_ndjson(records: AsyncIterator[dict]) -> AsyncIterator[str]:
    async for record in records:
        yield json.dumps(record) + "\n"


async def as_server_sent_events(records: AsyncIterator[dict]) -> AsyncIterator[str]:
    sent = 0
    async for record in records:
        yield f"id: {record['seq']}\nevent: reading\ndata: {json.dumps(record)}\n\n"
        sent += 1
    # Tells an EventSource the stream is complete, so it doesn't reconnect.
    yield f"event: end\ndata: {json.dumps({'count': sent})}\n\n"


@app.function_name(name="StreamRecords")
@app.route(route="records", methods=["GET"])
async def stream_records(req: Request) -> StreamingResponse:
    try:
        count = whole_number(req.query_params.get("count"), "count", 10, 1, MAX_RECORDS)
        interval_ms = whole_number(
            req.query_params.get("interval_ms"), "interval_ms", 0, 0, MAX_INTERVAL_MS
        )
    except ValueError as exc:
        return error(400, str(exc))

    records = readings(count, interval_ms)
    output_format = req.query_params.get("format", "ndjson")
    if output_format == "ndjson":
        return StreamingResponse(as_ndjson(records), media_type="application/x-ndjson")
    if output_format == "sse":
        return StreamingResponse(
            as_server_sent_events(records),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store"},
        )
    return error(400, f"'format' must be 'ndjson' or 'sse', not {output_format!r}.")


# --8<-- [end:stream-records]


# --8<-- [start:download-payload]
async def payload_chunks(size: int) -> AsyncIterator[bytes]:
    """`size` pseudo-random bytes, made one chunk at a time: only one chunk is ever in memory."""
    generator = random.Random(PAYLOAD_SEED)  # seeded, so a client can check what it got
    remaining = size
    try:
        while remaining:
            chunk = generator.randbytes(min(CHUNK_SIZE, remaining))
            yield chunk
            remaining -= len(chunk)
            # Without an await between chunks, a client that went away isn't noticed
            # until the whole payload has been made (and thrown away).
            await asyncio.sleep(0)
    finally:
        if remaining:
            logging.warning(
                "Stopped with %d of %d bytes unsent: the client went away.", remaining, size
            )


@app.function_name(name="DownloadPayload")
@app.route(route="payload", methods=["GET"])
async def download_payload(req: Request) -> StreamingResponse:
    try:
        size = whole_number(req.query_params.get("size"), "size", CHUNK_SIZE, 1, MAX_PAYLOAD_BYTES)
    except ValueError as exc:
        return error(400, str(exc))
    return StreamingResponse(
        payload_chunks(size),
        media_type="application/octet-stream",
        # The size is known up front: say so, and clients can show progress.
        headers={
            "Content-Length": str(size),
            "Content-Disposition": 'attachment; filename="payload.bin"',
        },
    )


# --8<-- [end:download-payload]


# --8<-- [start:upload-limit]
DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024


def max_upload_bytes() -> int:
    """The STREAM_MAX_UPLOAD_BYTES app setting, read on each call so a change applies at once."""
    raw = os.environ.get("STREAM_MAX_UPLOAD_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_UPLOAD_BYTES
    if not raw.isdigit() or int(raw) == 0:
        raise RuntimeError(f"STREAM_MAX_UPLOAD_BYTES must be a number of bytes, not {raw!r}.")
    return int(raw)


# --8<-- [end:upload-limit]


# --8<-- [start:upload-stream]
@app.function_name(name="UploadFile")
@app.route(route="upload", methods=["POST"])
async def upload_file(req: Request) -> JSONResponse:
    content_type = req.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "application/octet-stream":
        return error(
            415, f"Send the file as application/octet-stream, not {content_type or 'no type'!r}."
        )
    limit = max_upload_bytes()
    declared = req.headers.get("content-length")
    if declared is not None and int(declared) > limit:
        # Refused before reading a single byte of the body.
        return error(413, f"The upload is {declared} bytes; the most this app takes is {limit}.")

    digest = hashlib.sha256()
    size = chunks = 0
    try:
        async for chunk in req.stream():  # one chunk in memory at a time
            size += len(chunk)
            if size > limit:
                # Stop at once: the rest of the body is never read.
                return error(413, f"The upload passed {limit} bytes, the most this app takes.")
            digest.update(chunk)
            if chunk:
                chunks += 1
    except ClientDisconnect:
        logging.warning("The client went away after sending %d bytes.", size)
        return error(400, "The client disconnected before the upload finished.")

    if size == 0:
        return error(400, "The request body is empty: send the file's bytes.")
    return JSONResponse({"bytes": size, "sha256": digest.hexdigest(), "chunks": chunks})


# --8<-- [end:upload-stream]
