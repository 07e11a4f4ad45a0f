"""The app's functions as the worker indexes them: name -> (Python function, bindings).

The v2 app's bindings come from its decorators; FunctionApp.get_functions() may run only
once per app object, hence the cache.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

import function_app


@functools.cache
def functions() -> dict[str, tuple[Callable, list[dict]]]:
    found = {}
    for function in function_app.app.get_functions():
        bindings = json.loads(function.get_function_json())["bindings"]
        # As in a function.json: directions in lower case.
        bindings = [b | {"direction": b["direction"].lower()} for b in bindings]
        found[function.get_function_name()] = (function.get_user_function(), bindings)
    return found
