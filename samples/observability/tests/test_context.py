"""The invocation context: what each field holds, and the retry context of a retried timer."""

from __future__ import annotations

import json
import logging

import azure.functions as func
from azure.functions.timer import TimerRequest

import function_app


def test_context_fields(make_context):
    context = make_context("invocation_context", function_directory="/home/site/wwwroot")
    context.trace_context.trace_parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    response = function_app.invocation_context(
        func.HttpRequest("GET", "/api/context", body=b""), context
    )
    assert json.loads(response.get_body()) == {
        "invocation_id": context.invocation_id,
        "function_name": "invocation_context",
        "function_directory": "/home/site/wwwroot",
        "traceparent": context.trace_context.trace_parent,
        "retry_count": 0,
        "max_retry_count": 0,
    }


def timer() -> func.TimerRequest:
    return TimerRequest(past_due=False)


def test_first_attempt_logs_no_retry(caplog, make_context):
    caplog.set_level(logging.INFO)
    context = make_context("nightly_refresh")
    function_app.nightly_refresh(timer(), context)
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [f"Catalogue refreshed: 3 items (invocation {context.invocation_id})"]


def test_a_retry_says_which_attempt_it_is(caplog, make_context):
    caplog.set_level(logging.INFO)
    context = make_context("nightly_refresh")
    context.retry_context.retry_count = 2
    context.retry_context.max_retry_count = 3
    function_app.nightly_refresh(timer(), context)
    assert caplog.records[0].levelname == "WARNING"
    assert caplog.records[0].getMessage() == "Retry 2 of 3"


def test_the_timer_declares_its_retry_policy():
    functions = {f.get_function_name(): f for f in function_app.app.get_functions()}
    retry = functions["nightly_refresh"].get_settings_dict("retry_policy")
    assert retry == {
        "setting_name": "retry_policy",
        "strategy": "fixed_delay",
        "max_retry_count": "3",
        "delay_interval": "00:00:10",
    }
