"""A v1 function, in a folder of a v2 app: the worker never loads it."""

import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("orders")
