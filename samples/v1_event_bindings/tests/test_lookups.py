"""What the HTTP functions answer for the documents the Cosmos DB input binding found."""

import json

import azure.functions as func
import pytest

from order_flow import lookups

ROUTE = {"customer": "ada", "id": "o-1001"}
ORDER = func.Document.from_dict(
    {"id": "o-1001", "customer": "ada", "total": 42.5, "_rid": "x", "_ts": 1}
)


def test_a_found_order_is_answered_without_cosmos_system_fields():
    response = lookups.order_response(ROUTE, func.DocumentList([ORDER]))

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert json.loads(response.get_body()) == {"id": "o-1001", "customer": "ada", "total": 42.5}


@pytest.mark.parametrize("documents", [None, func.DocumentList(), func.DocumentList([None])])
def test_no_document_is_a_404_naming_the_order(documents):
    response = lookups.order_response(ROUTE, documents)

    assert response.status_code == 404
    assert response.get_body() == b"No order 'o-1001' for customer 'ada'."


@pytest.mark.parametrize("route", [{"customer": "ada", "id": ".."}, {"customer": "", "id": "x"}])
def test_a_route_value_that_cant_be_an_id_is_a_400(route):
    response = lookups.order_response(route, func.DocumentList([ORDER]))

    assert response.status_code == 400
    assert b"must be 1-64 letters" in response.get_body()


def test_the_query_results_are_listed():
    second = func.Document.from_dict({"id": "o-1002", "customer": "ada", "total": 7})

    response = lookups.orders_response({"customer": "ada"}, func.DocumentList([ORDER, second]))

    assert json.loads(response.get_body()) == {
        "customer": "ada",
        "orders": [{"id": "o-1001", "total": 42.5}, {"id": "o-1002", "total": 7}],
    }


@pytest.mark.parametrize("documents", [None, func.DocumentList()])
def test_no_results_is_an_empty_list(documents):
    response = lookups.orders_response({"customer": "grace"}, documents)

    assert response.status_code == 200
    assert json.loads(response.get_body()) == {"customer": "grace", "orders": []}


def test_a_bad_customer_in_the_query_route_is_a_400():
    assert lookups.orders_response({"customer": "a b"}, None).status_code == 400
