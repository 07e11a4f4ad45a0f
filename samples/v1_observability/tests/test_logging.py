"""Log records: levels, and the invocation id of lines logged from threads and coroutines."""

from __future__ import annotations

import asyncio
import json
import logging
import threading

import azure.functions as func
from entry_points import APP_DIR, functions

from observability_kit import background

APP_LOGGER = "log_levels"
HOST_JSON = APP_DIR / "host.json"


def get(path: str) -> func.HttpRequest:
    return func.HttpRequest("GET", path, body=b"")


def test_module_logger_emits_all_four_levels(caplog):
    response = functions.log_levels(get("/api/logs/levels"))
    assert response.status_code == 200
    levels = [r.levelname for r in caplog.records if r.name == APP_LOGGER]
    assert levels == ["DEBUG", "INFO", "WARNING", "ERROR"]


def test_host_json_keeps_debug_only_for_log_levels():
    log_level = json.loads(HOST_JSON.read_text(encoding="utf-8"))["logging"]["logLevel"]
    assert log_level == {"default": "Information", "Function.log_levels.User": "Debug"}


def test_thread_lines_carry_the_invocation_id(caplog, make_context, invocation_log):
    caplog.set_level(logging.INFO)
    context = make_context("log_from_thread")
    log = invocation_log(context)
    response = functions.log_from_thread(get("/api/logs/thread"), context)
    assert json.loads(response.get_body()) == {"threads": [context.invocation_id] * 3}
    thread_lines = [r for r in log.records if r.getMessage().startswith("Thread step")]
    assert len(thread_lines) == 3
    assert {r.invocation_id for r in thread_lines} == {context.invocation_id}
    assert all(r.thread != threading.get_ident() for r in thread_lines)


def test_a_thread_that_does_not_set_it_logs_without_an_invocation(
    caplog, make_context, invocation_log
):
    """Why the line matters: thread-local storage starts empty in every new thread."""
    caplog.set_level(logging.INFO)
    context = make_context("log_from_thread")
    context.thread_local_storage.invocation_id = context.invocation_id  # the worker's thread
    log = invocation_log(context)
    thread = threading.Thread(target=background.logger.info, args=("untied line",))
    thread.start()
    thread.join()
    assert [r.invocation_id for r in log.records] == [None]


def test_coroutine_lines_name_the_invocation(caplog, make_context):
    caplog.set_level(logging.INFO)
    context = make_context("log_from_coroutines")
    response = asyncio.run(functions.log_from_coroutines(get("/api/logs/coroutines"), context))
    assert json.loads(response.get_body()) == {"coroutines": 3}
    lines = [r.getMessage() for r in caplog.records if r.name == background.logger.name]
    assert sorted(lines) == [
        f"Coroutine step {n} of invocation {context.invocation_id}" for n in range(3)
    ]
