"""Each function's entry point (main in <folder>/__init__.py), by folder name, as the worker
loads them: the app root on sys.path, each folder a package."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import SimpleNamespace

APP_DIR = Path(__file__).resolve().parent.parent
FOLDERS = sorted(p.parent.name for p in APP_DIR.glob("*/function.json"))
functions = SimpleNamespace(**{name: importlib.import_module(name).main for name in FOLDERS})
