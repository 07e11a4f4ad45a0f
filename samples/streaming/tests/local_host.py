"""A stand-in for the Functions host: serves a FunctionApp's HTTP functions on 127.0.0.1.

With HTTP streams on, the Python worker runs a FastAPI app with a single catch-all route,
built from the extension's `WebApp` class and served by uvicorn; the host forwards each
HTTP request to it, and the worker hands the FastAPI `Request` to the function and sends
back the response the function returns. This module does the same in one process, without
Core Tools: the extension's `WebApp` and uvicorn, with `/api/<route>` dispatched to the
function whose trigger has that route and method.

Not reproduced: function keys (Core Tools doesn't check them either), host.json settings,
and the host's own limits in front of the worker.

Run it by hand, or from a benchmark, as a server in its own process:

    python tests/local_host.py function_app --port 7071
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import json
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from azurefunctions.extensions.http.fastapi import JSONResponse, Request, WebApp
from starlette.concurrency import run_in_threadpool
from starlette.routing import compile_path

ROUTE_PREFIX = "api"  # host.json's extensions.http.routePrefix, "api" unless set


@dataclass
class HttpFunction:
    name: str
    trigger: dict  # the httpTrigger binding, as the worker reports it to the host
    methods: set[str]
    path_regex: re.Pattern
    handler: Callable


def http_functions(function_app) -> list[HttpFunction]:
    """Index the app the way the worker does, and keep each HTTP trigger's route and handler."""
    found = []
    for function in function_app.get_functions():
        bindings = json.loads(function.get_function_json())["bindings"]
        triggers = [b for b in bindings if b["type"] == "httpTrigger"]
        if not triggers:
            continue
        (trigger,) = triggers
        route = trigger.get("route") or function.get_function_name()
        path_regex, _, _ = compile_path(f"/{ROUTE_PREFIX}/{route}")
        methods = {m.upper() for m in trigger.get("methods") or ["GET", "POST"]}
        found.append(
            HttpFunction(
                function.get_function_name(),
                trigger,
                methods,
                path_regex,
                function.get_user_function(),
            )
        )
    return found


@dataclass
class RequestLog:
    """What tests look at: requests being handled, answers given, exceptions that escaped."""

    in_flight: int = 0
    answered: list[tuple[str, int]] = field(default_factory=list)  # (path, status), in order
    errors: list[BaseException] = field(default_factory=list)

    def wait_until_idle(self, timeout: float) -> bool:
        """True once no request is being handled; False if some still are after `timeout` s."""
        return wait_for(lambda: self.in_flight == 0, timeout)

    def wait_for_answer(self, path: str, status: int, timeout: float) -> bool:
        """True once a request to `path` has been answered with `status`."""
        return wait_for(lambda: (path, status) in self.answered, timeout)


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def build_asgi_app(functions: list[HttpFunction], log: RequestLog):
    web_app = WebApp()  # the extension's FastAPI app, as the worker builds it

    @web_app.route
    async def dispatch(request: Request):
        for function in functions:
            match = function.path_regex.match(request.url.path)
            if match is None:
                continue
            if request.method not in function.methods:
                return JSONResponse({"error": "Method not allowed."}, status_code=405)
            request.path_params.update(match.groupdict())
            if inspect.iscoroutinefunction(function.handler):
                return await function.handler(request)
            return await run_in_threadpool(function.handler, request)
        return JSONResponse({"error": f"No function at {request.url.path}."}, status_code=404)

    fastapi_app = web_app.get_app()

    async def counting_app(scope, receive, send):
        if scope["type"] != "http":
            return await fastapi_app(scope, receive, send)
        status = None

        async def send_and_note_status(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        log.in_flight += 1
        try:
            await fastapi_app(scope, receive, send_and_note_status)
        except BaseException as exc:
            log.errors.append(exc)
            raise
        finally:
            log.in_flight -= 1
            log.answered.append((scope["path"], status))

    return counting_app


class LocalHost:
    """Serve a FunctionApp on 127.0.0.1 from a background thread, until stop()."""

    def __init__(self, function_app, port: int = 0):
        self.log = RequestLog()
        self.functions = http_functions(function_app)  # get_functions() works once per app
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", port))
        host, port = self._socket.getsockname()
        self.base_url = f"http://{host}:{port}/{ROUTE_PREFIX}"
        config = uvicorn.Config(
            build_asgi_app(self.functions, self.log),
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=lambda: asyncio.run(self._server.serve(sockets=[self._socket])),
            name="local-functions-host",
            daemon=True,
        )

    def start(self, timeout: float = 10.0) -> LocalHost:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"The local host didn't start on {self.base_url}.")
            time.sleep(0.02)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self._socket.close()
        if self._thread.is_alive():
            raise RuntimeError("The local host didn't stop in time.")

    def __enter__(self) -> LocalHost:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a FunctionApp's HTTP functions locally.")
    parser.add_argument("module", help="module that defines `app`, e.g. function_app")
    parser.add_argument("--port", type=int, default=7071, help="0 picks a free port")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path.cwd()))
    function_app = importlib.import_module(args.module).app
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen()  # connections wait in the backlog until uvicorn is up
    host, port = listener.getsockname()
    config = uvicorn.Config(
        build_asgi_app(http_functions(function_app), RequestLog()),
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    # The first line tells a parent process (a benchmark) where to send requests.
    print(f"Serving {args.module} on http://{host}:{port}/{ROUTE_PREFIX}", flush=True)
    server.run(sockets=[listener])
    return 0


if __name__ == "__main__":
    sys.exit(main())
