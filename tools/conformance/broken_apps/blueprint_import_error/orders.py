"""A blueprint whose import is wrong: shared_code.pricing has no apply_discount."""

import azure.functions as func

# --8<-- [start:blueprint-bad-import]
from shared_code.pricing import apply_discount

# --8<-- [end:blueprint-bad-import]

bp = func.Blueprint()


@bp.route(route="orders/{total}")
def order_total(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(str(apply_discount(int(req.route_params["total"]))))
