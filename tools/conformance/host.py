"""A stand-in for the Functions host: run one function app through the real Python worker runtime.

It sends the runtime the messages the host sends over gRPC, in the same order, in-process:
WorkerInitRequest, FunctionsMetadataRequest (indexing), one FunctionLoadRequest per function,
then one InvocationRequest per entry of the app's tests/invocations.json, checking each answer.
The runtime packages do all the work: azure-functions-runtime for a v2 app (function_app.py),
azure-functions-runtime-v1 for a v1 app (function.json folders). For a v1 app the worker asks
the host to index, so this script reads each function.json the way the host does.

Usage: python -P host.py APP_DIR [--report REPORT.json] [--battery off|report|strict]

Run it with the app's own packages and tools/conformance/requirements.txt installed, one app
per process (the runtime keeps the app in module globals), and with -P so that nothing beside
this script can shadow the app's modules. It prints one line per step, writes what the runtime
reported to REPORT.json (tools/conformance/manifest.py turns that into the function manifest),
and exits 1 when the runtime rejects anything or an invocation's answer isn't the one expected
(with --battery=strict, also when a malformed request gets a 5xx or no answer).

The app folder may hold, beside the app:
- tests/invocations.json: a list of invocations, at least one per function, each with what the
  host sends (an HTTP request, or trigger data and metadata, input binding data) and what the
  answer must hold (status, output bindings, return value, logs); see tools/conformance/README.md;
- tests/app_environment.py: a context manager app_environment() that starts the servers the app
  needs and yields the app settings pointing at them, stopped on exit.
local.settings.json "Values" are applied as Core Tools applies them, then app_environment()'s
settings over them.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import contextvars
import http.client
import importlib
import importlib.machinery
import importlib.metadata
import importlib.util
import json
import logging
import os
import re
import select
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

V2_RUNTIME = "azure-functions-runtime"
V1_RUNTIME = "azure-functions-runtime-v1"
# The runtime-v1 wheel ships the generated gRPC messages in a top-level `tests/protos` package
# whose __init__ imports grpc (not needed in-process). Its folder is mounted under this name
# instead, without running that __init__.
PROTOS_PACKAGE = "_conformance_protos"
HOST_VERSION = "4.0.0-conformance"
BASE_URL = "http://localhost:7071"  # what Core Tools serves on; the worker only reads the path
DEFAULT_ROUTE_PREFIX = "api"
DEFAULT_AUTH_LEVEL = "function"
INVOCATIONS_FILE = Path("tests") / "invocations.json"
ENVIRONMENT_FILE = Path("tests") / "app_environment.py"
ENTRY_KEYS = {
    "function",
    "request",
    "status",
    "response_json",
    "trigger",
    "metadata",
    "inputs",
    "outputs",
    "return",
    "logs",
}
REQUEST_KEYS = {"method", "path", "query", "headers", "body", "json"}
# What each key of an entry must hold (notation values are checked when they are used).
ENTRY_TYPES = {
    "request": lambda v: isinstance(v, dict),
    "status": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "metadata": lambda v: isinstance(v, dict),
    "inputs": lambda v: isinstance(v, dict),
    "outputs": lambda v: isinstance(v, dict),
    "logs": lambda v: isinstance(v, list) and all(isinstance(line, str) for line in v),
}
INVOCATION_TIMEOUT_SECONDS = 60
BATTERY_TIMEOUT_SECONDS = 15
UPLOAD_CHUNK_BYTES = 64 * 1024
SERVER_START_TRIES = 50
BATTERY_MODES = ("off", "report", "strict")
# The header the worker's HTTP streams server uses to pair a request with its invocation.
INVOCATION_ID_HEADER = "x-ms-invocation-id"
HTTP_URI_CAPABILITY = "HttpUri"


@dataclass
class WorkerRequest:
    """What the worker's dispatcher hands the runtime: the host's message (and extras at init)."""

    name: str
    request: Any  # a StreamingMessage
    properties: dict[str, Any] | None = None


@dataclass
class IndexedFunction:
    metadata: Any  # the RpcFunctionMetadata the host sends in the FunctionLoadRequest
    raw_bindings: list[dict]  # as the worker indexed them (v2) or function.json declares them (v1)

    @property
    def name(self) -> str:
        return self.metadata.name

    @property
    def bindings(self) -> list[dict]:
        """Trigger first, inputs, then outputs with $return last, whatever order they came in."""
        described = [describe_binding(b) for b in self.raw_bindings]
        return sorted(described, key=binding_order)

    @property
    def trigger(self) -> dict | None:
        return next((b for b in self.bindings if is_trigger(b)), None)

    @property
    def is_http(self) -> bool:
        return any(b["type"].lower() == "httptrigger" for b in self.raw_bindings)


@dataclass
class Report:
    model: str
    runtime: str
    route_prefix: str
    functions: list[dict] = field(default_factory=list)
    invocations: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    battery: dict | None = None  # what the bad-input battery sent and how it was answered

    def fail(self, step: str, message: str) -> None:
        self.errors.append(f"{step}: {message}")
        print(f"  FAIL {step}: {message}", flush=True)


def load_protos() -> SimpleNamespace:
    """The generated message classes the runtime-v1 package installs, without importing grpc."""
    files = importlib.metadata.files(V1_RUNTIME) or []
    module_file = next(
        (f for f in files if f.as_posix().endswith("tests/protos/FunctionRpc_pb2.py")), None
    )
    if module_file is None:
        sys.exit(f"conformance: {V1_RUNTIME} has no tests/protos/FunctionRpc_pb2.py")
    spec = importlib.machinery.ModuleSpec(PROTOS_PACKAGE, None, is_package=True)
    spec.submodule_search_locations = [str(Path(module_file.locate()).parent)]
    sys.modules[PROTOS_PACKAGE] = importlib.util.module_from_spec(spec)
    messages = {}
    for name in ("shared.NullableTypes_pb2", "FunctionRpc_pb2"):
        module = importlib.import_module(f"{PROTOS_PACKAGE}.{name}")
        messages.update({k: v for k, v in vars(module).items() if not k.startswith("_")})
    return SimpleNamespace(**messages)


def load_battery():
    """battery.py, beside this script. host.py runs with -P, so it is loaded by its path, under a
    name no app module can have."""
    spec = importlib.util.spec_from_file_location(
        "_conformance_battery", Path(__file__).resolve().parent / "battery.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


battery = load_battery()


def read_json(path: Path) -> Any:
    # utf-8-sig: Visual Studio and PowerShell write JSON files with a byte order mark.
    return json.loads(path.read_text(encoding="utf-8-sig"))


def local_settings(app_dir: Path) -> dict[str, str]:
    path = app_dir / "local.settings.json"
    values = read_json(path).get("Values", {}) if path.is_file() else {}
    return {k: str(v) for k, v in values.items()}


def route_prefix(app_dir: Path) -> str:
    host = read_json(app_dir / "host.json") if (app_dir / "host.json").is_file() else {}
    prefix = host.get("extensions", {}).get("http", {}).get("routePrefix", DEFAULT_ROUTE_PREFIX)
    return prefix.strip("/")


@contextlib.contextmanager
def app_environment(app_dir: Path) -> Iterator[dict[str, str]]:
    """The settings of the app's tests/app_environment.py, with its servers running; else none."""
    path = app_dir / ENVIRONMENT_FILE
    if not path.is_file():
        yield {}
        return
    spec = importlib.util.spec_from_file_location("app_environment", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with module.app_environment() as settings:
        yield {k: str(v) for k, v in settings.items()}


def function_json_metadata(app_dir: Path, protos) -> list[IndexedFunction]:
    """What the host reads from each <function>/function.json of a v1 app, and sends the worker."""
    functions = []
    for config_path in sorted(app_dir.glob("*/function.json")):
        folder = config_path.parent
        config = read_json(config_path)
        bindings = {}
        for binding in config.get("bindings", []):
            data_type = binding.get("dataType", "undefined").lower()
            bindings[binding["name"]] = protos.BindingInfo(
                type=binding["type"],
                direction=protos.BindingInfo.Direction.Value(binding["direction"].lower()),
                data_type=protos.BindingInfo.DataType.Value(data_type),
            )
        metadata = protos.RpcFunctionMetadata(
            name=folder.name,
            function_id=str(uuid.uuid4()),
            directory=str(folder),
            script_file=str(folder / config.get("scriptFile", "__init__.py")),
            entry_point=config.get("entryPoint", ""),
            language="python",
            bindings=bindings,
        )
        functions.append(IndexedFunction(metadata, config.get("bindings", [])))
    return functions


def describe_binding(binding: dict) -> dict:
    """A binding as the manifest shows it: name, type, direction, then every setting it declares
    (route, methods, path, queueName, schedule, connection, properties, ...) as declared."""
    described = {
        "name": binding["name"],
        "type": binding["type"],
        "direction": str(binding.get("direction", "in")).lower(),
    }
    if binding["type"].lower() == "httptrigger":
        described["route"] = binding.get("route")
        described["methods"] = [m.upper() for m in binding.get("methods") or []]
        described["authLevel"] = str(binding.get("authLevel") or DEFAULT_AUTH_LEVEL).lower()
    settings = {k: v for k, v in binding.items() if k not in described and k != "direction"}
    described.update(sorted(settings.items()))
    return described


def is_trigger(binding: dict) -> bool:
    return binding["type"].lower().endswith("trigger")


def binding_order(binding: dict) -> tuple[int, bool]:
    rank = 1 if binding["direction"] == "in" else 2
    if is_trigger(binding):
        rank = 0
    return rank, binding["name"] == "$return"


def route_pattern(template: str) -> re.Pattern:
    """A regex for an ASP.NET-style route template: {name}, {name:constraint}, {name?}, {*rest}."""
    parts = []
    for segment in [s for s in template.split("/") if s]:
        match = re.fullmatch(r"\{(\*{0,2})([A-Za-z_]\w*)(?::[^}?]*)?(\?)?\}", segment)
        if not match:
            parts.append("/" + re.escape(segment))
        elif match[1]:
            parts.append(f"(?:/(?P<{match[2]}>.*))?")
        elif match[3]:
            parts.append(f"(?:/(?P<{match[2]}>[^/]+))?")
        else:
            parts.append(f"/(?P<{match[2]}>[^/]+)")
    return re.compile("".join(parts) + "/?")


class LogCollector(logging.Handler):
    """What the worker would send the host as RpcLog messages, grouped by invocation id.

    The worker (its proxy dispatcher) tags each log record with the invocation it belongs to: the
    runtime sets `invocation_id_cv` in the thread that runs a sync function (utils/executor.py,
    run_sync_func), and an async function runs in the task of its invocation request. This handler
    reads the same two places: that context variable, then the id of the invocation task. Last,
    like the worker's `get_current_invocation_id` (azure_functions_worker/dispatcher.py), the
    thread-local `invocation_id` that a thread the function starts sets through
    `context.thread_local_storage` (the runtime's bindings/context.py `_invocation_id_local`).
    """

    def __init__(self, runtime) -> None:
        super().__init__(logging.DEBUG)
        executor = importlib.import_module(f"{runtime.__name__}.utils.executor")
        self.runtime_invocation_id = executor.invocation_id_cv
        context = importlib.import_module(f"{runtime.__name__}.bindings.context")
        self.thread_local_storage = context._invocation_id_local
        self.lines: dict[str, list[str]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        invocation_id = (
            self.runtime_invocation_id.get()
            or CURRENT_INVOCATION.get()
            or getattr(self.thread_local_storage, "invocation_id", None)
        )
        if invocation_id is None:
            return
        try:
            message = record.getMessage()
        except Exception:  # a bad format string in the app's own log call
            message = str(record.msg)
        self.lines.setdefault(invocation_id, []).append(message)


# The invocation the harness is running in this asyncio task (see LogCollector).
CURRENT_INVOCATION: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "conformance_invocation", default=None
)


class NotationError(ValueError):
    pass


def typed_data(protos, value: Any):
    """The TypedData a notation value stands for (see tools/conformance/README.md)."""
    if value is None:
        return protos.TypedData()
    if not isinstance(value, dict) or len(value) != 1:
        raise NotationError(f"not TypedData notation (one key, or null): {value!r}")
    ((kind, data),) = value.items()
    if kind == "string" and isinstance(data, str):
        return protos.TypedData(string=data)
    if kind == "json":
        return protos.TypedData(json=json.dumps(data))
    if kind == "bytes" and isinstance(data, str):
        return protos.TypedData(bytes=data.encode())
    if kind == "bytes_base64" and isinstance(data, str):
        return protos.TypedData(bytes=base64.b64decode(data, validate=True))
    if kind == "collection_string" and isinstance(data, list):
        return protos.TypedData(collection_string=protos.CollectionString(string=data))
    if kind == "int" and isinstance(data, int):
        return protos.TypedData(int=data)
    if kind == "double" and isinstance(data, int | float):
        return protos.TypedData(double=data)
    if kind == "model_binding_data" and isinstance(data, dict):
        return protos.TypedData(model_binding_data=model_binding_data(protos, data))
    if kind == "collection_model_binding_data" and isinstance(data, list):
        items = [model_binding_data(protos, item) for item in data]
        return protos.TypedData(
            collection_model_binding_data=protos.CollectionModelBindingData(
                model_binding_data=items
            )
        )
    raise NotationError(f"unknown or malformed TypedData notation: {value!r}")


def model_binding_data(protos, data: Any):
    """A ModelBindingData: its content is "content" (text, or any other JSON value serialized)
    or "content_base64" (binary, such as the AMQP message of a Service Bus or Event Hubs
    trigger)."""
    if not isinstance(data, dict):
        raise NotationError(f"model_binding_data is not an object: {data!r}")
    unknown = set(data) - {"version", "source", "content_type", "content", "content_base64"}
    if unknown:
        raise NotationError(f"unknown model_binding_data keys {sorted(unknown)}")
    if "content" in data and "content_base64" in data:
        raise NotationError('model_binding_data has both "content" and "content_base64"')
    if "content_base64" in data:
        if not isinstance(data["content_base64"], str):
            raise NotationError('model_binding_data "content_base64" is not a string')
        try:
            content = base64.b64decode(data["content_base64"], validate=True)
        except ValueError as error:
            raise NotationError(f'model_binding_data "content_base64": {error}') from None
    else:
        content = data.get("content", "")
        content = (content if isinstance(content, str) else json.dumps(content)).encode()
    return protos.ModelBindingData(
        version=data.get("version", ""),
        source=data.get("source", ""),
        content_type=data.get("content_type", ""),
        content=content,
    )


def notation(data) -> Any:
    """A TypedData the worker answered with, written in the notation (None when it has no data)."""
    if data is None:
        return None
    kind = data.WhichOneof("data")
    if kind is None:
        return None
    value = getattr(data, kind)
    if kind == "json":
        try:
            return {"json": json.loads(value)}
        except ValueError:
            return {"json_text": value}
    if kind == "bytes":
        try:
            return {"bytes": value.decode()}
        except UnicodeDecodeError:
            return {"bytes_base64": base64.b64encode(value).decode()}
    if kind in ("string", "int", "double"):
        return {kind: value}
    if kind == "collection_bytes":
        return {kind: [base64.b64encode(b).decode() for b in value.bytes]}
    if kind.startswith("collection_") and kind != "collection_model_binding_data":
        return {kind: list(getattr(value, kind.removeprefix("collection_")))}
    if kind == "http":
        return {"http": {"status": int(value.status_code or 200), "body": notation(value.body)}}
    return {kind: str(value)}


def comparable(value: Any) -> Any:
    """Notation reduced to what it means: bytes and bytes_base64 are the same bytes."""
    if isinstance(value, dict) and len(value) == 1:
        ((kind, data),) = value.items()
        if kind == "bytes" and isinstance(data, str):
            return ("bytes", data.encode())
        if kind == "bytes_base64" and isinstance(data, str):
            return ("bytes", base64.b64decode(data))
    return value


def with_invocation_id(expected: Any, invocation_id: str) -> Any:
    """The expected value with "{invocation_id}" replaced in every string."""
    if isinstance(expected, str):
        return expected.replace("{invocation_id}", invocation_id)
    if isinstance(expected, list):
        return [with_invocation_id(v, invocation_id) for v in expected]
    if isinstance(expected, dict):
        return {k: with_invocation_id(v, invocation_id) for k, v in expected.items()}
    return expected


def show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Answer:
    """What one invocation gave back: the response, and the HTTP answer when there is one."""

    response: Any  # the InvocationResponse
    status: int | None = None
    body: bytes | None = None


class Host:
    """Sends one app's messages to the runtime and records what it answers."""

    def __init__(self, app_dir: Path, protos, report: Report, runtime, logs: LogCollector) -> None:
        self.app_dir = app_dir
        self.protos = protos
        self.report = report
        self.runtime = runtime
        self.logs = logs
        self.http_uri: str | None = None

    def message(self, **content) -> WorkerRequest:
        name = next(iter(content))
        return WorkerRequest(
            name, self.protos.StreamingMessage(request_id=str(uuid.uuid4()), **content)
        )

    def failed(self, result) -> str | None:
        if result.status == self.protos.StatusResult.Success:
            return None
        return result.exception.message or "failed without an exception"

    async def init_worker(self) -> bool:
        request = self.message(
            worker_init_request=self.protos.WorkerInitRequest(
                host_version=HOST_VERSION,
                function_app_directory=str(self.app_dir),
                worker_directory=str(Path(self.runtime.__file__).parent),
            )
        )
        request.properties = {"protos": self.protos, "host": "127.0.0.1"}
        response = await self.runtime.worker_init_request(request)
        if error := self.failed(response.result):
            self.report.fail("worker init (indexing)", error)
            return False
        self.http_uri = response.capabilities.get(HTTP_URI_CAPABILITY)
        print(f"  ok   worker init{' (HTTP streams)' if self.http_uri else ''}", flush=True)
        return True

    async def index(self) -> list[IndexedFunction]:
        response = await self.runtime.functions_metadata_request(
            self.message(
                functions_metadata_request=self.protos.FunctionsMetadataRequest(
                    function_app_directory=str(self.app_dir)
                )
            )
        )
        if error := self.failed(response.result):
            self.report.fail("function metadata", error)
            return []
        if response.use_default_metadata_indexing:
            # The worker leaves indexing to the host: a v1 app.
            functions = function_json_metadata(self.app_dir, self.protos)
            source = "function.json files"
        else:
            functions = [
                IndexedFunction(m, [json.loads(raw) for raw in m.raw_bindings])
                for m in response.function_metadata_results
            ]
            source = "the worker's indexing"
        for function in functions:
            status = function.metadata.status
            if function.metadata.HasField("status") and (error := self.failed(status)):
                self.report.fail(f"index {function.name}", error)
        if not functions:
            self.report.fail("function metadata", "the app has no functions")
            return []
        print(f"  ok   {len(functions)} function(s) from {source}", flush=True)
        return functions

    async def load(self, function: IndexedFunction) -> bool:
        response = await self.runtime.function_load_request(
            self.message(
                function_load_request=self.protos.FunctionLoadRequest(
                    function_id=function.metadata.function_id, metadata=function.metadata
                )
            )
        )
        if error := self.failed(response.result):
            self.report.fail(f"load {function.name}", error)
            return False
        print(f"  ok   load {function.name}", flush=True)
        return True

    async def invoke(self, function: IndexedFunction, entry: dict, number: int) -> None:
        """Invoke one function with one entry of tests/invocations.json and check its answer."""
        name = function.name
        step = f"invoke {name} (#{number})"
        trigger = function.trigger
        if trigger is None:
            self.report.fail(step, "the function has no trigger")
            return
        try:
            input_data = self.input_data(function, entry)
            metadata = {k: typed_data(self.protos, v) for k, v in entry.get("metadata", {}).items()}
        except NotationError as error:
            self.report.fail(step, str(error))
            return
        invocation_id = str(uuid.uuid4())
        http = None
        if function.is_http:
            http = self.http_request(function, entry.get("request", {}))
            if isinstance(http, str):
                self.report.fail(step, http)
                return
            request, url, method, headers, body = http
            step = f"invoke {name} {method} {url[len(BASE_URL) :]}"
            input_data.insert(
                0,
                self.protos.ParameterBinding(
                    name=trigger["name"], data=self.protos.TypedData(http=request)
                ),
            )
        else:
            if "trigger" not in entry:
                self.report.fail(step, f'no "trigger" data for {trigger["type"]} {trigger["name"]}')
                return
            try:
                data = typed_data(self.protos, entry["trigger"])
            except NotationError as error:
                self.report.fail(step, str(error))
                return
            input_data.insert(0, self.protos.ParameterBinding(name=trigger["name"], data=data))
        invocation = self.message(
            invocation_request=self.protos.InvocationRequest(
                invocation_id=invocation_id,
                function_id=function.metadata.function_id,
                input_data=input_data,
                trigger_metadata=metadata,
            )
        )
        answer = await self.send(invocation, invocation_id, http)
        if isinstance(answer, str):
            self.report.fail(step, answer)
            return
        if error := self.failed(answer.response.result):
            self.report.fail(step, error)
            return
        if function.is_http and answer.status is None:
            answer.status = http_status(answer.response, function.bindings)
            answer.body = http_body(answer.response, function.bindings)
        record = {"function": name, "request": step}
        if function.is_http:
            record["status"] = answer.status
        self.report.invocations.append(record)
        expected = with_invocation_id(entry, invocation_id)
        problems = self.check(function, expected, answer, self.logs.lines.get(invocation_id, []))
        for problem in problems:
            self.report.fail(step, problem)
        if not problems:
            print(f"  ok   {step}{f' -> {answer.status}' if function.is_http else ''}", flush=True)

    def input_data(self, function: IndexedFunction, entry: dict) -> list:
        """The data the host sends for the function's input bindings, from "inputs".

        The host sends every input binding; one the entry doesn't name goes with no data, as
        the host sends a blob that doesn't exist.
        """
        inputs = entry.get("inputs", {})
        declared = [b["name"] for b in function.bindings if b["direction"] == "in"]
        declared = [n for n in declared if n != function.trigger["name"]]
        unknown = sorted(set(inputs) - set(declared))
        if unknown:
            raise NotationError(f"inputs {unknown} are not input bindings of the function")
        return [
            self.protos.ParameterBinding(name=n, data=typed_data(self.protos, inputs.get(n)))
            for n in declared
        ]

    def http_request(self, function: IndexedFunction, example: dict):
        """The RpcHttp of an example request (and what goes on the wire), or why there is none."""
        method = example.get("method", "GET").upper()
        path = "/" + example.get("path", "").lstrip("/")
        query = {k: str(v) for k, v in example.get("query", {}).items()}
        headers = {k: str(v) for k, v in example.get("headers", {}).items()}
        body = example.get("body", "").encode()
        if "json" in example:
            body = json.dumps(example["json"]).encode()
            if not any(k.lower() == "content-type" for k in headers):
                headers["Content-Type"] = "application/json"
        return self.build_http(function, method, path, query, headers, body)

    def route_template(self, function: IndexedFunction) -> str:
        route = (function.trigger["route"] or function.name).strip("/")
        return "/".join(p for p in (self.report.route_prefix, route) if p)

    def build_http(
        self,
        function: IndexedFunction,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
        route_params: dict[str, str] | None = None,
    ):
        """The RpcHttp the host would send for this request, or why the host wouldn't send it."""
        trigger = function.trigger
        if trigger["methods"] and method not in trigger["methods"]:
            return f"{method} is not one of {trigger['methods']}"
        template = self.route_template(function)
        match = route_pattern(template).fullmatch(path)
        if not match:
            return f"path {path} does not match route /{template}"
        if route_params is None:
            route_params = {
                k: urllib.parse.unquote(v) for k, v in match.groupdict().items() if v is not None
            }
        url = BASE_URL + path + ("?" + urllib.parse.urlencode(query) if query else "")
        request = self.protos.RpcHttp(
            method=method,
            url=url,
            headers=headers,
            query=query,
            params=route_params,
            body=self.protos.TypedData(bytes=body),
        )
        return request, url, method, headers, body

    async def probe(self, function: IndexedFunction, entry: dict, probe) -> int | None | str:
        """Send one malformed request of the battery, with the entry's input binding data and
        trigger metadata: its status, None (no answer in time), or why it wasn't sent."""
        http = self.build_http(
            function,
            probe.method,
            probe.path,
            probe.query,
            probe.headers,
            probe.body,
            probe.route_params,
        )
        if isinstance(http, str):
            return http
        invocation_id = str(uuid.uuid4())
        invocation = self.message(
            invocation_request=self.protos.InvocationRequest(
                invocation_id=invocation_id,
                function_id=function.metadata.function_id,
                input_data=[
                    self.protos.ParameterBinding(
                        name=function.trigger["name"], data=self.protos.TypedData(http=http[0])
                    ),
                    *self.input_data(function, entry),
                ],
                trigger_metadata={
                    k: typed_data(self.protos, v) for k, v in entry.get("metadata", {}).items()
                },
            )
        )
        answer = await self.send(invocation, invocation_id, http, BATTERY_TIMEOUT_SECONDS)
        if isinstance(answer, str):
            print(f"  ...  bad input {function.name} {probe.label}: {answer}", flush=True)
            return None
        if self.failed(answer.response.result):
            return 500  # the host answers an invocation that failed with 500
        if answer.status is None:
            answer.status = http_status(answer.response, function.bindings)
        return answer.status

    async def send(
        self,
        invocation: WorkerRequest,
        invocation_id: str,
        http,
        timeout: float = INVOCATION_TIMEOUT_SECONDS,
    ) -> Answer | str:
        """Send one invocation request and wait for the worker's answer (and the HTTP one)."""
        token = CURRENT_INVOCATION.set(invocation_id)
        try:
            invoked = asyncio.ensure_future(self.runtime.invocation_request(invocation))
        finally:
            CURRENT_INVOCATION.reset(token)
        try:
            if http and self.http_uri:
                # HTTP streams: the host forwards the request itself to the worker's web server.
                _, url, method, headers, body = http
                forwarded = asyncio.to_thread(
                    send_http,
                    self.http_uri + url[len(BASE_URL) :],
                    method,
                    headers,
                    body,
                    invocation_id,
                    timeout,
                )
                response, (status, answer_body) = await asyncio.wait_for(
                    asyncio.gather(invoked, forwarded), timeout
                )
                return Answer(response, status, answer_body)
            response = await asyncio.wait_for(invoked, timeout)
            return Answer(response)
        except TimeoutError:
            return f"no answer within {timeout} s"
        except OSError as error:  # the worker's web server closed the connection, or refused it
            return f"no HTTP answer from the worker: {error}"

    def check(
        self, function: IndexedFunction, expected: dict, answer: Answer, logs: list[str]
    ) -> list[str]:
        """Every way the answer differs from the entry's expectations."""
        problems = []
        if function.is_http:
            status = answer.status
            if "status" not in expected and (status is None or status // 100 != 2):
                problems.append(f"answered {status}, expected 2xx")
            if "status" in expected and status != expected["status"]:
                problems.append(f"answered {status}, expected {expected['status']}")
            if "response_json" in expected:
                try:
                    body = json.loads(answer.body or b"")
                except ValueError:
                    problems.append(f"response body is not JSON: {answer.body[:200]!r}")
                else:
                    want = expected["response_json"]
                    if body != want:
                        problems.append(f"response JSON {show(body)}, expected {show(want)}")
        outputs = {p.name: notation(p.data) for p in answer.response.output_data}
        declared = {b["name"] for b in function.bindings if b["direction"] == "out"}
        for name, want in expected.get("outputs", {}).items():
            if name not in declared:
                problems.append(f"output {name} is not an output binding of the function")
            elif want is None and outputs.get(name) is not None:
                problems.append(f"output {name} is {show(outputs[name])}, expected it unset")
            elif want is not None and outputs.get(name) is None:
                problems.append(f"output {name} was not set, expected {show(want)}")
            elif comparable(outputs.get(name)) != comparable(want):
                problems.append(f"output {name} is {show(outputs[name])}, expected {show(want)}")
        if "return" in expected:
            returned = (
                notation(answer.response.return_value)
                if answer.response.HasField("return_value")
                else None
            )
            if comparable(returned) != comparable(expected["return"]):
                problems.append(f"returned {show(returned)}, expected {show(expected['return'])}")
        for line in expected.get("logs", []):
            if not any(line in logged for logged in logs):
                problems.append(f"no log line contains {show(line)}; logged: {show(logs)}")
        return problems


def http_output(bindings: list[dict]) -> dict | None:
    return next(
        (b for b in bindings if b["type"].lower() == "http" and b["direction"] == "out"), None
    )


def http_data(response, bindings: list[dict]):
    """The RpcHttp of the HTTP output, whether it's the return value or an Out parameter."""
    output = http_output(bindings)
    if output is None:
        return None
    if output["name"] == "$return":
        data = response.return_value if response.HasField("return_value") else None
    else:
        data = next((p.data for p in response.output_data if p.name == output["name"]), None)
    if data is None or data.WhichOneof("data") != "http":
        return None
    return data.http


def http_status(response, bindings: list[dict]) -> int | None:
    http = http_data(response, bindings)
    return None if http is None else int(http.status_code or 200)


def http_body(response, bindings: list[dict]) -> bytes | None:
    http = http_data(response, bindings)
    if http is None:
        return None
    kind = http.body.WhichOneof("data")
    if kind in ("bytes", "string", "json"):
        value = getattr(http.body, kind)
        return value if isinstance(value, bytes) else value.encode()
    return b""


def send_http(
    url: str,
    method: str,
    headers: dict,
    body: bytes,
    invocation_id: str,
    timeout: float = INVOCATION_TIMEOUT_SECONDS,
) -> tuple[int, bytes]:
    """Send a request to the worker's web server as the host's proxy does, and read the answer.

    The body goes in chunks, and sending stops as soon as an answer arrives: an app may answer
    before reading the whole body (a 413 or 415 for an upload), and the host passes that answer
    on. A client that insists on sending everything first gets the connection reset instead.
    """
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    for _ in range(SERVER_START_TRIES):
        try:
            connection.connect()
            break
        except ConnectionRefusedError:
            time.sleep(0.1)  # the worker starts its web server at init, in the background
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in {**headers, INVOCATION_ID_HEADER: invocation_id}.items():
            connection.putheader(name, value)
        if body or method not in ("GET", "HEAD", "DELETE", "OPTIONS"):
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders()
        for start in range(0, len(body), UPLOAD_CHUNK_BYTES):
            answered, _, _ = select.select([connection.sock], [], [], 0)
            if answered:
                break
            try:
                connection.sock.sendall(body[start : start + UPLOAD_CHUNK_BYTES])
            except (BrokenPipeError, ConnectionResetError):
                break  # the server stopped reading: its answer may be waiting
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def read_invocations(app_dir: Path, report: Report) -> list[tuple[int, dict]]:
    """The entries of tests/invocations.json with their place in the file (from 1); a malformed
    entry is reported and left out."""
    path = app_dir / INVOCATIONS_FILE
    where = INVOCATIONS_FILE.as_posix()
    if not path.is_file():
        return []
    entries = read_json(path)
    if not isinstance(entries, list):
        report.fail(where, "must be a JSON list of invocations")
        return []
    valid = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("function"), str):
            report.fail(f"{where} #{number}", 'an entry is an object with a "function" name')
            continue
        wrong = [k for k, kind in ENTRY_TYPES.items() if k in entry and not kind(entry[k])]
        if wrong:
            report.fail(f"{where} #{number} {entry['function']}", f"malformed {wrong}")
            continue
        unknown = set(entry) - ENTRY_KEYS
        unknown |= {f"request.{k}" for k in set(entry.get("request", {})) - REQUEST_KEYS}
        if unknown:
            report.fail(f"{where} #{number} {entry['function']}", f"unknown keys {sorted(unknown)}")
            continue
        valid.append((number, entry))
    return valid


def check_entry_kind(function: IndexedFunction, entry: dict) -> str | None:
    """Why an entry doesn't fit its function's trigger (HTTP keys on a queue trigger, ...)."""
    if function.is_http:
        misplaced = sorted(set(entry) & {"trigger"})
        if "request" not in entry or "path" not in entry["request"]:
            return 'an HTTP function needs "request" with a "path"'
    else:
        misplaced = sorted(set(entry) & {"request", "status", "response_json"})
    if misplaced:
        return f"{sorted(misplaced)} don't apply to a {function.trigger['type']} function"
    return None


async def run_battery(host: Host, functions: list[IndexedFunction], entries: list[dict]) -> None:
    """Send each HTTP function the malformed requests battery.py derives from its first example;
    count the answers by status class. In strict mode a 5xx or no answer is a failure."""
    report, mode = host.report, host.report.battery["mode"]
    classes = report.battery["classes"]
    for function in functions:
        example = next((e for e in entries if e["function"] == function.name), None)
        if not function.is_http or example is None or check_entry_kind(function, example):
            continue
        request = example["request"]
        http = host.http_request(function, request)
        try:
            host.input_data(function, example)
            [typed_data(host.protos, v) for v in example.get("metadata", {}).values()]
        except NotationError:
            continue  # the example itself failed, and said why
        if isinstance(http, str):
            continue
        counted = report.battery["functions"].setdefault(function.name, {})
        for probe in battery.probes(
            function.trigger["methods"],
            host.route_template(function),
            request,
            dict(http[0].params),
        ):
            status = await host.probe(function, example, probe)
            if isinstance(status, str):
                continue  # the host would not pass this request to the function
            kind = battery.status_class(status)
            report.battery["sent"] += 1
            classes[kind] = classes.get(kind, 0) + 1
            counted[kind] = counted.get(kind, 0) + 1
            if status is None or status >= 500:
                problem = f"{probe.label}: {status or 'no answer'}"
                report.battery["failures"].append(f"{function.name} {problem}")
                if mode == "strict":
                    report.fail(f"bad input {function.name}", problem)
                else:
                    print(f"  5xx  bad input {function.name} {problem}", flush=True)
        print(f"  ok   bad input {function.name}: {counted}", flush=True)


async def run(app_dir: Path, report: Report, runtime, protos, battery_mode: str = "off") -> None:
    entries = read_invocations(app_dir, report)
    logs = LogCollector(runtime)
    host = Host(app_dir, protos, report, runtime, logs)
    root = logging.getLogger()
    root.addHandler(logs)
    if root.getEffectiveLevel() > logging.INFO:
        root.setLevel(logging.INFO)  # the worker sends app logs from INFO up
    runtime.start_threadpool_executor()
    try:
        if not await host.init_worker():
            return
        functions = sorted(await host.index(), key=lambda f: f.name)
        report.functions = [{"name": f.name, "bindings": f.bindings} for f in functions]
        by_name = {f.name: f for f in functions}
        loaded = {f.name for f in functions if await host.load(f)}
        where = INVOCATIONS_FILE.as_posix()
        for name in sorted(loaded - {e["function"] for _, e in entries}):
            report.fail(f"invoke {name}", f"no example invocation: add one to {where}")
        for number, entry in entries:
            name = entry["function"]
            if name not in by_name:
                report.fail(where, f"example for unknown function {name}")
            elif name in loaded:
                if problem := check_entry_kind(by_name[name], entry):
                    report.fail(f"{where} #{number} {name}", problem)
                else:
                    await host.invoke(by_name[name], entry, number)
        if battery_mode != "off":
            report.battery = {
                "mode": battery_mode,
                "sent": 0,
                "classes": {},
                "functions": {},
                "failures": [],
            }
            examples = [entry for _, entry in entries]
            await run_battery(host, [f for f in functions if f.name in loaded], examples)
    finally:
        root.removeHandler(logs)
        runtime.stop_threadpool_executor()
        await stop_background_tasks()


async def stop_background_tasks() -> None:
    """Stop what the runtime left running, such as its HTTP streams server.

    The host ends the worker process without a clean shutdown; cancelling the server makes it log
    tracebacks that say nothing about the app, so they are muted.
    """
    tasks = asyncio.all_tasks() - {asyncio.current_task()}
    if not tasks:
        return
    logging.disable(logging.ERROR)
    try:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        logging.disable(logging.NOTSET)


def enter_app_folder(app_dir: Path) -> None:
    """The host starts the worker in the app folder, and the worker imports the app from there."""
    os.chdir(app_dir)
    sys.path.insert(0, str(app_dir))


def start_worker_process(app_dir: Path, settings: dict[str, str]) -> tuple[Report, Any]:
    """Apply the app settings as Core Tools does (local.settings.json, then `settings` on top)
    and pick the runtime package of the app's model: an empty Report, and the runtime module."""
    os.environ.update(local_settings(app_dir))
    os.environ.update(settings)
    script = os.environ.get("PYTHON_SCRIPT_FILE_NAME", "function_app.py")
    is_v2 = (app_dir / script).is_file()
    package = V2_RUNTIME if is_v2 else V1_RUNTIME
    report = Report(
        model="v2" if is_v2 else "v1",
        runtime=f"{package} {importlib.metadata.version(package)}",
        route_prefix=route_prefix(app_dir),
    )
    return report, importlib.import_module(package.replace("-", "_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app_dir", type=Path, help="the function app folder (holds host.json)")
    parser.add_argument("--report", type=Path, help="write what the runtime reported here (JSON)")
    parser.add_argument(
        "--battery",
        choices=BATTERY_MODES,
        default="off",
        help="send each HTTP function malformed requests (battery.py): report counts them, "
        "strict also fails on a 5xx or no answer",
    )
    args = parser.parse_args(argv)
    app_dir = args.app_dir.resolve()
    report_path = args.report.resolve() if args.report else None

    enter_app_folder(app_dir)
    # app_environment() decides from the caller's environment (it may point at a real server),
    # so it runs first; its settings then win over local.settings.json, which Core Tools applies.
    with app_environment(app_dir) as settings:
        protos = load_protos()  # the runtime-v1 wheel's messages, before a runtime is imported
        report, runtime = start_worker_process(app_dir, settings)
        print(f"conformance: {app_dir.name} ({report.model} model, {report.runtime})", flush=True)
        asyncio.run(run(app_dir, report, runtime, protos, args.battery))

    if report_path:
        report_path.write_text(json.dumps(vars(report), indent=2) + "\n", encoding="utf-8")
    if report.errors:
        print(f"conformance: {app_dir.name}: {len(report.errors)} problem(s)", flush=True)
        return 1
    print(f"conformance: {app_dir.name}: OK", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
