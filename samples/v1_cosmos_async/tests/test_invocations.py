"""The example requests in invocations.json (at least one per function, also sent by the
conformance run through the real worker) get the answers they say, in file order."""

import json
import re
import uuid
from pathlib import Path

from app_index import functions

import database

INVOCATIONS = json.loads((Path(__file__).parent / "invocations.json").read_text())


def http_trigger(name: str) -> dict:
    """The httpTrigger binding of the function's function.json."""
    return next(b for b in functions()[name][1] if b["type"] == "httpTrigger")


def route_params(route: str, path: str) -> dict[str, str]:
    pattern = re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(route))
    match = re.fullmatch(f"/api/{pattern}", path)
    assert match, f"{path} doesn't match the route {route}"
    return match.groupdict()


def test_every_function_has_an_example():
    assert sorted({entry["function"] for entry in INVOCATIONS}) == sorted(functions())


def test_examples_get_their_status_in_file_order(api, app_settings, monkeypatch):
    # An empty container of this test's own, as a new app has: the examples' ids are fixed.
    monkeypatch.setenv("COSMOS_CONTAINER", f"examples-{uuid.uuid4().hex[:8]}")
    api.run(database.close())
    try:
        for entry in INVOCATIONS:
            name, example = entry["function"], entry["request"]
            trigger = http_trigger(name)
            assert example["method"].lower() in trigger["methods"], name
            body = json.dumps(example["json"]).encode() if "json" in example else b""

            answer = api.call(
                functions()[name][0],
                example["method"],
                example["path"],
                body=body,
                params=example.get("query", {}),
                route_params=route_params(trigger["route"], example["path"]),
            )

            assert answer.status == entry["status"], (name, answer.body)
    finally:
        api.run(database.close())
