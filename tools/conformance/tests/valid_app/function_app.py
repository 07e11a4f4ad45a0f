"""A well-formed app for the harness's own tests: an HTTP trigger that writes a queue message."""

import azure.functions as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="orders/{customer}", methods=["POST"])
@app.queue_output(arg_name="message", queue_name="orders", connection="AzureWebJobsStorage")
def place_order(req: func.HttpRequest, message: func.Out[str]) -> func.HttpResponse:
    message.set(f"{req.route_params['customer']}: {req.get_body().decode()}")
    return func.HttpResponse("queued", status_code=202)


@app.timer_trigger(schedule="0 0 * * * *", arg_name="timer", run_on_startup=False)
def hourly(timer: func.TimerRequest) -> None:
    pass
