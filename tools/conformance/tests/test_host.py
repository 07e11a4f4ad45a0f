"""The harness fails each broken app with the error the worker raises, and passes a valid app.

Each test runs host.py on a copy of an app in its own process, as `nox -s conformance` does:
the worker runtime keeps the app it indexed in module globals.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HARNESS_DIR = Path(__file__).resolve().parent.parent
HOST = HARNESS_DIR / "host.py"
BROKEN_APPS = HARNESS_DIR / "broken_apps"
VALID_APP = Path(__file__).resolve().parent / "valid_app"
V1_VALID_APP = Path(__file__).resolve().parent / "v1_valid_app"
FUNCTIONS = [
    "audit",
    "echo",
    "heartbeat",
    "place_batch",
    "place_order",
    "read_note",
    "ship_order",
    "stamp_upload",
]


def copy_app(app: Path, tmp_path: Path) -> Path:
    copy = tmp_path / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def run_host(app: Path, tmp_path: Path, *options: str) -> tuple[int, dict]:
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-P", str(HOST), str(app), "--report", str(report), *options],
        capture_output=True,
        text=True,
        timeout=120,
    )
    print(result.stdout, result.stderr)  # shown by pytest when a test fails
    return result.returncode, json.loads(report.read_text())


def edit_invocations(app: Path, edit) -> None:
    """Change the app's tests/invocations.json: edit(entries) changes the list in place."""
    path = app / "tests" / "invocations.json"
    entries = json.loads(path.read_text())
    edit(entries)
    path.write_text(json.dumps(entries))


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


def test_out_of_builtin_list_fails_indexing(tmp_path):
    code, report = run_host(copy_app(BROKEN_APPS / "out_builtin_list", tmp_path), tmp_path)

    error = only_error(report)
    assert code == 1
    assert error == (
        "worker init (indexing): FunctionLoadError: cannot load the place_batch function: "
        "binding messages has invalid non-type annotation azure.functions._abc.Out[list[str]]"
    )


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


def test_queue_trigger_name_that_matches_no_parameter_fails_indexing(tmp_path):
    # E01 is not an HTTP matter: a queue trigger bound as "msg", the parameter named "message".
    app = copy_app(BROKEN_APPS / "queue_binding_name_mismatch", tmp_path)

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert only_error(report) == (
        "worker init (indexing): FunctionLoadError: cannot load the ship_order function: "
        "the following parameters are declared in Python but not in the function definition "
        "(function.json or function decorators):  {'message'}"
    )


def test_v1_queue_trigger_name_that_matches_no_parameter_fails_function_load(tmp_path):
    # The same mistake in function.json: "name": "msg" on the trigger, main(message).
    app = copy_app(BROKEN_APPS / "v1_queue_binding_name_mismatch", tmp_path)

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert only_error(report) == (
        "load ship_order: FunctionLoadError: cannot load the ship_order function: "
        "the following parameters are declared in Python but not in function.json: {'message'}"
    )


def test_out_type_its_binding_cannot_write_fails_indexing(tmp_path):
    # func.Out[int] on a queue output: the queue converter writes str, bytes or QueueMessage.
    code, report = run_host(copy_app(BROKEN_APPS / "out_type_mismatch", tmp_path), tmp_path)

    assert code == 1
    assert only_error(report) == (
        "worker init (indexing): FunctionLoadError: cannot load the count_items function: "
        'binding type "\'quantity\'" and dataType "queue" in the binding decorator do not '
        "match the corresponding function parameter's Python type annotation int"
    )


