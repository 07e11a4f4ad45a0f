# --8<-- [start:service-bus-trigger]
import logging

import azure.functions as func

from order_flow import orders


def main(
    msg: func.ServiceBusMessage, order: func.Out[func.Document], rejected: func.Out[str]
) -> None:
    try:
        document = orders.order_document(msg)
    except orders.InvalidOrder as error:
        # A bad body fails the same way on every delivery: park it with the reason and let
        # the message complete, instead of raising and using up the retries.
        logging.error("Message %s rejected: %s", msg.message_id, error)
        rejected.set(orders.rejection(msg, str(error)))
        return
    order.set(document)
    logging.info(
        "Order %s stored (message %s, delivery %s)",
        document["id"],
        msg.message_id,
        msg.delivery_count,
    )


# --8<-- [end:service-bus-trigger]
