"""The versions table: one row per sample and package, one column per Python, stable output."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import record_versions  # noqa: E402


def record(sample, python, **packages):
    return {"sample": sample, "python": python, "packages": packages}


def test_requirement_names_skip_comments_options_and_specifiers(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(
        "# what Azure installs\n-r other.txt\nazure_functions\nFlask>=3.0  # web\n"
        "uvicorn[standard]==0.30; python_version >= '3.11'\n\n"
    )

    assert record_versions.requirement_names(requirements) == [
        "azure-functions",
        "flask",
        "uvicorn",
    ]


def test_table_puts_azure_functions_first_and_marks_missing_runs():
    records = [
        record("web", "3.13", **{"azure-functions": "2.3.0", "flask": "3.1.3"}),
        record("web", "3.10", **{"azure-functions": "1.26.0", "flask": None}),
        record("api", "3.13", **{"azure-functions": "2.3.0"}),
    ]

    lines = record_versions.table(records).splitlines()

    assert lines[0] == "| Sample | Package | Python 3.10 | Python 3.13 |"
    assert lines[2:] == [
        "| [`api`](samples/api.md) | `azure-functions` | not run | `2.3.0` |",
        "| [`web`](samples/web.md) | `azure-functions` | `1.26.0` | `2.3.0` |",
        "| [`web`](samples/web.md) | `flask` | not installed | `3.1.3` |",
    ]


def test_installed_records_this_environments_versions(tmp_path):
    (tmp_path / "requirements.txt").write_text("pytest\n")

    result = record_versions.installed(tmp_path)

    assert result["python"] == f"{sys.version_info.major}.{sys.version_info.minor}"
    assert list(result["packages"]) == ["azure-functions", "pytest"]
    assert result["packages"]["pytest"]
    json.dumps(result)  # what the session writes
