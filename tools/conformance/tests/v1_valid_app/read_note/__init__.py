import azure.functions as func


def main(req: func.HttpRequest, note: str) -> func.HttpResponse:
    # The worker refuses `str | None` as the annotation; the value is None all the same when
    # the blob doesn't exist.
    if note is None:
        return func.HttpResponse("No such note.", status_code=404)
    return func.HttpResponse(note)
