"""HTTP answers for what the Cosmos DB input binding found."""

from __future__ import annotations

import json

import azure.functions as func

from order_flow.orders import is_name

# --8<-- [start:order-response]
JSON = "application/json"


def bad_names(route_params: dict[str, str]) -> func.HttpResponse | None:
    """A 400 naming the first route value that can't be a Cosmos DB id or key."""
    for key, value in route_params.items():
        if not is_name(value):
            return func.HttpResponse(
                f"'{key}' must be 1-64 letters, digits, '_', '.' or '-'.", status_code=400
            )
    return None


def order_response(route_params: dict[str, str], documents: func.DocumentList | None):
    """The order the binding read, or 404 when the host passed no document."""
    problem = bad_names(route_params)
    if problem is not None:
        return problem
    # No document: the host sends no data (None), or a list holding None.
    if not documents or documents[0] is None:
        return func.HttpResponse(
            f"No order {route_params['id']!r} for customer {route_params['customer']!r}.",
            status_code=404,
        )
    order = documents[0]
    return func.HttpResponse(
        json.dumps({key: order.get(key) for key in ("id", "customer", "total")}),
        mimetype=JSON,
    )


# --8<-- [end:order-response]


# --8<-- [start:orders-response]
def orders_response(route_params: dict[str, str], documents: func.DocumentList | None):
    """The customer's orders the query returned; an empty list when there are none."""
    problem = bad_names(route_params)
    if problem is not None:
        return problem
    orders = [{"id": doc.get("id"), "total": doc.get("total")} for doc in documents or [] if doc]
    return func.HttpResponse(
        json.dumps({"customer": route_params["customer"], "orders": orders}), mimetype=JSON
    )


# --8<-- [end:orders-response]
