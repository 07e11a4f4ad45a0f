"""Run each broken app of the Troubleshooting page through the worker, and keep what it says.

Usage: python troubleshooting.py [--check] [CASE ...]

Each case is an app under tools/conformance/broken_apps/ that fails the way real apps fail
after a deploy. For each, in a copy of the app in a temporary folder and a process of its own,
tools/worker_load.py indexes and loads it with the real worker runtime (the conformance
harness's host). The worker's messages are written, word for word, to
docs/generated/troubleshooting/<case>.md, which the page includes. Only the machine's folders
are replaced with placeholders (<app>, <venv>, <python>), so that the file is the same on
every machine, and long lines are wrapped at word boundaries.

A case fails when the worker's answer no longer contains what the case expects (the failure
the page explains). With --check (set in CI) nothing is written, and a generated file that
differs from the worker's answer fails too: run `nox -s troubleshooting` and commit it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROKEN_APPS = ROOT / "tools" / "conformance" / "broken_apps"
WORKER_LOAD = ROOT / "tools" / "worker_load.py"
OUTPUT_DIR = ROOT / "docs" / "generated" / "troubleshooting"
WIDTH = 88


@dataclass
class Case:
    app: str  # folder under broken_apps/
    expected: list[str]  # what the worker's answer must contain


CASES = {
    "missing-requirement": Case(
        "missing_requirement",
        ["ModuleNotFoundError: No module named 'requests'", "check the requirements.txt"],
    ),
    "blueprint-import-error": Case(
        "blueprint_import_error",
        ["ImportError: cannot import name 'apply_discount' from 'shared_code.pricing'"],
    ),
    "shadowed-module": Case(
        "shadowed_stdlib_module",
        ["ImportError: cannot import name 'send_welcome' from 'email' (<python>/lib/"],
    ),
    "binding-name-mismatch": Case(
        "binding_name_mismatch",
        ["FunctionLoadError: cannot load the list_orders function", "{'documents'}"],
    ),
    "mixed-v1-v2": Case(
        "mixed_v1_v2",
        ["Functions the worker indexed: health", "Functions it loaded: health"],
    ),
    "flask-route-without-slash": Case(
        "flask_route_without_slash",
        ["ValueError: URL rule 'hello/<name>' must start with a slash."],
    ),
}


def run_worker(app: Path) -> dict:
    """Index and load a copy of the app, alone, in a process of its own; return the report."""
    with tempfile.TemporaryDirectory(prefix="troubleshooting-") as tmp:
        copy = Path(tmp) / "app"
        shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__"))
        report = Path(tmp) / "report.json"
        # The failures are the point: their output is kept for when a case goes wrong.
        run = subprocess.run(
            [sys.executable, "-P", str(WORKER_LOAD), str(copy), "--report", str(report)],
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if not report.is_file():
            sys.exit(f"troubleshooting: {app.name}: no report\n{run.stdout}\n{run.stderr}")
        result = json.loads(report.read_text(encoding="utf-8"))
        result["placeholders"] = {str(copy): "<app>"}
    return result


def without_machine_paths(text: str, placeholders: dict[str, str]) -> str:
    """The message with this machine's folders replaced, longest first."""
    known = {
        **placeholders,
        sys.prefix: "<venv>",
        sys.base_prefix: "<python>",
    }
    for path in sorted(known, key=len, reverse=True):
        text = text.replace(path, known[path])
    return text


def render(result: dict) -> str:
    """The worker's answer as a text block: its errors, or the functions it found and loaded."""
    if result["errors"]:
        lines = [without_machine_paths(e, result["placeholders"]) for e in result["errors"]]
    else:
        found = ", ".join(f["name"] for f in result["functions"]) or "none"
        lines = [
            f"Functions the worker indexed: {found}",
            f"Functions it loaded: {', '.join(result['loaded']) or 'none'}",
        ]
    wrapped = []
    for line in lines:
        wrapped += textwrap.wrap(line, WIDTH, break_long_words=False, break_on_hyphens=False) or [
            ""
        ]
    return "```text\n" + "\n".join(wrapped) + "\n```\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a generated file differs")
    parser.add_argument("cases", nargs="*", help=f"default: every case ({', '.join(CASES)})")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.cases) - set(CASES))
    if unknown:
        parser.error(f"unknown case(s) {unknown}; the cases are {', '.join(CASES)}")

    problems = []
    for name in args.cases or list(CASES):
        case = CASES[name]
        text = render(run_worker(BROKEN_APPS / case.app))
        unwrapped = " ".join(text.split())
        missing = [e for e in case.expected if " ".join(e.split()) not in unwrapped]
        if missing:
            problems.append(f"{name}: the worker's answer no longer contains {missing}:\n{text}")
            continue
        output = OUTPUT_DIR / f"{name}.md"
        if args.check:
            if not output.is_file() or output.read_text(encoding="utf-8") != text:
                problems.append(
                    f"{name}: {output.relative_to(ROOT)} differs from the worker's answer; "
                    "run `nox -s troubleshooting` and commit it:\n" + text
                )
                continue
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        print(f"troubleshooting: {name}: OK", flush=True)
    for problem in problems:
        print(f"troubleshooting: FAIL {problem}", flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
