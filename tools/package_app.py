"""Build a function app's deployment package as Core Tools does, check it, and load it alone.

Usage: python package_app.py APP_DIR --output DIR [--python-version 3.13]
                              [--record FILE.md [--check]]

Two packages, as `func azure functionapp publish` makes them:
- remote build (the default): the contents of the app folder, minus what `.funcignore` names
  (gitignore syntax). Azure installs requirements.txt after the upload.
- local build (`--build local`, or `--no-build` after installing them yourself): the same files
  plus the dependencies, installed into `.python_packages/lib/site-packages` for Linux x86_64
  and the app's Python (`pip install --target ... --platform manylinux2014_x86_64
  --only-binary=:all: --python-version <py>`).

Checks on each package: host.json at its root; no local.settings.json, no tests (tests/,
test_*.py, *_test.py, conftest.py), no virtual environment or node_modules; and in the local
build, every module the app's code imports resolves from the package itself or the standard
library. Then the local build is loaded, alone, by the real worker runtime (worker_load.py):
its only packages are the runtime's own and the package's `.python_packages`, which the
worker finds on PYTHONPATH as in Azure; the app settings are the app's local.settings.json
Values, as you would set them in Azure.

With --record FILE.md it writes both packages' sizes as a Markdown table (for the sample's
page). Exit status 1 when a check or the load fails.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pathspec

TOOLS_DIR = Path(__file__).resolve().parent
WORKER_LOAD = TOOLS_DIR / "worker_load.py"
FUNCIGNORE = ".funcignore"
SITE_PACKAGES = Path(".python_packages") / "lib" / "site-packages"
# The platform of Azure's Linux workers; --only-binary: pip can't build for another platform.
PLATFORM = "manylinux2014_x86_64"
TEST_FILES = ("test_*.py", "*_test.py", "conftest.py")
LOCAL_ENVIRONMENTS = {"node_modules", ".venv", "venv", ".nox", ".tox"}


@dataclass
class Package:
    kind: str  # "remote build" or "local build"
    root: Path

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.is_file())

    def app_files(self) -> list[Path]:
        """The package's files that aren't installed dependencies."""
        deps = self.root / SITE_PACKAGES
        return [p for p in self.files() if deps not in p.parents]


def copy_app(app_dir: Path, output: Path) -> list[str]:
    """Copy the app folder's contents into output, leaving out what .funcignore names."""
    ignore_file = app_dir / FUNCIGNORE
    lines = ignore_file.read_text(encoding="utf-8").splitlines() if ignore_file.is_file() else []
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    copied = []
    output.mkdir(parents=True)
    for path in sorted(app_dir.rglob("*")):
        rel = path.relative_to(app_dir).as_posix()
        if path.is_dir() or spec.match_file(rel):
            continue
        target = output / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        copied.append(rel)
    return copied


