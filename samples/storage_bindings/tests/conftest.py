"""Fixtures: an Out double that records what a function sets, and Azurite for the session."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from app_environment import EnvironmentUnavailable, app_environment


# --8<-- [start:test-out-double]
class RecordingOut:
    """Stands in for func.Out[...]: the function calls set(), the test reads what it set."""

    def __init__(self) -> None:
        self.calls: list[Any] = []

    def set(self, value: Any) -> None:
        self.calls.append(value)

    def get(self) -> Any:
        return self.calls[-1] if self.calls else None


# --8<-- [end:test-out-double]


@pytest.fixture
def out() -> type[RecordingOut]:
    """Make as many Out doubles as a function has output bindings: out(), out()."""
    return RecordingOut


@pytest.fixture(scope="session")
def azurite() -> dict[str, str]:
    """The app settings of an Azurite that runs for the whole test session."""
    with contextlib.ExitStack() as stack:
        try:
            settings = stack.enter_context(app_environment())
        except EnvironmentUnavailable as error:
            problem = str(error)  # reported below, outside the except: no chained traceback
        else:
            problem = None
        if problem:
            pytest.fail(problem, pytrace=False)
        yield settings


@pytest.fixture
def storage_settings(azurite, monkeypatch) -> str:
    """Set the session Azurite's app settings, as the host would; return its connection string."""
    for name, value in azurite.items():
        monkeypatch.setenv(name, value)
    return azurite["AzureWebJobsStorage"]
