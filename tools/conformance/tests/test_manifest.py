"""The manifest table, and --check failing on a manifest that no longer matches the report."""

import importlib.util
import json
from pathlib import Path

HARNESS_DIR = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("manifest", HARNESS_DIR / "manifest.py")
manifest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(manifest)

REPORT = {
    "route_prefix": "api",
    "functions": [
        {
            "name": "hourly",
            "bindings": [
                {
                    "name": "timer",
                    "type": "timerTrigger",
                    "direction": "in",
                    "runOnStartup": False,
                    "schedule": "0 0 * * * *",
                },
                {
                    "name": "report",
                    "type": "blob",
                    "direction": "in",
                    "connection": "AzureWebJobsStorage",
                    "path": "reports/latest.json",
                    "properties": {"SupportsDeferredBinding": True},
                },
            ],
        },
        {
            "name": "HttpGreeting",
            "bindings": [
                {
                    "name": "req",
                    "type": "httpTrigger",
                    "direction": "in",
                    "route": None,
                    "methods": [],
                    "authLevel": "anonymous",
                },
                {"name": "$return", "type": "http", "direction": "out"},
            ],
        },
    ],
}


def test_rows_are_sorted_and_every_binding_shown_with_its_settings():
    rows = manifest.render(REPORT).splitlines()[2:]

    assert rows == [
        "| Function | Trigger | Route | Methods | Auth level | Bindings |",
        "| --- | --- | --- | --- | --- | --- |",
        "| `HttpGreeting` | httpTrigger | `/api/HttpGreeting` | any | anonymous "
        "| `req` (httpTrigger, in)<br>`$return` (http, out) |",
        "| `hourly` | timerTrigger | — | — | — | `timer` (timerTrigger, in): runOnStartup `false`, "
        "schedule `0 0 * * * *`<br>`report` (blob, in): connection `AzureWebJobsStorage`, "
        "path `reports/latest.json`, properties `SupportsDeferredBinding=true` |",
    ]


def test_empty_route_prefix_serves_from_the_root():
    assert manifest.http_route("", "/{*route}", "http_app_func") == "/{*route}"


def test_check_fails_on_a_stale_manifest_and_leaves_it(tmp_path, capsys):
    report, output = tmp_path / "report.json", tmp_path / "sample.md"
    report.write_text(json.dumps(REPORT))
    output.write_text("stale\n")

    assert manifest.main([str(report), "--output", str(output), "--check"]) == 1
    assert output.read_text() == "stale\n"
    assert "out of date" in capsys.readouterr().err


def test_write_then_check_passes(tmp_path):
    report, output = tmp_path / "report.json", tmp_path / "generated" / "sample.md"
    report.write_text(json.dumps(REPORT))

    assert manifest.main([str(report), "--output", str(output)]) == 0
    assert manifest.main([str(report), "--output", str(output), "--check"]) == 0


def test_battery_counts_follow_the_table():
    report = {
        **REPORT,
        "battery": {"sent": 9, "classes": {"5xx": 1, "4xx": 6, "2xx": 2}},
    }

    lines = manifest.render(report).splitlines()

    assert lines[-2] == ""
    assert lines[-1].startswith("Bad input: the conformance run sent the HTTP functions 9 ")
    assert lines[-1].endswith("answers by status class: 2xx: 2, 4xx: 6, 5xx: 1.")


def test_no_battery_line_when_nothing_was_sent():
    assert "Bad input" not in manifest.render({**REPORT, "battery": None})
