# --8<-- [start:v1-sleep-sync]
import time

import azure.functions as func

from startup import bad_sleep, sleep_seconds


def main(req: func.HttpRequest) -> func.HttpResponse:
    if (seconds := sleep_seconds(req)) is None:
        return bad_sleep()
    time.sleep(seconds)  # blocks one thread of the worker's pool, not the event loop
    return func.HttpResponse("slept (sync)")


# --8<-- [end:v1-sleep-sync]
