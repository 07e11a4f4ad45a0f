"""Each function.json points at a Python function whose parameters match its bindings.

The worker refuses to load a function whose binding names and parameters differ;
these tests catch that before a deployment does.
"""

import importlib
import inspect
import json
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parent.parent
FUNCTION_FOLDERS = sorted(p.parent for p in APP_ROOT.glob("*/function.json"))


def load_entry_point(folder: Path):
    config = json.loads((folder / "function.json").read_text())
    script = Path(config.get("scriptFile", "__init__.py"))
    module_name = folder.name if script.stem == "__init__" else f"{folder.name}.{script.stem}"
    module = importlib.import_module(module_name)
    return config, getattr(module, config.get("entryPoint", "main"))


def test_every_function_folder_is_found():
    assert [p.name for p in FUNCTION_FOLDERS] == ["double", "hello", "hello_route"]


@pytest.mark.parametrize("folder", FUNCTION_FOLDERS, ids=lambda p: p.name)
def test_binding_names_match_parameters(folder):
    config, entry_point = load_entry_point(folder)

    binding_names = {b["name"] for b in config["bindings"] if b["name"] != "$return"}

    assert binding_names == set(inspect.signature(entry_point).parameters)


@pytest.mark.parametrize("folder", FUNCTION_FOLDERS, ids=lambda p: p.name)
def test_http_functions_return_through_dollar_return(folder):
    config, _ = load_entry_point(folder)

    outputs = [b for b in config["bindings"] if b["direction"] == "out"]

    assert outputs == [{"type": "http", "direction": "out", "name": "$return"}]
