"""Fixtures: Azurite for the whole session, and SDK clients of it, as the extension makes them."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable

import pytest
from app_environment import EnvironmentUnavailable, app_environment
from azure.storage.blob import BlobServiceClient, ContainerClient


@pytest.fixture(scope="session")
def app_settings() -> dict[str, str]:
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
def storage(app_settings, monkeypatch) -> BlobServiceClient:
    """A client of the session's Azurite, built from AzureWebJobsStorage as the extension does."""
    for name, value in app_settings.items():
        monkeypatch.setenv(name, value)
    return BlobServiceClient.from_connection_string(app_settings["AzureWebJobsStorage"])


@pytest.fixture
def new_container(storage) -> Callable[[str], ContainerClient]:
    """A client of a container with a name no other test uses; the container isn't created."""

    def make(purpose: str) -> ContainerClient:
        return storage.get_container_client(f"{purpose}-{uuid.uuid4().hex[:12]}")

    return make
