# --8<-- [start:double-value]
import azure.functions as func

# Absolute import: the app root (the folder holding host.json) is on sys.path.
from shared_code import arithmetic

MAX_DIGITS = 100


def main(req: func.HttpRequest) -> func.HttpResponse:
    raw_value = req.params.get("value")
    if raw_value is None:
        return func.HttpResponse(
            "Pass an integer in the 'value' query parameter, for example ?value=21.",
            status_code=400,
        )
    # Python refuses to convert integers of more than 4300 digits (to or from text):
    # set a smaller limit of your own and say so, rather than fail on the reply.
    if len(raw_value) > MAX_DIGITS:
        return func.HttpResponse(
            f"The 'value' query parameter may have at most {MAX_DIGITS} characters.",
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
