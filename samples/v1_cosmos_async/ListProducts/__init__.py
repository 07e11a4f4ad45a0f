"""ListProducts: GET /api/products (function.json)."""

# --8<-- [start:v1-list-products]
import azure.functions as func

import database
import products
from answers import MAX_RESULTS, database_error, json_response


async def main(req: func.HttpRequest) -> func.HttpResponse:
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


# --8<-- [end:v1-list-products]
