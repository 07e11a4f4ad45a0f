"""A stand-in for the Functions host: run one function app through the real Python worker runtime.

It sends the runtime the messages the host sends over gRPC, in the same order, in-process:
WorkerInitRequest, FunctionsMetadataRequest (indexing), one FunctionLoadRequest per function,
then one InvocationRequest per HTTP function, built from the app's example requests. The
runtime packages do all the work: azure-functions-runtime for a v2 app (function_app.py),
azure-functions-runtime-v1 for a v1 app (function.json folders). For a v1 app the worker asks
the host to index, so this script reads each function.json the way the host does.

Usage: python -P host.py APP_DIR [--report REPORT.json]

Run it with the app's own packages and tools/conformance/requirements.txt installed, one app
per process (the runtime keeps the app in module globals), and with -P so that nothing beside
this script can shadow the app's modules. It prints one line per step, writes what the runtime
reported to REPORT.json (tools/conformance/manifest.py turns that into the function manifest),
and exits 1 when the runtime rejects anything or an invocation's answer isn't the one expected.

The app folder may hold, beside the app:
- tests/http_examples.json: one valid request per HTTP function, keyed by function name
  (see tools/conformance/README.md);
- tests/app_environment.py: a context manager app_environment() that starts the servers the app
  needs and yields the app settings pointing at them, stopped on exit.
local.settings.json "Values" are applied as Core Tools applies them, then app_environment()'s
settings over them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import importlib.machinery
import importlib.metadata
import importlib.util
import json
import logging
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
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
EXAMPLES_FILE = Path("tests") / "http_examples.json"
ENVIRONMENT_FILE = Path("tests") / "app_environment.py"
EXAMPLE_KEYS = {"method", "path", "query", "headers", "body", "json", "status"}
INVOCATION_TIMEOUT_SECONDS = 60
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
    """A binding as the manifest shows it: name, type, direction, and the HTTP trigger settings."""
    described = {
        "name": binding["name"],
        "type": binding["type"],
        "direction": str(binding.get("direction", "in")).lower(),
    }
    if binding["type"].lower() == "httptrigger":
        described["route"] = binding.get("route")
        described["methods"] = [m.upper() for m in binding.get("methods") or []]
        described["authLevel"] = str(binding.get("authLevel") or DEFAULT_AUTH_LEVEL).lower()
    return described


def binding_order(binding: dict) -> tuple[int, bool]:
    if binding["type"].lower().endswith("trigger"):
        rank = 0
    else:
        rank = 1 if binding["direction"] == "in" else 2
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


class Host:
    """Sends one app's messages to the runtime and records what it answers."""

    def __init__(self, app_dir: Path, protos, report: Report, runtime) -> None:
        self.app_dir = app_dir
        self.protos = protos
        self.report = report
        self.runtime = runtime
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

    async def invoke_http(self, function: IndexedFunction, example: dict) -> None:
        name, bindings = function.name, function.bindings
        trigger = next(b for b in bindings if b["type"].lower() == "httptrigger")
        method = example.get("method", "GET").upper()
        if trigger["methods"] and method not in trigger["methods"]:
            self.report.fail(f"invoke {name}", f"{method} is not one of {trigger['methods']}")
            return
        template = "/".join(
            p for p in (self.report.route_prefix, (trigger["route"] or name).strip("/")) if p
        )
        path = "/" + example.get("path", "").lstrip("/")
        match = route_pattern(template).fullmatch(path)
        if not match:
            self.report.fail(f"invoke {name}", f"path {path} does not match route /{template}")
            return
        route_params = {k: v for k, v in match.groupdict().items() if v is not None}
        query = {k: str(v) for k, v in example.get("query", {}).items()}
        headers = {k: str(v) for k, v in example.get("headers", {}).items()}
        body = example.get("body", "").encode()
        if "json" in example:
            body = json.dumps(example["json"]).encode()
            headers.setdefault("Content-Type", "application/json")
        url = BASE_URL + path + ("?" + urllib.parse.urlencode(query) if query else "")
        invocation_id = str(uuid.uuid4())
        request = self.protos.RpcHttp(
            method=method,
            url=url,
            headers=headers,
            query=query,
            params=route_params,
            body=self.protos.TypedData(bytes=body),
        )
        invocation = self.runtime.invocation_request(
            self.message(
                invocation_request=self.protos.InvocationRequest(
                    invocation_id=invocation_id,
                    function_id=function.metadata.function_id,
                    input_data=[
                        self.protos.ParameterBinding(
                            name=trigger["name"], data=self.protos.TypedData(http=request)
                        )
                    ],
                )
            )
        )
        step = f"invoke {name} {method} {url[len(BASE_URL) :]}"
        streamed = None
        try:
            if self.http_uri:
                # HTTP streams: the host forwards the request itself to the worker's web server.
                forwarded = asyncio.to_thread(
                    send_http,
                    self.http_uri + url[len(BASE_URL) :],
                    method,
                    headers,
                    body,
                    invocation_id,
                )
                response, streamed = await asyncio.wait_for(
                    asyncio.gather(invocation, forwarded), INVOCATION_TIMEOUT_SECONDS
                )
            else:
                response = await asyncio.wait_for(invocation, INVOCATION_TIMEOUT_SECONDS)
        except TimeoutError:
            self.report.fail(step, f"no answer within {INVOCATION_TIMEOUT_SECONDS} s")
            return
        if error := self.failed(response.result):
            self.report.fail(step, error)
            return
        status = streamed if streamed is not None else http_status(response, bindings)
        expected = example.get("status")
        self.report.invocations.append({"function": name, "request": step, "status": status})
        if expected is None and (status is None or status // 100 != 2):
            self.report.fail(step, f"answered {status}, expected 2xx")
            return
        if expected is not None and status != expected:
            self.report.fail(step, f"answered {status}, expected {expected}")
            return
        print(f"  ok   {step} -> {status}", flush=True)


def http_status(response, bindings: list[dict]) -> int | None:
    """The status code of the HTTP output, whether it's the return value or an Out parameter."""
    output = next(
        (b for b in bindings if b["type"].lower() == "http" and b["direction"] == "out"), None
    )
    if output is None:
        return None
    if output["name"] == "$return":
        data = response.return_value
    else:
        data = next((p.data for p in response.output_data if p.name == output["name"]), None)
    if data is None or data.WhichOneof("data") != "http":
        return None
    return int(data.http.status_code or 200)


def send_http(url: str, method: str, headers: dict, body: bytes, invocation_id: str) -> int:
    request = urllib.request.Request(
        url,
        data=body or None,
        method=method,
        headers={**headers, INVOCATION_ID_HEADER: invocation_id},
    )
    try:
        with urllib.request.urlopen(request, timeout=INVOCATION_TIMEOUT_SECONDS) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def read_examples(app_dir: Path, report: Report) -> dict[str, dict]:
    path = app_dir / EXAMPLES_FILE
    if not path.is_file():
        return {}
    examples = read_json(path)
    for name, example in examples.items():
        unknown = set(example) - EXAMPLE_KEYS
        if unknown:
            report.fail(f"{EXAMPLES_FILE} {name}", f"unknown keys {sorted(unknown)}")
    return examples


async def run(app_dir: Path, report: Report, runtime, protos) -> None:
    host = Host(app_dir, protos, report, runtime)
    examples = read_examples(app_dir, report)
    runtime.start_threadpool_executor()
    try:
        if not await host.init_worker():
            return
        functions = sorted(await host.index(), key=lambda f: f.name)
        report.functions = [{"name": f.name, "bindings": f.bindings} for f in functions]
        loaded = [f for f in functions if await host.load(f)]
        for function in loaded:
            if not function.is_http:
                continue
            if function.name not in examples:
                report.fail(
                    f"invoke {function.name}",
                    f"no example request: add one to {EXAMPLES_FILE.as_posix()}",
                )
                continue
            await host.invoke_http(function, examples[function.name])
        for name in sorted(set(examples) - {f.name for f in functions}):
            report.fail(EXAMPLES_FILE.as_posix(), f"example for unknown function {name}")
    finally:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app_dir", type=Path, help="the function app folder (holds host.json)")
    parser.add_argument("--report", type=Path, help="write what the runtime reported here (JSON)")
    args = parser.parse_args(argv)
    app_dir = args.app_dir.resolve()
    report_path = args.report.resolve() if args.report else None

    # The host starts the worker in the app folder, and the worker imports the app from there.
    os.chdir(app_dir)
    sys.path.insert(0, str(app_dir))
    # app_environment() decides from the caller's environment (it may point at a real server),
    # so it runs first; its settings then win over local.settings.json, which Core Tools applies.
    with app_environment(app_dir) as settings:
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
        print(f"conformance: {app_dir.name} ({report.model} model, {report.runtime})", flush=True)
        protos = load_protos()
        runtime = importlib.import_module(package.replace("-", "_"))
        asyncio.run(run(app_dir, report, runtime, protos))

    if report_path:
        report_path.write_text(json.dumps(vars(report), indent=2) + "\n", encoding="utf-8")
    if report.errors:
        print(f"conformance: {app_dir.name}: {len(report.errors)} problem(s)", flush=True)
        return 1
    print(f"conformance: {app_dir.name}: OK", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
