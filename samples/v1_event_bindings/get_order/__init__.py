# --8<-- [start:cosmos-input-by-id]
import azure.functions as func

from order_flow import lookups


def main(req: func.HttpRequest, documents: func.DocumentList) -> func.HttpResponse:
    return lookups.order_response(req.route_params, documents)


# --8<-- [end:cosmos-input-by-id]
