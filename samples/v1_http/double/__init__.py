# --8<-- [start:double-value]
import azure.functions as func

# Absolute import: the app root (the folder holding host.json) is on sys.path.
from shared_code import arithmetic


def main(req: func.HttpRequest) -> func.HttpResponse:
    raw_value = req.params.get("value")
    if raw_value is None:
        return func.HttpResponse(
            "Pass an integer in the 'value' query parameter, for example ?value=21.",
            status_code=400,
        )
    try:
        value = int(raw_value)
    except ValueError:
        return func.HttpResponse(
            f"The 'value' query parameter must be an integer, not {raw_value!r}.",
            status_code=400,
        )
    return func.HttpResponse(f"{value} * 2 = {arithmetic.double(value)}")


# --8<-- [end:double-value]
