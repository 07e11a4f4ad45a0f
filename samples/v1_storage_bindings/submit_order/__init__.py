# --8<-- [start:http-queue-output]
import json

import azure.functions as func

from shared_code import orders


def main(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    try:
        order = orders.parse_order(req.get_body())
    except orders.InvalidOrder as error:
        return func.HttpResponse(str(error), status_code=400)
    msg.set(order.to_message())
    # The return value is the HTTP response ($return); the queue gets what msg holds.
    return func.HttpResponse(
        json.dumps({"queued": order.order_id}), status_code=202, mimetype="application/json"
    )


# --8<-- [end:http-queue-output]
