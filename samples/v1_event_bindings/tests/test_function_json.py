"""Each function.json matches its entry point, names app settings, and reads the route."""

import inspect
import json

import pytest
from indexed import APP_ROOT, BINDINGS, FUNCTIONS


def test_every_function_folder_is_found():
    assert sorted(BINDINGS) == [
        "get_order",
        "list_orders",
        "order_placed",
        "process_order",
        "publish_readings",
    ]


@pytest.mark.parametrize("name", sorted(BINDINGS))
def test_binding_names_match_parameters(name):
    # The worker refuses to load a function whose binding names and parameters differ.
    names = {n for n in BINDINGS[name] if n != "$return"}

    assert names == set(inspect.signature(FUNCTIONS[name]).parameters)


def test_connections_name_app_settings_never_secrets():
    connections = {
        b["connection"] for fn in BINDINGS.values() for b in fn.values() if "connection" in b
    }

    assert connections == {"ServiceBusConnection", "EventHubConnection", "CosmosDbConnection"}
    settings = json.loads((APP_ROOT / "local.settings.json").read_text(encoding="utf-8"))
    assert connections <= set(settings["Values"])


def test_the_cosmos_inputs_read_the_route_through_binding_expressions():
    by_id = BINDINGS["get_order"]["documents"]
    assert (by_id["id"], by_id["partitionKey"]) == ("{id}", "{customer}")
    query = BINDINGS["list_orders"]["documents"]
    assert query["sqlQuery"] == "SELECT * FROM c WHERE c.customer = {customer} ORDER BY c.id"
