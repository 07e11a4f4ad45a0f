# --8<-- [start:queue-process-order]
import logging

import azure.functions as func

from shared_code import orders


def main(msg: func.QueueMessage, accepted: func.Out[str], row: func.Out[str]) -> None:
    logging.info("process_order: message %s, dequeue count %s", msg.id, msg.dequeue_count)
    # An exception makes the host retry the message; after maxDequeueCount tries
    # (host.json) it moves the message to the poison queue, orders-poison.
    order = orders.parse_order(msg.get_body())
    row.set(order.to_table_row())
    accepted.set(order.to_message())


# --8<-- [end:queue-process-order]
