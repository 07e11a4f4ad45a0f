# --8<-- [start:v1-catalogue]
import json

import azure.functions as func

from observability_kit import catalogue


def main(req: func.HttpRequest) -> func.HttpResponse:
    name = req.route_params.get("name", "")
    item = catalogue.load_catalogue().get(name)
    if item is None:
        return func.HttpResponse(f"No item named {name!r}.", status_code=404)
    body = {**item, "lookups_in_this_process": catalogue.count_lookup(name)}
    return func.HttpResponse(json.dumps(body), mimetype="application/json")


# --8<-- [end:v1-catalogue]
