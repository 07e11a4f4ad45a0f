"""A v1 sample and its v2 twin (`v1_<name>` and `<name>`) serve the same app code.

Each sample carries its own copy so it stays standalone; this keeps the copies from drifting.
Packages, and modules at the app root other than function_app.py, found in both samples must
match, apart from snippet markers and blank lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from check_snippets import SECTION_MARKER  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def twins() -> list[tuple[Path, Path, str]]:
    """(v2 sample, v1 sample, package or module) for each one the two have in common."""
    pairs = []
    for v1 in sorted(SAMPLES.glob("v1_*")):
        v2 = SAMPLES / v1.name.removeprefix("v1_")
        if not v2.is_dir():
            continue
        for init in sorted(v2.glob("*/__init__.py")):
            package = init.parent.name
            if (v1 / package / "__init__.py").is_file():
                pairs.append((v2, v1, package))
        for module in sorted(v2.glob("*.py")):
            if module.name != "function_app.py" and (v1 / module.name).is_file():
                pairs.append((v2, v1, module.name))
    return pairs


def python_files(sample: Path, shared: str) -> list[Path]:
    """The files of a shared package, or the shared module itself, relative to the sample."""
    if shared.endswith(".py"):
        return [Path(shared)]
    return sorted(p.relative_to(sample) for p in (sample / shared).rglob("*.py"))


def code_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not SECTION_MARKER.search(line)]


def test_the_twins_with_a_shared_package_are_found():
    found = {(v2.name, v1.name, package) for v2, v1, package in twins()}

    assert ("fastapi_asgi", "v1_fastapi_asgi", "books_api") in found
    assert ("flask_wsgi", "v1_flask_wsgi", "books_api") in found
    assert ("event_bindings", "v1_event_bindings", "order_flow") in found
    assert ("cosmos_async", "v1_cosmos_async", "database.py") in found
    assert ("cosmos_async", "v1_cosmos_async", "products.py") in found


@pytest.mark.parametrize(
    "v2, v1, package", twins(), ids=lambda value: getattr(value, "name", value)
)
def test_shared_package_is_the_same_in_both_models(v2, v1, package):
    v2_files = python_files(v2, package)
    v1_files = python_files(v1, package)

    assert v1_files == v2_files
    for rel in v2_files:
        assert code_lines(v1 / rel) == code_lines(v2 / rel), f"{v1.name}/{rel} differs"