@pytest.mark.parametrize("app", [VALID_APP, V1_VALID_APP], ids=["v2", "v1"])
def test_every_function_is_invoked_and_its_outputs_checked(app, tmp_path):
    code, report = run_host(copy_app(app, tmp_path), tmp_path)

    assert code == 0, report["errors"]
    assert report["model"] == ("v2" if app == VALID_APP else "v1")
    assert [f["name"] for f in report["functions"]] == FUNCTIONS
    assert [i["function"] for i in report["invocations"]] == [
        "heartbeat",
        "heartbeat",
        "ship_order",
        "stamp_upload",
        "stamp_upload",
        "audit",
        "place_order",
        "place_batch",
        "echo",
        "read_note",
        "read_note",
    ]
    assert {
        "function": "place_order",
        "request": "invoke place_order POST /api/orders/ada",
        "status": 202,
    } in report["invocations"]


def test_bindings_are_reported_with_their_settings(tmp_path):
    code, report = run_host(copy_app(VALID_APP, tmp_path), tmp_path)

    bindings = {f["name"]: f["bindings"] for f in report["functions"]}
    assert code == 0, report["errors"]
    assert bindings["place_order"] == [
        {
            "name": "req",
            "type": "httpTrigger",
            "direction": "in",
            "route": "orders/{customer}",
            "methods": ["POST"],
            "authLevel": "anonymous",
        },
        {
            "name": "message",
            "type": "queue",
            "direction": "out",
            "connection": "AzureWebJobsStorage",
            "queueName": "orders",
        },
        {"name": "$return", "type": "http", "direction": "out"},
    ]
    assert bindings["heartbeat"][0] == {
        "name": "timer",
        "type": "timerTrigger",
        "direction": "in",
        "runOnStartup": False,
        "schedule": "0 */5 * * * *",
    }
    assert [(b["name"], b["direction"], b.get("path")) for b in bindings["stamp_upload"]] == [
        ("upload", "in", "inbox/{name}"),
        ("footer", "in", "footers/{name}"),
        ("stamped", "out", "outbox/{name}"),
    ]


@pytest.mark.parametrize("app", [VALID_APP, V1_VALID_APP], ids=["v2", "v1"])
def test_function_without_an_example_fails(app, tmp_path):
    app = copy_app(app, tmp_path)
    edit_invocations(app, lambda entries: entries.pop(8))  # the only "echo" entry

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert only_error(report) == (
        "invoke echo: no example invocation: add one to tests/invocations.json"
    )


def test_no_invocations_file_fails_every_function(tmp_path):
    app = copy_app(VALID_APP, tmp_path)
    (app / "tests" / "invocations.json").unlink()

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert report["errors"] == [
        f"invoke {name}: no example invocation: add one to tests/invocations.json"
        for name in FUNCTIONS
    ]


@pytest.mark.parametrize("app", [VALID_APP, V1_VALID_APP], ids=["v2", "v1"])
def test_output_other_than_expected_fails(app, tmp_path):
    app = copy_app(app, tmp_path)

    def expect_wrong_outputs(entries):
        entries[0]["outputs"] = {"beat": {"string": "on time"}}
        entries[3]["outputs"] = {"stamped": {"bytes": "hello"}}
        entries[7]["outputs"] = {"messages": {"json": ["order a"]}}

    edit_invocations(app, expect_wrong_outputs)

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert report["errors"] == [
        'invoke heartbeat (#1): output beat is {"string": "late"}, expected {"string": "on time"}',
        'invoke stamp_upload (#4): output stamped is {"bytes": "HELLO\\n-- footer"}, '
        'expected {"bytes": "hello"}',
        "invoke place_batch POST /api/batch: output messages is "
        '{"json": ["order a", "order b"]}, expected {"json": ["order a"]}',
    ]


def test_return_value_logs_and_unset_outputs_are_checked(tmp_path):
    app = copy_app(VALID_APP, tmp_path)

    def expect_wrong_answers(entries):
        entries[1]["logs"] = ["heartbeat late"]
        entries[6]["outputs"] = {"message": None}
        entries[8]["return"] = {"string": "stressed"}

    edit_invocations(app, expect_wrong_answers)

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert report["errors"][0].startswith(
        'invoke heartbeat (#2): no log line contains "heartbeat late"; logged: ['
    )
    assert '"heartbeat on time"' in report["errors"][0]
    assert report["errors"][1:] == [
        "invoke place_order POST /api/orders/ada: output message is "
        '{"string": "ada: 2 apples"}, expected it unset',
        'invoke echo (#9): returned {"string": "desserts"}, expected {"string": "stressed"}',
    ]


