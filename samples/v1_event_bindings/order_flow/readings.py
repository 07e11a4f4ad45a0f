"""Device readings posted over HTTP, checked and turned into Event Hubs events."""

from __future__ import annotations

import json
import math

from order_flow.orders import is_name

MAX_READINGS = 100


class InvalidReadings(ValueError):
    """The request body can't be sent as readings; the message says why."""


def reading_event(reading: object, where: str) -> str:
    if not isinstance(reading, dict):
        raise InvalidReadings(f"{where} must be a JSON object")
    if not is_name(reading.get("device")):
        raise InvalidReadings(f"{where}: 'device' must be 1-64 letters, digits, '_', '.' or '-'")
    value = reading.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidReadings(f"{where}: 'value' must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidReadings(f"{where}: 'value' must be a finite number")
    # One event body per reading, with only the fields the consumers know.
    return json.dumps({"device": reading["device"], "value": value})


def reading_events(body: bytes) -> list[str]:
    """One event per reading: the body is one reading or a JSON array of readings."""
    try:
        readings = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested too deep
        raise InvalidReadings("the body must be JSON: a reading or an array of readings") from None
    if isinstance(readings, dict):
        return [reading_event(readings, "the reading")]
    if not isinstance(readings, list) or not 1 <= len(readings) <= MAX_READINGS:
        raise InvalidReadings(f"send one reading or an array of 1 to {MAX_READINGS} readings")
    return [reading_event(r, f"reading {i}") for i, r in enumerate(readings)]
