"""The harness fails each broken app with the error the worker raises, and passes a valid app.

Each test runs host.py on a copy of an app in its own process, as `nox -s conformance` does:
the worker runtime keeps the app it indexed in module globals.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

HARNESS_DIR = Path(__file__).resolve().parent.parent
HOST = HARNESS_DIR / "host.py"
BROKEN_APPS = HARNESS_DIR / "broken_apps"
VALID_APP = Path(__file__).resolve().parent / "valid_app"


def copy_app(app: Path, tmp_path: Path) -> Path:
    copy = tmp_path / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def run_host(app: Path, tmp_path: Path) -> tuple[int, dict]:
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-P", str(HOST), str(app), "--report", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    print(result.stdout, result.stderr)  # shown by pytest when a test fails
    return result.returncode, json.loads(report.read_text())


def only_error(report: dict) -> str:
    (error,) = report["errors"]
    return error


def test_binding_name_that_matches_no_parameter_fails_indexing(tmp_path):
    code, report = run_host(copy_app(BROKEN_APPS / "binding_name_mismatch", tmp_path), tmp_path)

    error = only_error(report)
    assert code == 1
    assert error.startswith("worker init (indexing): FunctionLoadError: ")
    assert "cannot load the list_orders function" in error
    assert "declared in Python but not in the function definition" in error
    assert "{'documents'}" in error


def test_output_binding_without_out_annotation_fails_indexing(tmp_path):
    code, report = run_host(copy_app(BROKEN_APPS / "output_without_out", tmp_path), tmp_path)

    error = only_error(report)
    assert code == 1
    assert error.startswith("worker init (indexing): FunctionLoadError: ")
    assert "cannot load the place_order function" in error
    assert 'binding message is declared to have the "out" direction' in error
    assert "not a subclass of azure.functions.Out" in error


def test_import_error_fails_indexing_with_the_workers_hint(tmp_path):
    code, report = run_host(copy_app(BROKEN_APPS / "import_error", tmp_path), tmp_path)

    error = only_error(report)
    assert code == 1
    assert error.startswith("worker init (indexing): ModuleNotFoundError: ")
    assert "No module named 'pricing'" in error
    assert "Please check the requirements.txt file for the missing module" in error


def test_v1_binding_without_parameter_fails_function_load(tmp_path):
    app = copy_app(BROKEN_APPS / "v1_binding_without_parameter", tmp_path)

    code, report = run_host(app, tmp_path)

    error = only_error(report)
    assert code == 1
    assert error.startswith("load order: FunctionLoadError: cannot load the order function: ")
    assert "declared in function.json but not in Python: {'msg'}" in error


def test_valid_app_is_indexed_loaded_and_invoked(tmp_path):
    code, report = run_host(copy_app(VALID_APP, tmp_path), tmp_path)

    assert code == 0, report["errors"]
    assert report["model"] == "v2"
    assert [f["name"] for f in report["functions"]] == ["hourly", "place_order"]
    (place_order,) = [f for f in report["functions"] if f["name"] == "place_order"]
    assert place_order["bindings"] == [
        {
            "name": "req",
            "type": "httpTrigger",
            "direction": "in",
            "route": "orders/{customer}",
            "methods": ["POST"],
            "authLevel": "anonymous",
        },
        {"name": "message", "type": "queue", "direction": "out"},
        {"name": "$return", "type": "http", "direction": "out"},
    ]
    assert report["invocations"] == [
        {
            "function": "place_order",
            "request": "invoke place_order POST /api/orders/ada",
            "status": 202,
        }
    ]


def test_http_function_without_an_example_fails(tmp_path):
    app = copy_app(VALID_APP, tmp_path)
    (app / "tests" / "http_examples.json").unlink()

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert only_error(report) == (
        "invoke place_order: no example request: add one to tests/http_examples.json"
    )


def test_example_that_misses_the_route_fails(tmp_path):
    app = copy_app(VALID_APP, tmp_path)
    examples = app / "tests" / "http_examples.json"
    examples.write_text(json.dumps({"place_order": {"method": "POST", "path": "/api/orders"}}))

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert only_error(report) == (
        "invoke place_order: path /api/orders does not match route /api/orders/{customer}"
    )


def test_answer_other_than_the_expected_status_fails(tmp_path):
    app = copy_app(VALID_APP, tmp_path)
    examples = app / "tests" / "http_examples.json"
    example = {"method": "POST", "path": "/api/orders/ada", "status": 200}
    examples.write_text(json.dumps({"place_order": example, "retired": {"path": "/api/x"}}))

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert report["errors"] == [
        "invoke place_order POST /api/orders/ada: answered 202, expected 200",
        "tests/http_examples.json: example for unknown function retired",
    ]
