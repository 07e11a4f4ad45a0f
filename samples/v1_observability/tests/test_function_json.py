"""Each function.json names bindings that match its entry point's parameters, as the worker
checks when it loads the function."""

from __future__ import annotations

import inspect
import json

import pytest
from entry_points import APP_DIR, FOLDERS, functions


@pytest.mark.parametrize("folder", FOLDERS)
def test_bindings_match_parameters(folder):
    config = json.loads((APP_DIR / folder / "function.json").read_text(encoding="utf-8"))
    bindings = {b["name"] for b in config["bindings"]} - {"$return"}
    parameters = set(inspect.signature(getattr(functions, folder)).parameters) - {"context"}
    assert bindings == parameters