def test_malformed_entries_fail_before_any_invocation(tmp_path):
    app = copy_app(VALID_APP, tmp_path)

    def break_entries(entries):
        entries[0]["trigger"] = {"text": "late"}
        del entries[2]["trigger"]
        entries[3]["inputs"] = {"footers": None}
        entries[4]["status"] = 200
        entries[5]["output"] = {}
        entries[1]["logs"] = "heartbeat on time"
        entries.append({"function": "retired", "trigger": None})

    edit_invocations(app, break_entries)

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert report["errors"] == [
        "tests/invocations.json #2 heartbeat: malformed ['logs']",
        "tests/invocations.json #6 audit: unknown keys ['output']",
        "invoke audit: no example invocation: add one to tests/invocations.json",
        "invoke heartbeat (#1): unknown or malformed TypedData notation: {'text': 'late'}",
        'invoke ship_order (#3): no "trigger" data for queueTrigger msg',
        "invoke stamp_upload (#4): inputs ['footers'] are not input bindings of the function",
        "tests/invocations.json #5 stamp_upload: ['status'] don't apply to a blobTrigger function",
        "tests/invocations.json: example for unknown function retired",
    ]


def test_example_that_misses_the_route_fails(tmp_path):
    app = copy_app(VALID_APP, tmp_path)
    edit_invocations(app, lambda entries: entries[6]["request"].update(path="/api/orders"))

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert only_error(report) == (
        "invoke place_order (#7): path /api/orders does not match route /api/orders/{customer}"
    )


def test_answer_other_than_the_expected_status_or_json_fails(tmp_path):
    app = copy_app(VALID_APP, tmp_path)

    def expect_other_answers(entries):
        entries[6]["status"] = 200
        entries[6]["response_json"] = {"queued": False}

    edit_invocations(app, expect_other_answers)

    code, report = run_host(app, tmp_path)

    assert code == 1
    assert report["errors"] == [
        "invoke place_order POST /api/orders/ada: answered 202, expected 200",
        'invoke place_order POST /api/orders/ada: response JSON {"queued": true}, '
        'expected {"queued": false}',
    ]


def test_battery_reports_5xx_without_failing_in_report_mode(tmp_path):
    code, report = run_host(copy_app(VALID_APP, tmp_path), tmp_path, "--battery=report")

    battery = report["battery"]
    assert code == 0, report["errors"]
    assert battery["mode"] == "report"
    assert battery["sent"] == sum(battery["classes"].values()) > 50
    assert set(battery["functions"]) == {"place_batch", "place_order", "read_note"}
    # The battery sends the example's input binding data too: read_note gets its blob.
    assert "5xx" not in battery["functions"]["read_note"]
    # The test app trusts its input: a body that isn't UTF-8 makes place_order raise.
    assert "place_order body not UTF-8: 500" in battery["failures"]
    assert "place_batch body malformed JSON: 500" in battery["failures"]
    assert battery["classes"]["5xx"] == len(battery["failures"])


def test_battery_fails_each_5xx_in_strict_mode(tmp_path):
    code, report = run_host(copy_app(VALID_APP, tmp_path), tmp_path, "--battery=strict")

    assert code == 1
    assert "bad input place_order: body not UTF-8: 500" in report["errors"]
    assert len(report["errors"]) == len(report["battery"]["failures"])


def test_battery_is_off_by_default(tmp_path):
    code, report = run_host(copy_app(VALID_APP, tmp_path), tmp_path)

    assert code == 0, report["errors"]
    assert report["battery"] is None
