"""What the functions write to blobs: an uploaded file's report, the timer's heartbeat."""

from __future__ import annotations

import json


def summarize(name: str, content: bytes) -> str:
    """A JSON report on an uploaded blob: its size and, for UTF-8 text, lines and words."""
    report: dict[str, object] = {"blob": name, "bytes": len(content)}
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        report["text"] = False
    else:
        report.update(text=True, lines=len(text.splitlines()), words=len(text.split()))
    return json.dumps(report)


def heartbeat(past_due: bool, schedule_status: dict) -> str:
    """A JSON heartbeat: whether the run was late, and the schedule the host keeps.

    With use_monitor the host records each run in storage and passes the last and next
    occurrences in ScheduleStatus; without it, or on the first run, they are missing.
    """
    return json.dumps(
        {
            "past_due": past_due,
            "last": schedule_status.get("Last"),
            "next": schedule_status.get("Next"),
        }
    )
