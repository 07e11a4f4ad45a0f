"""The app as the host reads it: each function folder's function.json and its entry point."""

import importlib
import json
from pathlib import Path

APP_ROOT = Path(__file__).resolve().parent.parent
FOLDERS = sorted(p.parent for p in APP_ROOT.glob("*/function.json"))

BINDINGS = {
    folder.name: {
        binding["name"]: binding
        for binding in json.loads((folder / "function.json").read_text(encoding="utf-8"))[
            "bindings"
        ]
    }
    for folder in FOLDERS
}
# Every function here uses the defaults: scriptFile __init__.py, entryPoint main.
FUNCTIONS = {folder.name: importlib.import_module(folder.name).main for folder in FOLDERS}
