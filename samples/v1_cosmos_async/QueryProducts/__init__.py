"""QueryProducts: GET /api/products/search?category=...&name=... (function.json)."""

# --8<-- [start:v1-query-products]
import azure.functions as func

import database
import products
from answers import MAX_RESULTS, database_error, error_response, json_response

# Fixed query texts: a value from the request reaches Cosmos DB only as a @parameter.
# Each names the partition key in WHERE, although partition_key= already limits the query
# to one partition: the local test server needs that (see README.md), Cosmos DB doesn't mind.
IN_CATEGORY = "SELECT * FROM c WHERE c.category = @category ORDER BY c.name"
IN_CATEGORY_WITH_NAME = "SELECT * FROM c WHERE c.category = @category AND c.name = @name"


async def main(req: func.HttpRequest) -> func.HttpResponse:
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


# --8<-- [end:v1-query-products]
