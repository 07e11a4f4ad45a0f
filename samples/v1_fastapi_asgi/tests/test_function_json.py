"""What the host reads: function.json sends every path and method to one function."""

import inspect
import json
from pathlib import Path

import http_app

APP_ROOT = Path(__file__).resolve().parent.parent


def read_json(name):
    return json.loads((APP_ROOT / name).read_text())


def test_the_app_is_one_function():
    assert [p.parent.name for p in APP_ROOT.glob("*/function.json")] == ["http_app"]


def test_main_takes_the_trigger_binding_and_the_context():
    bindings = read_json("http_app/function.json")["bindings"]

    names = {b["name"] for b in bindings if b["name"] != "$return"}

    # `context` is no binding: the worker passes it to a main() that asks for it.
    assert set(inspect.signature(http_app.main).parameters) == names | {"context"}


def test_the_trigger_takes_every_route_and_method_with_a_function_key():
    (trigger,) = [
        b for b in read_json("http_app/function.json")["bindings"] if b["direction"] == "in"
    ]

    assert trigger["route"] == "{*route}"
    assert "methods" not in trigger  # no list: every method reaches the app
    assert trigger["authLevel"] == "function"


def test_host_json_clears_the_route_prefix():
    # The middleware passes the whole URL path on: /books must reach the app as /books.
    assert read_json("host.json")["extensions"]["http"]["routePrefix"] == ""


def test_first_request_runs_the_lifespan_hook(functions_path):
    reply = functions_path.request("GET", "/books")

    assert reply.status == 200
    assert http_app.started
