"""The app's function.json files: names, paths, queues and connections."""

import inspect
import re

import pytest
from app_index import functions

FUNCTIONS = sorted(functions())


def bindings(name: str) -> dict[str, dict]:
    return {b["name"]: b for b in functions()[name][1]}


def test_every_function_is_found():
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
def test_every_binding_name_is_a_parameter(name):
    """The worker refuses to load a function whose binding names and parameters differ."""
    parameters = set(inspect.signature(functions()[name][0]).parameters)

    assert set(bindings(name)) - {"$return"} == parameters


def test_every_storage_binding_reads_its_connection_from_the_app_setting():
    for name in FUNCTIONS:
        for binding in bindings(name).values():
            if binding["type"] not in ("httpTrigger", "http", "timerTrigger"):
                assert binding["connection"] == "AzureWebJobsStorage", (name, binding["name"])


@pytest.mark.parametrize("name", FUNCTIONS)
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
