"""Broken on purpose (E01, not HTTP): the queue trigger is bound as "msg", the parameter "message".

The worker refuses to index the app: a binding's arg_name must name a parameter of the
function, whatever the trigger, not only on HTTP functions.
"""

import logging

import azure.functions as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def ship_order(message: func.QueueMessage) -> None:
    logging.info("shipping %s", message.get_body().decode())
