"""app_environment(): fails with directions when Node.js is missing, leaves nothing behind."""

import os
import socket
from urllib.parse import urlsplit

import app_environment as environment
import pytest
from azure.cosmos import CosmosClient, exceptions


def test_without_node_the_error_says_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.delenv("COSMOS_ENDPOINT", raising=False)
    monkeypatch.delenv("COSMOS_KEY", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder with no node and no npm

    with pytest.raises(environment.EnvironmentUnavailable) as raised, environment.app_environment():
        pass

    message = str(raised.value)
    assert "Node.js" in message
    assert "https://nodejs.org/" in message
    assert "COSMOS_ENDPOINT" in message


def test_half_the_settings_is_an_error(monkeypatch):
    monkeypatch.setenv("COSMOS_ENDPOINT", "https://localhost:8081/")
    monkeypatch.delenv("COSMOS_KEY", raising=False)

    with (
        pytest.raises(environment.EnvironmentUnavailable, match="COSMOS_KEY"),
        environment.app_environment(),
    ):
        pass


def test_nothing_is_left_behind_on_exit():
    local_server = not os.environ.get("COSMOS_ENDPOINT")
    with environment.app_environment() as settings:
        endpoint, key = settings["COSMOS_ENDPOINT"], settings["COSMOS_KEY"]
        with CosmosClient(endpoint, credential=key) as client:
            client.create_database_if_not_exists(settings["COSMOS_DATABASE"])

    if local_server:
        # The local server is stopped: its port refuses connections.
        address = urlsplit(endpoint)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((address.hostname, address.port), timeout=5).close()
    elif not os.environ.get("COSMOS_DATABASE"):
        # An emulator or account keeps running, without the database made for the tests.
        with (
            CosmosClient(endpoint, credential=key) as client,
            pytest.raises(exceptions.CosmosResourceNotFoundError),
        ):
            client.get_database_client(settings["COSMOS_DATABASE"]).read()
