"""Reads that need the storage SDK, with the connection string from the app settings."""

from __future__ import annotations

import os

from azure.core.exceptions import ResourceNotFoundError
from azure.storage.blob import ContainerClient

# The app setting that holds the connection string; the bindings name the same one.
CONNECTION_SETTING = "AzureWebJobsStorage"
REPORTS_CONTAINER = "reports"


class StorageNotConfigured(RuntimeError):
    """The app setting with the connection string is missing."""


def connection_string() -> str:
    value = os.environ.get(CONNECTION_SETTING)
    if not value:
        raise StorageNotConfigured(f"The app setting {CONNECTION_SETTING} is not set.")
    return value


def report_names(prefix: str = "") -> list[str]:
    """Names of the report blobs, sorted; none while the container doesn't exist yet."""
    with ContainerClient.from_connection_string(
        connection_string(), REPORTS_CONTAINER
    ) as container:
        try:
            return sorted(blob.name for blob in container.list_blobs(name_starts_with=prefix))
        except ResourceNotFoundError:
            return []
