"""The app's functions as the host finds them: name -> (Python function, bindings).

A v1 app has one folder per function; its function.json holds the bindings, and the
worker calls main() in the folder's __init__.py.
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Callable
from pathlib import Path

APP_ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def functions() -> dict[str, tuple[Callable, list[dict]]]:
    found = {}
    for path in sorted(APP_ROOT.glob("*/function.json")):
        bindings = json.loads(path.read_text(encoding="utf-8"))["bindings"]
        found[path.parent.name] = (importlib.import_module(path.parent.name).main, bindings)
    return found
