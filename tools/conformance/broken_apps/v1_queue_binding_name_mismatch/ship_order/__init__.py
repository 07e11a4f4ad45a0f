"""Broken on purpose (E01, not HTTP): function.json names the queue trigger "msg", main() "message".

The worker refuses to load the function: each binding's "name" must be a parameter of main(),
for a queue trigger as for an HTTP one.
"""

import logging

import azure.functions as func


def main(message: func.QueueMessage) -> None:
    logging.info("shipping %s", message.get_body().decode())
