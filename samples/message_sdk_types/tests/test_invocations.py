"""tests/invocations.json is what tests/invocation_examples.py builds, and each example's
message decodes to what its expectations say, through the extensions and the functions."""

import base64
import json
import logging

import invocation_examples
from conftest import Collector, event, events, received_message

import function_app


def test_the_committed_examples_are_the_built_ones():
    assert invocation_examples.FILE.read_text() == invocation_examples.text()


def content(notation: dict) -> bytes:
    return base64.b64decode(notation["content_base64"])


def notation(value):
    """An output as the worker answers it: a str as string, a list of str as one json."""
    if value is None:
        return None
    return {"json": value} if isinstance(value, list) else {"string": value}


def test_each_example_gives_the_outputs_it_expects(caplog):
    caplog.set_level(logging.INFO)
    for example in json.loads(invocation_examples.FILE.read_text()):
        caplog.clear()
        trigger = example["trigger"]
        outputs = {name: Collector() for name in example["outputs"]}
        if example["function"] == "ProcessOrder":
            message = received_message(content(trigger["model_binding_data"]))
            function_app.process_order(message, **outputs)
        elif example["function"] == "RecordReading":
            function_app.record_reading(event(content(trigger["model_binding_data"])), **outputs)
        else:
            batch = events(*[content(m) for m in trigger["collection_model_binding_data"]])
            function_app.record_readings(batch, **outputs)
        for name, expected in example["outputs"].items():
            assert notation(outputs[name].get()) == expected
        for line in example["logs"]:
            assert line in caplog.text