def install_dependencies(package: Path, python_version: str) -> None:
    """What `--build local` adds: requirements.txt installed for Azure's Linux and Python."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--target",
        str(package / SITE_PACKAGES),
        "--platform",
        PLATFORM,
        "--only-binary=:all:",
        "--python-version",
        python_version,
        "--implementation",
        "cp",
        "-r",
        str(package / "requirements.txt"),
    ]
    subprocess.run(command, check=True)


def optional_imports(tree: ast.AST) -> set[int]:
    """Ids of import nodes an app may lack on purpose.

    Those under `try: ... except ImportError` (or ModuleNotFoundError) and under
    `if TYPE_CHECKING:`, which never runs.
    """
    guarded = set()
    for node in ast.walk(tree):
        body = []
        if isinstance(node, ast.Try):
            caught = " ".join(ast.unparse(h.type) for h in node.handlers if h.type is not None)
            if "ImportError" in caught or "ModuleNotFoundError" in caught:
                body = node.body
        elif isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            body = node.body
        for statement in body:
            guarded.update(
                id(n) for n in ast.walk(statement) if isinstance(n, (ast.Import, ast.ImportFrom))
            )
    return guarded


def imported_modules(path: Path, root: Path) -> set[str]:
    """Dotted names the file imports; relative imports resolved from the file's folder.

    A name ending in "?" may be missing: an attribute of a module (`from m import name`), or
    an import the code guards (see optional_imports).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package_parts = list(path.relative_to(root).parent.parts)
    guarded = optional_imports(tree)
    names = set()
    for node in ast.walk(tree):
        mark = "?" if id(node) in guarded else ""
        if isinstance(node, ast.Import):
            names.update(alias.name + mark for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = node.module or ""
            else:
                parent = package_parts[: len(package_parts) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            if base:
                names.add(base + mark)
            # `from package import module`: the name may be a submodule.
            for alias in node.names:
                if alias.name != "*" and base:
                    names.add(f"{base}.{alias.name}?")
    return names


def module_exists(name: str, roots: list[Path]) -> bool:
    parts = name.split(".")
    for root in roots:
        folder = root.joinpath(*parts[:-1])
        last = parts[-1]
        if (folder / last).is_dir() or (folder / f"{last}.py").is_file():
            return True
        if folder.is_dir() and any(folder.glob(f"{last}.*.so")):
            return True
    return False


def unresolved_imports(package: Package) -> list[str]:
    """Imports of the app's code that neither the package nor the standard library provide."""
    roots = [package.root, package.root / SITE_PACKAGES]
    problems = []
    for path in package.app_files():
        if path.suffix != ".py":
            continue
        rel = path.relative_to(package.root).as_posix()
        for name in sorted(imported_modules(path, package.root)):
            optional = name.endswith("?")  # an attribute of a module, or a submodule
            name = name.rstrip("?")
            if name.split(".")[0] in sys.stdlib_module_names or module_exists(name, roots):
                continue
            if not optional:
                problems.append(f"{rel}: imports {name}, which the package doesn't provide")
    return problems


def check(package: Package) -> list[str]:
    """What must hold for any deployment package of a Python function app."""
    problems = []
    root = package.root
    if not (root / "host.json").is_file():
        problems.append("host.json is not at the root of the package")
    for path in package.app_files():
        rel = path.relative_to(root)
        if path.name == "local.settings.json":
            problems.append(f"{rel.as_posix()}: local settings don't belong in Azure")
        if "tests" in rel.parts or any(path.match(pattern) for pattern in TEST_FILES):
            problems.append(f"{rel.as_posix()}: a test file")
        if path.name == "pyvenv.cfg" or LOCAL_ENVIRONMENTS & set(rel.parts):
            problems.append(f"{rel.as_posix()}: part of a local environment")
    return problems


def load(package: Package, settings: dict[str, str]) -> tuple[int, dict]:
    """Index and load the package alone with the worker runtime, in a process of its own."""
    report = package.root.parent / f"{package.root.name}-load.json"
    env = {
        **os.environ,
        **settings,
        "PYTHONPATH": str(package.root / SITE_PACKAGES),
        "PYTHONDONTWRITEBYTECODE": "1",  # the package stays as it was built
    }
    result = subprocess.run(
        [sys.executable, "-P", str(WORKER_LOAD), str(package.root), "--report", str(report)],
        env=env,
        timeout=300,
    )
    return result.returncode, json.loads(report.read_text(encoding="utf-8"))


def zipped_size(package: Package) -> int:
    """Bytes of the package zipped (deflate), as it is uploaded."""
    archive = package.root.parent / f"{package.root.name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in package.files():
            zipped.write(path, path.relative_to(package.root).as_posix())
    return archive.stat().st_size


def human(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"


def size_table(app_name: str, packages: list[Package], python_version: str) -> str:
    lines = [
        "| Package | Files | Size | Zipped |",
        "| --- | --- | --- | --- |",
    ]
    for package in packages:
        files = package.files()
        size = sum(p.stat().st_size for p in files)
        lines.append(
            f"| {package.kind} | {len(files)} | {human(size)} | {human(zipped_size(package))} |"
        )
    return (
        "\n".join(lines)
        + f'\n\nBuilt by `nox -s "package({app_name})"` for Python {python_version} on Linux '
        "x86_64; the local build holds the newest releases `requirements.txt` allowed then.\n"
    )


def remote_build_row(table: str) -> str | None:
    return next((row for row in table.splitlines() if row.startswith("| remote build |")), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app_dir", type=Path, help="the function app folder (holds host.json)")
    parser.add_argument("--output", type=Path, required=True, help="an empty or missing folder")
    parser.add_argument(
        "--python-version",
        default=f"{sys.version_info.major}.{sys.version_info.minor}",
        help="the app's Python in Azure (default: this one, which also loads the package)",
    )
    parser.add_argument("--record", type=Path, help="write the packages' sizes here (Markdown)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="with --record: write nothing, fail if the recorded remote build differs",
    )
    args = parser.parse_args(argv)
    app_dir, output = args.app_dir.resolve(), args.output.resolve()
    if output.exists() and any(output.iterdir()):
        parser.error(f"{output} is not empty")

    remote = Package("remote build", output / "remote-build")
    local = Package("local build", output / "local-build")
    copied = copy_app(app_dir, remote.root)
    print(f"package_app: {app_dir.name}: {len(copied)} file(s) after {FUNCIGNORE}", flush=True)
    copy_app(app_dir, local.root)
    install_dependencies(local.root, args.python_version)

    problems = [f"{remote.kind}: {p}" for p in check(remote)]
    problems += [f"{local.kind}: {p}" for p in check(local) + unresolved_imports(local)]
    if not problems:
        settings_file = app_dir / "local.settings.json"
        settings = {}
        if settings_file.is_file():
            values = json.loads(settings_file.read_text(encoding="utf-8-sig")).get("Values", {})
            settings = {k: str(v) for k, v in values.items()}
        code, report = load(local, settings)
        problems += [f"{local.kind}: load: {e}" for e in report["errors"]]
        if code != 0 and not report["errors"]:
            problems.append(f"{local.kind}: load: the worker loaded no function")
    for problem in problems:
        print(f"  FAIL {problem}", flush=True)
    if problems:
        print(f"package_app: {app_dir.name}: {len(problems)} problem(s)")
        return 1
    table = size_table(app_dir.name, [remote, local], args.python_version)
    if args.record and args.check:
        recorded = args.record.read_text(encoding="utf-8") if args.record.is_file() else ""
        # The remote build is the sample's own files; the local build also holds the newest
        # releases of its dependencies, so only the remote build must match the record.
        if remote_build_row(recorded) != remote_build_row(table):
            print(
                f"  FAIL {args.record} is out of date: run "
                f'nox -s "package({app_dir.name})" and commit it',
                flush=True,
            )
            return 1
    elif args.record:
        args.record.parent.mkdir(parents=True, exist_ok=True)
        args.record.write_text(table, encoding="utf-8")
        print(f"package_app: recorded the sizes in {args.record}")
    print(f"package_app: {app_dir.name}: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
