import json

import azure.functions as func


def main(req: func.HttpRequest, message: func.Out[str]) -> func.HttpResponse:
    message.set(f"{req.route_params['customer']}: {req.get_body().decode()}")
    return func.HttpResponse(
        json.dumps({"queued": True}), status_code=202, mimetype="application/json"
    )
