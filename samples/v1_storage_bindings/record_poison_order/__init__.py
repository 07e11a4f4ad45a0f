# --8<-- [start:queue-poison]
import logging

import azure.functions as func


# The blob's path, poison-orders/{id}.txt, takes the message's id from the trigger metadata.
def main(msg: func.QueueMessage, copy: func.Out[bytes]) -> None:
    logging.error("record_poison_order: message %s failed every try", msg.id)
    copy.set(msg.get_body())


# --8<-- [end:queue-poison]
