# --8<-- [start:http-blob-input]
import azure.functions as func


# {name} in the blob's path comes from the route: it resolves on every matching request.
def main(req: func.HttpRequest, report: str) -> func.HttpResponse:
    name = req.route_params["name"]
    if report is None:  # the blob doesn't exist
        return func.HttpResponse(f"No report for {name!r}.", status_code=404)
    return func.HttpResponse(report, mimetype="application/json")


# --8<-- [end:http-blob-input]
