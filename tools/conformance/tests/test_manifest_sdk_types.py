"""The manifest marks the bindings the worker hands over as SDK types (deferred binding)."""

import importlib.util
from pathlib import Path

HARNESS_DIR = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("manifest", HARNESS_DIR / "manifest.py")
manifest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(manifest)


def test_deferred_binding_is_shown_only_when_the_worker_set_it():
    report = {
        "route_prefix": "api",
        "functions": [
            {
                "name": "DigestUpload",
                "bindings": [
                    {
                        "name": "upload",
                        "type": "blobTrigger",
                        "direction": "in",
                        "properties": {"SupportsDeferredBinding": True},
                    },
                    {
                        "name": "old",
                        "type": "blob",
                        "direction": "in",
                        "properties": {"SupportsDeferredBinding": False},
                    },
                ],
            }
        ],
    }

    row = manifest.render(report).splitlines()[-1]

    assert row.endswith(
        "| `upload` (blobTrigger, in; SupportsDeferredBinding)<br>`old` (blob, in) |"
    )
