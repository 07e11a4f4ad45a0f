# --8<-- [start:event-hub-output]
import typing

import azure.functions as func

from order_flow import readings


def main(
    req: func.HttpRequest,
    # The worker accepts typing.List[str] here and refuses list[str].
    events: func.Out[typing.List[str]],  # noqa: UP006
) -> func.HttpResponse:
    try:
        batch = readings.reading_events(req.get_body())
    except readings.InvalidReadings as error:
        return func.HttpResponse(f"{error}.", status_code=400)
    events.set(batch)  # a list: one event per element
    return func.HttpResponse(f"{len(batch)} event(s) sent.", status_code=202)


# --8<-- [end:event-hub-output]
