"""Entry point of the function app: the worker indexes this module and nothing else."""

# --8<-- [start:app]
import azure.functions as func

from greetings import bp as greetings_bp
from shared_code import arithmetic

# Every HTTP function needs a function key in Azure unless it sets its own auth level.
app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
app.register_functions(greetings_bp)
# --8<-- [end:app]


# --8<-- [start:double-value]
MAX_DIGITS = 100


@app.function_name(name="DoubleValue")
@app.route(route="double", methods=["GET"])
def double_value(req: func.HttpRequest) -> func.HttpResponse:
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
