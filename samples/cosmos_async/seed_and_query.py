"""Create products, read them all back, and query them: a script, outside the function app.

Run it against the endpoint in the environment (COSMOS_ENDPOINT and COSMOS_KEY, and
optionally COSMOS_DATABASE and COSMOS_CONTAINER, the same settings as the app's):

    python seed_and_query.py

It fills the container the app reads, so the functions have something to show.
"""

# --8<-- [start:script]
import asyncio
import os
import sys

from azure.cosmos import PartitionKey
from azure.cosmos.aio import ContainerProxy, CosmosClient

# Every item carries its partition key value: the container is partitioned on /category.
PRODUCTS = [
    {"id": "widget-1", "category": "widgets", "name": "Widget Mini", "price": 4.5},
    {"id": "widget-2", "category": "widgets", "name": "Widget Standard", "price": 9.0},
    {"id": "widget-3", "category": "widgets", "name": "Widget Pro", "price": 19.5},
    {"id": "hammer-1", "category": "tools", "name": "Hammer", "price": 12.5},
    {"id": "saw-1", "category": "tools", "name": "Saw", "price": 20.0},
]


async def create_products(container: ContainerProxy) -> None:
    for product in PRODUCTS:
        await container.upsert_item(product)  # upsert: running the script twice is fine


async def read_all_products(container: ContainerProxy) -> list[dict]:
    return [item async for item in container.read_all_items()]


async def query_products(container: ContainerProxy, category: str, max_price: float) -> list[dict]:
    # The values are parameters, not text pasted into the query.
    query = (
        "SELECT c.id, c.name, c.price FROM c"
        " WHERE c.category = @category AND c.price <= @max_price ORDER BY c.price"
    )
    parameters = [
        {"name": "@category", "value": category},
        {"name": "@max_price", "value": max_price},
    ]
    items = container.query_items(query, parameters=parameters, partition_key=category)
    return [item async for item in items]


async def main() -> None:
    endpoint, key = os.environ["COSMOS_ENDPOINT"], os.environ["COSMOS_KEY"]
    # "async with" closes the client, and its connections, when the block ends.
    async with CosmosClient(endpoint, credential=key) as client:
        database = await client.create_database_if_not_exists(
            os.environ.get("COSMOS_DATABASE", "catalog")
        )
        container = await database.create_container_if_not_exists(
            id=os.environ.get("COSMOS_CONTAINER", "products"),
            partition_key=PartitionKey(path="/category"),
        )
        await create_products(container)
        everything = await read_all_products(container)
        print(f"All products: {len(everything)}")
        cheap_widgets = await query_products(container, "widgets", max_price=10)
        print(f"Widgets up to 10: {', '.join(item['name'] for item in cheap_widgets)}")


if __name__ == "__main__":
    if not (os.environ.get("COSMOS_ENDPOINT") and os.environ.get("COSMOS_KEY")):
        sys.exit("Set COSMOS_ENDPOINT and COSMOS_KEY first (see README.md).")
    asyncio.run(main())
# --8<-- [end:script]
