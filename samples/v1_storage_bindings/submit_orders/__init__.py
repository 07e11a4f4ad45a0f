# --8<-- [start:http-queue-many]
import json
import typing

import azure.functions as func

from shared_code import orders


# typing.List[str], not list[str]: the worker refuses Out[list[str]] when it loads the app.
def main(req: func.HttpRequest, msgs: func.Out[typing.List[str]]) -> func.HttpResponse:  # noqa: UP006
    try:
        batch = orders.parse_batch(req.get_body())
    except orders.InvalidOrder as error:
        return func.HttpResponse(str(error), status_code=400)
    # One set() call with a list: each string becomes one message.
    msgs.set([order.to_message() for order in batch])
    return func.HttpResponse(
        json.dumps({"queued": [order.order_id for order in batch]}),
        status_code=202,
        mimetype="application/json",
    )


# --8<-- [end:http-queue-many]
