"""Broken on purpose: function.json declares a "msg" queue output that main() has no parameter for.

The worker refuses to load the function: every binding but $return must be a parameter.
"""

import azure.functions as func


def main(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("accepted", status_code=202)
