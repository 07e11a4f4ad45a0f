"""Global state as a per-process cache: loaded once, shared by the invocations of one process."""

from __future__ import annotations

import json
import threading
from pathlib import Path

CATALOGUE_FILE = Path(__file__).with_name("catalogue.json")

# --8<-- [start:per-process-cache]
_lock = threading.Lock()
_catalogue: dict[str, dict] | None = None
_lookups: dict[str, int] = {}  # how often this process served each item


def load_catalogue() -> dict[str, dict]:
    """Read the catalogue file once per process; later calls reuse what the first one read."""
    global _catalogue
    with _lock:  # sync functions run on several threads at once
        if _catalogue is None:
            _catalogue = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
        return _catalogue


def count_lookup(name: str) -> int:
    """Count a lookup; read-modify-write on shared state needs the lock too."""
    with _lock:
        _lookups[name] = _lookups.get(name, 0) + 1
        return _lookups[name]


# --8<-- [end:per-process-cache]


def forget_catalogue() -> None:
    """Drop the cache: the next lookup reads the file again (what a new process would do)."""
    global _catalogue
    with _lock:
        _catalogue = None
        _lookups.clear()
