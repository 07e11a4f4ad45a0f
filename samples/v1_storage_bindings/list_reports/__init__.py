# --8<-- [start:http-sdk-list]
import json

import azure.functions as func

from shared_code import storage


def main(req: func.HttpRequest) -> func.HttpResponse:
    # No binding lists blobs: the storage SDK does, with the same app setting.
    try:
        names = storage.report_names(prefix=req.params.get("prefix", ""))
    except storage.StorageNotConfigured as error:
        return func.HttpResponse(str(error), status_code=503)
    return func.HttpResponse(json.dumps({"reports": names}), mimetype="application/json")


# --8<-- [end:http-sdk-list]
