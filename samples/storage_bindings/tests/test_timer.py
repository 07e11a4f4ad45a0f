import json
import logging

import azure.functions as func

from function_app import heartbeat

SCHEDULE_STATUS = {
    "Last": "2026-11-30T10:00:00+00:00",
    "Next": "2026-11-30T10:05:00+00:00",
    "LastUpdated": "2026-11-30T10:00:00.1+00:00",
}


# --8<-- [start:test-timer]
def test_heartbeat_writes_the_schedule_the_host_passes(out):
    timer = func.timer.TimerRequest(past_due=False, schedule_status=SCHEDULE_STATUS)
    blob = out()

    heartbeat(timer, blob)

    assert json.loads(blob.get()) == {
        "past_due": False,
        "last": "2026-11-30T10:00:00+00:00",
        "next": "2026-11-30T10:05:00+00:00",
    }


# --8<-- [end:test-timer]


def test_a_late_run_logs_a_warning_and_still_writes(out, caplog):
    blob = out()

    with caplog.at_level(logging.WARNING):
        heartbeat(func.timer.TimerRequest(past_due=True), blob)

    assert "this run is late" in caplog.text
    assert json.loads(blob.get()) == {"past_due": True, "last": None, "next": None}


def test_an_on_time_run_logs_no_warning(out, caplog):
    with caplog.at_level(logging.WARNING):
        heartbeat(func.timer.TimerRequest(past_due=False), out())

    assert caplog.text == ""
