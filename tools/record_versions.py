"""Which versions of its packages each sample's test run installed, per Python version.

Two commands:

  record_versions.py installed SAMPLE_DIR --output docs/generated/versions/<sample>-<py>.json
      Run by `nox -s test-samples` inside the session's virtual environment, after it installed
      the sample's requirements: writes the installed version of every package the sample's
      requirements.txt names (azure-functions first), and the Python version.

  record_versions.py table [--versions-dir DIR] [--output docs/generated/python-versions.md]
      Combines every JSON file of the versions folder into one Markdown table, one row per
      sample and package, one column per Python version. The Python versions page includes it.

Both write the same bytes for the same input (sorted, no dates), so a refresh that changed
nothing shows no diff.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSIONS_DIR = ROOT / "docs" / "generated" / "versions"
TABLE_FILE = ROOT / "docs" / "generated" / "python-versions.md"
LIBRARY = "azure-functions"
# A requirement's project name: what comes before extras, version specifiers or markers.
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def normalize(name: str) -> str:
    """The PEP 503 form of a project name: Azure_Functions is azure-functions."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements: Path) -> list[str]:
    """Project names listed in a requirements file (options and includes are skipped)."""
    names = []
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = REQUIREMENT_NAME.match(line)
        if match:
            names.append(normalize(match[1]))
    return names


def installed(sample_dir: Path) -> dict:
    """The installed version of each package the sample requires, azure-functions first."""
    names = requirement_names(sample_dir / "requirements.txt")
    ordered = [LIBRARY] + sorted(n for n in set(names) if n != LIBRARY)
    packages = {}
    for name in ordered:
        try:
            packages[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            packages[name] = None
    return {
        "sample": sample_dir.name,
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "packages": packages,
    }


def python_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def table(records: list[dict]) -> str:
    """One row per sample and package, one column per Python version."""
    pythons = sorted({r["python"] for r in records}, key=python_key)
    by_sample: dict[str, dict[str, dict[str, str | None]]] = {}
    for record in records:
        for package, version in record["packages"].items():
            row = by_sample.setdefault(record["sample"], {}).setdefault(package, {})
            row[record["python"]] = version
    lines = [
        "| Sample | Package | " + " | ".join(f"Python {p}" for p in pythons) + " |",
        "| --- | --- | " + " | ".join("---" for _ in pythons) + " |",
    ]
    for sample in sorted(by_sample):
        packages = by_sample[sample]
        order = sorted(packages, key=lambda n: (n != LIBRARY, n))
        for package in order:
            cells = []
            for python in pythons:
                if python not in packages[package]:
                    cells.append("not run")
                else:
                    version = packages[package][python]
                    cells.append(f"`{version}`" if version else "not installed")
            link = f"[`{sample}`](samples/{sample}.md)"
            lines.append(f"| {link} | `{package}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def read_records(versions_dir: Path) -> list[dict]:
    return [
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(versions_dir.glob("*.json"))
    ]


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("installed", help="record this environment's versions")
    one.add_argument("sample_dir", type=Path)
    one.add_argument("--output", type=Path, required=True)
    combine = commands.add_parser("table", help="write the Markdown table of all records")
    combine.add_argument("--versions-dir", type=Path, default=VERSIONS_DIR)
    combine.add_argument("--output", type=Path, default=TABLE_FILE)
    args = parser.parse_args(argv)

    if args.command == "installed":
        record = installed(args.sample_dir.resolve())
        write(args.output, json.dumps(record, indent=2) + "\n")
        print(f"record_versions: {record['sample']} on Python {record['python']}: ", end="")
        print(", ".join(f"{k} {v}" for k, v in record["packages"].items()))
        return 0
    records = read_records(args.versions_dir)
    if not records:
        print(f"record_versions: no records in {args.versions_dir}", file=sys.stderr)
        return 1
    write(args.output, table(records))
    print(f"record_versions: {len(records)} record(s) -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
