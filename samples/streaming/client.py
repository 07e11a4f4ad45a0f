"""Call the streaming functions with httpx: send a file up and read streamed answers down.

    python client.py upload big.bin
    python client.py records --count 5 [--sse] [--interval-ms 500]
    python client.py download --size 104857600 --out payload.bin

Against Core Tools (`func start`) the default base URL is right; in Azure pass
--base-url https://<app>.azurewebsites.net/api and --key with a function key.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx

# --8<-- [start:client-setup]
DEFAULT_BASE_URL = "http://localhost:7071/api"
CHUNK_SIZE = 64 * 1024
# A stream may run for minutes: no limit on the whole call, only on each wait for data.
TIMEOUT = httpx.Timeout(60.0, connect=10.0)


class FunctionError(Exception):
    """The function answered with an error status; the message is the function's own."""


def make_client(base_url: str = DEFAULT_BASE_URL, key: str | None = None) -> httpx.Client:
    headers = {"x-functions-key": key} if key else {}
    return httpx.Client(base_url=base_url, headers=headers, timeout=TIMEOUT)


def raise_for_error(response: httpx.Response) -> None:
    if response.is_error:
        response.read()  # a streamed response's body isn't read yet
        try:
            message = response.json()["error"]
        except (ValueError, KeyError, TypeError):
            message = response.text
        raise FunctionError(f"{response.status_code}: {message}")


# --8<-- [end:client-setup]


# --8<-- [start:client-upload]
def file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        while chunk := file.read(CHUNK_SIZE):
            yield chunk


def upload_file(client: httpx.Client, path: Path) -> dict:
    """Send a file chunk by chunk; the whole file is never in memory."""
    response = client.post(
        "/upload",
        content=file_chunks(path),  # an iterator: httpx sends each chunk as it comes
        headers={
            "Content-Type": "application/octet-stream",
            # Optional, but lets the function refuse a file that's too big before it's sent.
            "Content-Length": str(path.stat().st_size),
        },
    )
    raise_for_error(response)
    return response.json()  # {"bytes": ..., "sha256": ..., "chunks": ...}


# --8<-- [end:client-upload]


# --8<-- [start:client-records]
def stream_records(client: httpx.Client, count: int, interval_ms: int = 0) -> Iterator[dict]:
    """Yield each record as soon as its line arrives."""
    params = {"count": count, "interval_ms": interval_ms}
    with client.stream("GET", "/records", params=params) as response:
        raise_for_error(response)
        for line in response.iter_lines():
            if line:
                yield json.loads(line)


# --8<-- [end:client-records]


# --8<-- [start:client-events]
def stream_events(
    client: httpx.Client, count: int, interval_ms: int = 0
) -> Iterator[tuple[str, dict]]:
    """Yield (event name, data) for each server-sent event as soon as it's complete."""
    params = {"count": count, "interval_ms": interval_ms, "format": "sse"}
    with client.stream("GET", "/records", params=params) as response:
        raise_for_error(response)
        event, data = "message", []
        for line in response.iter_lines():
            if line.startswith("event:"):
                event = line.removeprefix("event:").strip()
            elif line.startswith("data:"):
                data.append(line.removeprefix("data:").removeprefix(" "))
            elif not line and data:  # a blank line ends an event
                yield event, json.loads("\n".join(data))
                event, data = "message", []


# --8<-- [end:client-events]


# --8<-- [start:client-download]
def download(client: httpx.Client, size: int, destination: Path) -> str:
    """Write a streamed download to a file as it arrives; return its SHA-256."""
    digest = hashlib.sha256()
    with client.stream("GET", "/payload", params={"size": size}) as response:
        raise_for_error(response)
        with destination.open("wb") as file:
            for chunk in response.iter_bytes():
                file.write(chunk)
                digest.update(chunk)
    return digest.hexdigest()


# --8<-- [end:client-download]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=DEFAULT_BASE_URL)
    parser.add_argument("--key", help="a function key (not needed with Core Tools)")
    commands = parser.add_subparsers(dest="command", required=True)
    upload = commands.add_parser("upload", help="stream a file up, print the function's summary")
    upload.add_argument("path", type=Path)
    records = commands.add_parser("records", help="print records as they arrive")
    records.add_argument("--count", type=int, default=10)
    records.add_argument("--interval-ms", type=int, default=0)
    records.add_argument("--sse", action="store_true", help="ask for server-sent events")
    payload = commands.add_parser("download", help="stream a payload down into a file")
    payload.add_argument("--size", type=int, default=CHUNK_SIZE)
    payload.add_argument("--out", type=Path, default=Path("payload.bin"))
    args = parser.parse_args(argv)

    try:
        with make_client(args.base_url, args.key) as client:
            if args.command == "upload":
                print(json.dumps(upload_file(client, args.path)))
            elif args.command == "records" and args.sse:
                for event, data in stream_events(client, args.count, args.interval_ms):
                    print(event, json.dumps(data), flush=True)
            elif args.command == "records":
                for record in stream_records(client, args.count, args.interval_ms):
                    print(json.dumps(record), flush=True)
            else:
                sha256 = download(client, args.size, args.out)
                print(f"{args.out}: {args.out.stat().st_size} bytes, sha256 {sha256}")
    except FunctionError as exc:
        print(f"The function refused: {exc}", file=sys.stderr)
        return 1
    except httpx.HTTPError as exc:
        print(f"Couldn't reach {args.base_url}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
