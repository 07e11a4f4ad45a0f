"""The Cosmos DB container the functions use: one client per worker process, made on first use."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterable, Awaitable, Callable
from typing import Any, TypeVar

from azure.core.exceptions import ServiceRequestError, ServiceResponseError
from azure.cosmos import PartitionKey, exceptions
from azure.cosmos.aio import ContainerProxy, CosmosClient

T = TypeVar("T")

PARTITION_KEY_PATH = "/category"


class DatabaseError(Exception):
    """Cosmos DB didn't do what the function asked, for a reason other than 404 or 409."""


class DatabaseUnavailable(DatabaseError):
    """Cosmos DB didn't answer in time, couldn't be reached, or can't serve now: retry later."""


class RequestRefused(DatabaseError):
    """Cosmos DB refused the request (400, 413, 431...): sending it again won't help."""


def setting(name: str, default: str | None = None) -> str:
    """An app setting: local.settings.json on your machine, application settings in Azure."""
    value = os.environ.get(name, default)
    if not value:
        raise RuntimeError(f"The app setting {name} is missing: see local.settings.json.")
    return value


def time_limit() -> float:
    """Seconds one function may wait for the database before it answers 503."""
    return float(setting("COSMOS_TIMEOUT_SECONDS", "10"))


# Module globals live as long as the worker process, across invocations.
_client: CosmosClient | None = None
_container: ContainerProxy | None = None
_lock = asyncio.Lock()


async def get_container() -> ContainerProxy:
    """The container, created with its database if missing, on the first call only."""
    global _client, _container
    if _container is None:
        async with _lock:  # concurrent first invocations wait for one client
            if _container is None:
                client = CosmosClient(setting("COSMOS_ENDPOINT"), credential=setting("COSMOS_KEY"))
                try:
                    database = await client.create_database_if_not_exists(
                        setting("COSMOS_DATABASE", "catalog")
                    )
                    container = await database.create_container_if_not_exists(
                        id=setting("COSMOS_CONTAINER", "products"),
                        partition_key=PartitionKey(path=PARTITION_KEY_PATH),
                    )
                except BaseException:
                    # Cache nothing: the next invocation tries again with a new client.
                    await client.close()
                    raise
                _client, _container = client, container
    return _container


async def close() -> None:
    """Close the client and forget it; the next get_container() makes a new one."""
    global _client, _container
    client, _client, _container = _client, None, None
    if client is not None:
        await client.close()


async def run(operation: Callable[[ContainerProxy], Awaitable[T]], point_read: bool = False) -> T:
    """Run operation(container), or raise DatabaseUnavailable once the time limit is up.

    Cosmos DB's 409, and the 404 of a point read (no such item), pass through for the
    function to answer; any other 404 means the container is gone. Any other 4xx becomes
    RequestRefused, and 401, 403, 429 and 5xx become DatabaseUnavailable.

    The SDK retries a connection that fails or hangs, for longer than an HTTP caller
    should wait: asyncio.wait_for puts one bound on the whole call, first connection
    and retries included.
    """

    async def attempt() -> T:
        return await operation(await get_container())

    try:
        return await asyncio.wait_for(attempt(), timeout=time_limit())
    except asyncio.TimeoutError as error:
        raise DatabaseUnavailable("Cosmos DB didn't answer in time.") from error
    except (ServiceRequestError, ServiceResponseError) as error:
        raise DatabaseUnavailable("Cosmos DB can't be reached.") from error
    except exceptions.CosmosResourceNotFoundError as error:
        if point_read:
            raise  # no such item: the function answers 404
        # The container or its database was deleted: forget the client, so that the next
        # call creates them again.
        await close()
        raise DatabaseUnavailable("The Cosmos DB container is missing.") from error
    except exceptions.CosmosHttpResponseError as error:
        status = error.status_code
        if status == 409:
            raise  # the function answers it itself
        if status in (401, 403, 429) or status is None or status >= 500:
            # Throttled, failing, or refusing the app's key: nothing the caller can fix.
            raise DatabaseUnavailable(f"Cosmos DB is unavailable ({status}).") from error
        raise RequestRefused(f"Cosmos DB refused the request: {status} {error.reason}.") from error


async def collect(items: AsyncIterable[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """Read up to `limit` items from a query or feed that the SDK pages through."""
    found = []
    async for item in items:
        found.append(item)
        if len(found) >= limit:
            break
    return found
