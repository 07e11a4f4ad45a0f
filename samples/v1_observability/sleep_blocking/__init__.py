# --8<-- [start:v1-sleep-blocking]
import time

import azure.functions as func

from startup import bad_sleep, sleep_seconds


async def main(req: func.HttpRequest) -> func.HttpResponse:
    if (seconds := sleep_seconds(req)) is None:
        return bad_sleep()
    time.sleep(seconds)  # wrong: blocks the event loop, and every invocation waits
    return func.HttpResponse("slept (blocking the event loop)")


# --8<-- [end:v1-sleep-blocking]
