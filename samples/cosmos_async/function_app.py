"""Products in Cosmos DB through the async azure-cosmos client: create, read, list and query."""

# --8<-- [start:app]
import json
import logging
from typing import Any

import azure.functions as func
from azure.cosmos import exceptions

import database
import products

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
# --8<-- [end:app]

# The most items one answer holds; a real API would page with continuation tokens.
MAX_RESULTS = 100


def json_response(body: Any, status_code: int = 200) -> func.HttpResponse:
    return func.HttpResponse(json.dumps(body), status_code=status_code, mimetype="application/json")


def error_response(status_code: int, message: str) -> func.HttpResponse:
    return json_response({"error": message}, status_code)


# --8<-- [start:database-error]
def database_error(error: database.DatabaseError) -> func.HttpResponse:
    """400 if Cosmos DB refused the request; else 503, and a hint to retry: the caller did
    nothing wrong, the database is away."""
    if isinstance(error, database.RequestRefused):
        return error_response(400, str(error))
    logging.warning("Answering 503: %s", error, exc_info=error)
    response = error_response(503, f"{error} Try again in a few seconds.")
    response.headers["Retry-After"] = "5"
    return response


# --8<-- [end:database-error]


# --8<-- [start:create-product]
@app.function_name(name="CreateProduct")
@app.route(route="products", methods=["POST"])
async def create_product(req: func.HttpRequest) -> func.HttpResponse:
    try:
        body = req.get_json()
    except ValueError:
        return error_response(400, "The body must be JSON.")
    except RecursionError:  # nested deeper than the parser's recursion limit
        return error_response(400, "The body is JSON nested too deeply.")
    try:
        product = products.parse_product(body)
    except products.InvalidProduct as error:
        return error_response(400, str(error))
    try:
        created = await database.run(lambda container: container.create_item(product))
    except exceptions.CosmosResourceExistsError:
        return error_response(
            409,
            f"Category {product['category']!r} already has a product with id {product['id']!r}.",
        )
    except database.DatabaseError as error:
        return database_error(error)
    return json_response(products.public_view(created), status_code=201)


# --8<-- [end:create-product]


# --8<-- [start:read-product]
@app.function_name(name="ReadProduct")
@app.route(route="products/{category}/{id}", methods=["GET"])
async def read_product(req: func.HttpRequest) -> func.HttpResponse:
    category, product_id = req.route_params["category"], req.route_params["id"]
    # Checked before they reach a URL or a header: '..' would read the container itself.
    problem = products.key_problem("category", category) or products.key_problem("id", product_id)
    if problem:
        return error_response(400, problem)
    try:
        # A point read: the id and the partition key find the item without a query.
        item = await database.run(
            lambda container: container.read_item(item=product_id, partition_key=category),
            point_read=True,
        )
    except exceptions.CosmosResourceNotFoundError:
        return error_response(404, f"No product with id {product_id!r} in category {category!r}.")
    except database.DatabaseError as error:
        return database_error(error)
    return json_response(products.public_view(item))


# --8<-- [end:read-product]


# --8<-- [start:list-products]
@app.function_name(name="ListProducts")
@app.route(route="products", methods=["GET"])
async def list_products(req: func.HttpRequest) -> func.HttpResponse:
    try:
        # Reads every partition: fine for a small container, costly for a big one.
        items = await database.run(
            lambda container: database.collect(
                container.read_all_items(max_item_count=MAX_RESULTS), limit=MAX_RESULTS
            )
        )
    except database.DatabaseError as error:
        return database_error(error)
    return json_response([products.public_view(item) for item in items])


# --8<-- [end:list-products]


# --8<-- [start:query-products]
# Fixed query texts: a value from the request reaches Cosmos DB only as a @parameter.
# Each names the partition key in WHERE, although partition_key= already limits the query
# to one partition: the local test server needs that (see README.md), Cosmos DB doesn't mind.
IN_CATEGORY = "SELECT * FROM c WHERE c.category = @category ORDER BY c.name"
IN_CATEGORY_WITH_NAME = "SELECT * FROM c WHERE c.category = @category AND c.name = @name"


@app.function_name(name="QueryProducts")
@app.route(route="products/search", methods=["GET"])
async def query_products(req: func.HttpRequest) -> func.HttpResponse:
    category, name = req.params.get("category"), req.params.get("name")
    if not category:
        return error_response(400, "Pass the category to search: ?category=tools, and &name=...")
    problem = products.key_problem("category", category)
    if problem or (name and len(name) > products.MAX_TEXT_LENGTH):
        return error_response(
            400, problem or f"'name' must be at most {products.MAX_TEXT_LENGTH} characters long."
        )
    parameters = [{"name": "@category", "value": category}]
    query = IN_CATEGORY
    if name:
        parameters.append({"name": "@name", "value": name})
        query = IN_CATEGORY_WITH_NAME
    try:
        items = await database.run(
            lambda container: database.collect(
                container.query_items(
                    query, parameters=parameters, partition_key=category, max_item_count=MAX_RESULTS
                ),
                limit=MAX_RESULTS,
            )
        )
    except database.DatabaseError as error:
        return database_error(error)
    return json_response([products.public_view(item) for item in items])


# --8<-- [end:query-products]
