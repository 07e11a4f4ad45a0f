"""What the worker sends the host for each function: binding types, settings, expressions."""

import json
from pathlib import Path

import pytest
from indexed import BINDINGS


@pytest.fixture
def bindings():
    return BINDINGS


def test_connections_name_app_settings_never_secrets(bindings):
    connections = {
        b["connection"] for fn in bindings.values() for b in fn.values() if "connection" in b
    }

    assert connections == {"ServiceBusConnection", "EventHubConnection", "CosmosDbConnection"}
    settings = json.loads(Path("local.settings.json").read_text(encoding="utf-8"))["Values"]
    assert connections <= set(settings)


def test_the_trigger_types(bindings):
    assert bindings["order_placed"]["event"]["type"] == "eventGridTrigger"
    assert bindings["process_order"]["msg"]["type"] == "serviceBusTrigger"
    assert bindings["process_order"]["msg"]["queueName"] == "orders"
    assert bindings["order_placed"]["message"]["queueName"] == "orders"


def test_outputs(bindings):
    assert bindings["process_order"]["order"]["type"] == "cosmosDB"
    assert bindings["process_order"]["rejected"]["queueName"] == "orders-rejected"
    assert bindings["publish_readings"]["events"]["type"] == "eventHub"
    assert bindings["publish_readings"]["events"]["eventHubName"] == "readings"


def test_the_cosmos_inputs_read_the_route_through_binding_expressions(bindings):
    by_id = bindings["get_order"]["documents"]
    assert (by_id["type"], by_id["direction"].lower()) == ("cosmosDB", "in")
    assert (by_id["id"], by_id["partitionKey"]) == ("{id}", "{customer}")
    query = bindings["list_orders"]["documents"]
    assert query["sqlQuery"] == "SELECT * FROM c WHERE c.customer = {customer} ORDER BY c.id"
