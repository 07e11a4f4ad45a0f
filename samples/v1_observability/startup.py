"""What every function of the app shares, made once per worker process when the first function
loads: the settings and the telemetry set-up. Each function imports it from the app root."""

from __future__ import annotations

import azure.functions as func

from observability_kit.settings import load_settings
from observability_kit.telemetry import configure_azure_monitor_once

# --8<-- [start:v1-settings-at-start]
# Read when the worker loads the first function that imports this module: a missing required
# setting makes the load fail with SettingError's message, not an invocation later.
settings = load_settings()
# --8<-- [end:v1-settings-at-start]
configure_azure_monitor_once()


def sleep_seconds(req: func.HttpRequest) -> float | None:
    """The ?ms= query value in seconds; None when it's not a whole number in range."""
    value = req.params.get("ms", "50")
    # isascii: "²" is a digit to isdigit() but not to int(); the length check keeps int() away
    # from the thousands of digits that exceed Python's int/str conversion limit.
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        return None
    if int(value) > settings.max_sleep_ms:
        return None
    return int(value) / 1000


def bad_sleep() -> func.HttpResponse:
    return func.HttpResponse(
        f"ms must be a whole number from 0 to {settings.max_sleep_ms}.", status_code=400
    )
