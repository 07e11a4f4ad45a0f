"""The app's function.json files: what the host reads, and what the worker checks at load."""

import importlib
import inspect
import json
import re
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = sorted(p.parent.name for p in APP_ROOT.glob("*/function.json"))


def bindings(name: str) -> dict[str, dict]:
    found = json.loads((APP_ROOT / name / "function.json").read_text(encoding="utf-8"))
    return {b["name"]: b for b in found["bindings"]}


def test_every_function_folder_is_found():
    assert FUNCTIONS == [
        "get_report",
        "heartbeat",
        "list_reports",
        "process_order",
        "record_poison_order",
        "submit_order",
        "submit_orders",
        "summarize_upload",
    ]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_binding_name_is_a_parameter_of_main(name):
    """The worker refuses to load a function whose binding names and parameters differ."""
    parameters = set(inspect.signature(importlib.import_module(name).main).parameters)

    assert set(bindings(name)) - {"$return"} == parameters


def test_every_storage_binding_reads_its_connection_from_the_app_setting():
    for name in FUNCTIONS:
        for binding in bindings(name).values():
            if binding["type"] not in ("httpTrigger", "http", "timerTrigger"):
                assert binding["connection"] == "AzureWebJobsStorage", (name, binding["name"])


@pytest.mark.parametrize("name", ["get_report", "summarize_upload", "record_poison_order"])
def test_every_binding_expression_has_a_source_in_the_trigger(name):
    """Each {expression} in a path must come from the trigger (the E03 mistake: it didn't)."""
    found = bindings(name)
    trigger = next(b for b in found.values() if b["type"].endswith("Trigger"))
    # Values a trigger provides: route parameters, the blob path's own names, queue metadata.
    provided = set(re.findall(r"{(\w+)}", trigger.get("route", "") + trigger.get("path", "")))
    if trigger["type"] == "queueTrigger":
        provided |= {"id", "queueTrigger", "dequeueCount"}
    for binding in found.values():
        if binding is trigger:
            continue
        used = set(re.findall(r"{(\w+)}", binding.get("path", "")))
        assert used <= provided, (binding["name"], used - provided)


def test_the_table_output_names_its_type_and_settings():
    assert bindings("process_order")["row"] == {
        "type": "table",
        "direction": "out",
        "name": "row",
        "tableName": "orders",
        "connection": "AzureWebJobsStorage",
    }


def test_the_timer_schedule_has_six_fields_and_uses_the_monitor():
    timer = bindings("heartbeat")["timer"]

    assert len(timer["schedule"].split()) == 6
    assert timer["useMonitor"] is True
    assert timer["runOnStartup"] is False
