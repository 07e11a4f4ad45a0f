# --8<-- [start:event-grid-trigger]
import logging

import azure.functions as func

from order_flow import orders


def main(event: func.EventGridEvent, message: func.Out[str]) -> None:
    body = orders.order_message(event)
    if body is None:
        logging.info("Event %s (%s) is not an order: skipped", event.id, event.event_type)
        return
    message.set(body)
    logging.info("Event %s for %s queued as an order", event.id, event.subject)


# --8<-- [end:event-grid-trigger]
