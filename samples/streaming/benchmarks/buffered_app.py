"""The benchmark's yardstick: function_app.py's download and upload, buffered.

Same routes, same bytes, but each body is held whole in memory, the way a function that
returns a plain response or reads `req.get_body()` handles it. Only for comparison: don't
copy this for large bodies.
"""

import hashlib

import azure.functions as func
from azurefunctions.extensions.http.fastapi import JSONResponse, Request, Response

from function_app import payload_chunks

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)


@app.route(route="payload", methods=["GET"])
async def download_payload_buffered(req: Request) -> Response:
    size = int(req.query_params.get("size", "65536"))
    payload = b"".join([chunk async for chunk in payload_chunks(size)])  # all of it, at once
    return Response(payload, media_type="application/octet-stream")


@app.route(route="upload", methods=["POST"])
async def upload_file_buffered(req: Request) -> JSONResponse:
    body = await req.body()  # waits for the whole body, and keeps it
    return JSONResponse({"bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()})
