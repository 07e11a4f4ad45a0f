"""The app as the worker indexes it: each function's bindings by name, as sent to the host.

app.get_functions() may be called once per app object, so every test module reads this one.
"""

import json

import function_app

BINDINGS = {
    function.get_function_name(): {
        binding["name"]: binding for binding in json.loads(function.get_function_json())["bindings"]
    }
    for function in function_app.app.get_functions()
}
