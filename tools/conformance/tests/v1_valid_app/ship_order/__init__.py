import json
import logging

import azure.functions as func


def main(msg: func.QueueMessage, shipped: func.Out[str]) -> None:
    order = msg.get_json()
    logging.info("order %s, attempt %s", msg.id, msg.dequeue_count)
    shipped.set(json.dumps({"order": msg.id, "item": order["item"], "attempt": msg.dequeue_count}))
