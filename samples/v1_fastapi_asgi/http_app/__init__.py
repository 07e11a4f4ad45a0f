"""The one function of the app: it hands every request to the FastAPI app."""

# --8<-- [start:v1-asgi-main]
import asyncio

import azure.functions as func

from books_api import create_app

# Created once, when the worker loads the function: the middleware keeps the state the
# lifespan hook yields, and every request reuses it.
middleware = func.AsgiMiddleware(create_app())
startup_lock = asyncio.Lock()
started = False


async def main(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    await start_app_once()
    return await middleware.handle_async(req, context)


async def start_app_once() -> None:
    """Run the lifespan hook's start-up before the first request, as AsgiFunctionApp does."""
    global started
    async with startup_lock:
        if not started:
            if not await middleware.notify_startup():
                raise RuntimeError("The FastAPI app failed to start: see the log.")
            started = True


# --8<-- [end:v1-asgi-main]
