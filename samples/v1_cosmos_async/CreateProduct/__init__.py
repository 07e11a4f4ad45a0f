"""CreateProduct: POST /api/products (function.json)."""

# --8<-- [start:v1-imports]
import azure.functions as func
from azure.cosmos import exceptions

import database
import products
from answers import database_error, error_response, json_response

# --8<-- [end:v1-imports]


# --8<-- [start:v1-create-product]
async def main(req: func.HttpRequest) -> func.HttpResponse:
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


# --8<-- [end:v1-create-product]
