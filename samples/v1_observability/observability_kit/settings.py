"""App settings: read once at start, so a missing one stops the app with a clear message."""

from __future__ import annotations

import os
from dataclasses import dataclass


class SettingError(RuntimeError):
    """A required app setting is missing, or a setting has a value the app cannot use."""


# --8<-- [start:required-and-optional-settings]
def required_setting(name: str) -> str:
    """The value of a setting the app can't run without; raises at once when it's missing."""
    try:
        value = os.environ[name]
    except KeyError:
        value = ""
    if not value.strip():
        raise SettingError(
            f"The app setting {name} is required and not set: add it to Values in "
            "local.settings.json to run locally, or to the function app's settings in Azure."
        )
    return value


def optional_setting(name: str, default: str) -> str:
    """The value of a setting with a sensible default."""
    return os.getenv(name, default)


@dataclass(frozen=True)
class Settings:
    service_name: str  # required: names the app's spans and logger
    greeting: str  # optional
    max_sleep_ms: int  # optional


def load_settings() -> Settings:
    max_sleep = optional_setting("MAX_SLEEP_MS", "1000")
    if not max_sleep.isdigit():
        raise SettingError(f"The app setting MAX_SLEEP_MS must be a number, not {max_sleep!r}.")
    return Settings(
        service_name=required_setting("SERVICE_NAME"),
        greeting=optional_setting("GREETING", "Hello"),
        max_sleep_ms=int(max_sleep),
    )


# --8<-- [end:required-and-optional-settings]
