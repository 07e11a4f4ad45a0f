# --8<-- [start:v1-sleep-async]
import asyncio

import azure.functions as func

from startup import bad_sleep, sleep_seconds


async def main(req: func.HttpRequest) -> func.HttpResponse:
    if (seconds := sleep_seconds(req)) is None:
        return bad_sleep()
    await asyncio.sleep(seconds)  # waits without holding the event loop
    return func.HttpResponse("slept (async)")


# --8<-- [end:v1-sleep-async]
