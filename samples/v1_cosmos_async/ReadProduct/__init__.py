"""ReadProduct: GET /api/products/{category}/{id} (function.json)."""

# --8<-- [start:v1-read-product]
import azure.functions as func
from azure.cosmos import exceptions

import database
import products
from answers import database_error, error_response, json_response


async def main(req: func.HttpRequest) -> func.HttpResponse:
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


# --8<-- [end:v1-read-product]
