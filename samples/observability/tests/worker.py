"""The real Python worker, driven in-process the way the Functions host drives it over gRPC.

azure-functions-runtime (Python >= 3.13) is the worker's own code for v2 apps: worker init (it
indexes function_app.py), function metadata, one load request per function, then invocation
requests. The messages are the generated gRPC classes that azure-functions-runtime-v1's wheel
ships (tests/protos, loaded here without importing grpc). One app per process: the runtime
keeps the app in module globals. Used by tests/worker_scenarios.py and benchmarks/run.py.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.metadata
import importlib.util
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace


def load_protos() -> SimpleNamespace:
    files = importlib.metadata.files("azure-functions-runtime-v1") or []
    module_file = next(f for f in files if f.as_posix().endswith("protos/FunctionRpc_pb2.py"))
    spec = importlib.machinery.ModuleSpec("_worker_protos", None, is_package=True)
    spec.submodule_search_locations = [str(Path(module_file.locate()).parent)]
    sys.modules["_worker_protos"] = importlib.util.module_from_spec(spec)
    messages = {}
    for name in ("shared.NullableTypes_pb2", "FunctionRpc_pb2"):
        module = importlib.import_module(f"_worker_protos.{name}")
        messages.update({k: v for k, v in vars(module).items() if not k.startswith("_")})
    return SimpleNamespace(**messages)


class WorkerError(RuntimeError):
    pass


class Worker:
    """Sends one v2 app's messages to the worker runtime and returns what it answers."""

    def __init__(self, app_dir: Path) -> None:
        self.app_dir = app_dir
        self.runtime = importlib.import_module("azure_functions_runtime")
        self.protos = load_protos()
        self.function_ids: dict[str, str] = {}

    def message(self, properties=None, **content):
        name = next(iter(content))
        request = self.protos.StreamingMessage(request_id=str(uuid.uuid4()), **content)
        return SimpleNamespace(name=name, request=request, properties=properties or {})

    def check(self, result, step: str) -> None:
        if result.status != self.protos.StatusResult.Success:
            raise WorkerError(f"{step}: {result.exception.message}")

    async def start(self) -> None:
        init = self.protos.WorkerInitRequest(
            host_version="4.0.0-tests",
            function_app_directory=str(self.app_dir),
            worker_directory=str(Path(self.runtime.__file__).parent),
        )
        properties = {"protos": self.protos, "host": "127.0.0.1"}
        response = await self.runtime.worker_init_request(
            self.message(properties, worker_init_request=init)
        )
        self.check(response.result, "worker init")
        request = self.protos.FunctionsMetadataRequest(function_app_directory=str(self.app_dir))
        metadata = await self.runtime.functions_metadata_request(
            self.message(functions_metadata_request=request)
        )
        self.check(metadata.result, "function metadata")
        for function in metadata.function_metadata_results:
            load = self.protos.FunctionLoadRequest(
                function_id=function.function_id, metadata=function
            )
            response = await self.runtime.function_load_request(
                self.message(function_load_request=load)
            )
            self.check(response.result, f"load {function.name}")
            self.function_ids[function.name] = function.function_id

    async def invoke_http(
        self,
        function: str,
        path: str,
        *,
        query: dict[str, str] | None = None,
        trace_parent: str = "",
        retry_count: int = 0,
        max_retry_count: int = 0,
        invocation_id: str | None = None,
    ) -> tuple[int, bytes]:
        """One GET request to an HTTP function; returns its status code and body."""
        query = query or {}
        http = self.protos.RpcHttp(
            method="GET",
            url=f"http://localhost:7071{path}",
            query=query,
            body=self.protos.TypedData(bytes=b""),
        )
        request = self.protos.InvocationRequest(
            invocation_id=invocation_id or str(uuid.uuid4()),
            function_id=self.function_ids[function],
            input_data=[
                self.protos.ParameterBinding(name="req", data=self.protos.TypedData(http=http))
            ],
            trace_context=self.protos.RpcTraceContext(trace_parent=trace_parent),
            retry_context=self.protos.RetryContext(
                retry_count=retry_count, max_retry_count=max_retry_count
            ),
        )
        response = await self.runtime.invocation_request(self.message(invocation_request=request))
        self.check(response.result, f"invoke {function}")
        http_out = response.return_value.http
        return int(http_out.status_code or 200), http_out.body.bytes
