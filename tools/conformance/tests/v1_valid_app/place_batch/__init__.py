import typing

import azure.functions as func


def main(
    req: func.HttpRequest,
    messages: func.Out[typing.List[str]],  # noqa: UP006
) -> func.HttpResponse:
    items = req.get_json()
    messages.set([f"order {item}" for item in items])
    return func.HttpResponse(f"{len(items)} queued")
