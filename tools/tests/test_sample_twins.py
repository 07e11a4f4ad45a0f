"""A v1 sample and its v2 twin serve the same app: the files they share must not drift apart.

The pairs come from the sample registry (tools/samples.py, `twins()`), as the noxfile's and the
gate's samples do. Each sample carries its own copy of what it shares with its twin, so it
stays standalone; this test compares every file both have at the same relative path (app code,
settings and tests; not what a developer's machine adds, such as node_modules/), apart from
snippet markers and blank lines. The paths in DIFFERENT_BY_DESIGN differ on purpose, each for
the reason its comment gives; every other shared file must match.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))

from check_snippets import SECTION_MARKER  # noqa: E402

# Loaded by path under its own name, as the noxfile does: a package called "samples" may be
# installed too.
_spec = importlib.util.spec_from_file_location("sample_registry", TOOLS / "samples.py")
registry = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = registry
_spec.loader.exec_module(registry)

SAMPLES = TOOLS.parent / "samples"
EVERY_PAIR = "*"

# (v1 sample, or EVERY_PAIR; path relative to the sample) for each shared path that differs on
# purpose. An entry whose files come to match, or that no pair shares, fails the test: remove it.
DIFFERENT_BY_DESIGN = {
    # Each README describes its own model: the layout, how functions are declared and called.
    (EVERY_PAIR, "README.md"),
    # The v2 sample has a benchmarks/ folder, which its .funcignore leaves out of the package
    # (cosmos_async also has seed_and_query.py); the v1 twin has neither.
    ("v1_cosmos_async", ".funcignore"),
    ("v1_fastapi_asgi", ".funcignore"),
    ("v1_flask_wsgi", ".funcignore"),
    ("v1_observability", ".funcignore"),
    # The npm package of the tests' local server is named after its sample.
    ("v1_cosmos_async", "package.json"),
    ("v1_cosmos_async", "package-lock.json"),
    ("v1_storage_bindings", "package.json"),
    ("v1_storage_bindings", "package-lock.json"),
    # Its comment says what the tests import from the app root: function_app, or function folders.
    ("v1_cosmos_async", "pytest.ini"),
    # SERVICE_NAME tells the twins' telemetry apart, and the tests check it.
    ("v1_observability", "local.settings.json"),
    # Only the v2 sample's tests run its app through the worker runtime (tests/test_worker.py).
    ("v1_observability", "requirements-test.txt"),
    # The function names the worker reports: v2 decorator names, v1 folder names.
    ("v1_fastapi_asgi", "tests/invocations.json"),
    ("v1_flask_wsgi", "tests/invocations.json"),
    ("v1_http", "tests/invocations.json"),
    # ... and the SERVICE_NAME the settings function answers.
    ("v1_observability", "tests/invocations.json"),
    # Tests that reach the functions: v2 imports them from function_app (or reads its
    # decorators), v1 imports main() from each function folder (or reads its function.json).
    ("v1_cosmos_async", "tests/conftest.py"),
    ("v1_cosmos_async", "tests/test_bad_input.py"),
    ("v1_cosmos_async", "tests/test_client_lifetime.py"),
    ("v1_cosmos_async", "tests/test_invocations.py"),
    ("v1_event_bindings", "tests/indexed.py"),
    ("v1_event_bindings", "tests/test_function_app.py"),
    ("v1_event_bindings", "tests/test_invocations.py"),
    ("v1_fastapi_asgi", "tests/conftest.py"),
    ("v1_flask_wsgi", "tests/conftest.py"),
    ("v1_observability", "tests/test_concurrency.py"),
    ("v1_observability", "tests/test_context.py"),
    ("v1_observability", "tests/test_invocations.py"),
    ("v1_observability", "tests/test_logging.py"),
    ("v1_observability", "tests/test_settings.py"),
    ("v1_observability", "tests/test_state.py"),
    ("v1_observability", "tests/test_telemetry.py"),
    ("v1_observability", "tests/test_temp_files.py"),
    ("v1_storage_bindings", "tests/app_index.py"),
    ("v1_storage_bindings", "tests/test_bindings.py"),
    ("v1_storage_bindings", "tests/test_blob.py"),
    ("v1_storage_bindings", "tests/test_http_orders.py"),
    ("v1_storage_bindings", "tests/test_queue.py"),
    ("v1_storage_bindings", "tests/test_storage_with_azurite.py"),
    ("v1_storage_bindings", "tests/test_timer.py"),
}


def different_by_design(v1: str, rel: str) -> bool:
    return (v1, rel) in DIFFERENT_BY_DESIGN or (EVERY_PAIR, rel) in DIFFERENT_BY_DESIGN


def sample_files(name: str) -> set[str]:
    """The sample's files (POSIX paths relative to it), without what a machine adds locally."""
    folder = SAMPLES / name
    return {p.relative_to(folder).as_posix() for p in registry.files_of(folder)}


def shared_files(v2: str, v1: str) -> list[str]:
    """The files both samples have, at the same path."""
    return sorted(sample_files(v2) & sample_files(v1))


def content(path: Path) -> list[str] | bytes:
    """A text file's lines, without blank lines and snippet markers; other files' bytes."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return [line for line in text.splitlines() if line.strip() and not SECTION_MARKER.search(line)]


def compared() -> list[tuple[str, str, str]]:
    """(v2 sample, v1 sample, path) for each shared file that must match."""
    return [
        (v2, v1, rel)
        for v2, v1 in registry.twins()
        for rel in shared_files(v2, v1)
        if not different_by_design(v1, rel)
    ]


def test_the_twins_come_from_the_sample_registry():
    pairs = registry.twins()

    assert ("http_blueprint", "v1_http") in pairs
    assert ("cosmos_async", "v1_cosmos_async") in pairs
    assert ("storage_bindings", "v1_storage_bindings") in pairs
    for v2, v1 in pairs:
        assert registry.model_of(SAMPLES / v2) == "v2", v2
        assert registry.model_of(SAMPLES / v1) == "v1", v1


def test_app_code_settings_and_tests_are_compared():
    checked = set(compared())

    assert ("http_blueprint", "v1_http", "shared_code/arithmetic.py") in checked
    assert ("http_blueprint", "v1_http", "host.json") in checked
    assert ("fastapi_asgi", "v1_fastapi_asgi", "books_api/routes.py") in checked
    assert ("cosmos_async", "v1_cosmos_async", "products.py") in checked
    assert ("cosmos_async", "v1_cosmos_async", "tests/test_products_api.py") in checked
    assert ("storage_bindings", "v1_storage_bindings", "tests/invocations.json") in checked
    assert ("observability", "v1_observability", "tests/conftest.py") in checked


def test_each_difference_by_design_is_a_shared_file_that_differs():
    pairs = registry.twins()
    stale = []
    for v1_or_all, rel in sorted(DIFFERENT_BY_DESIGN):
        chosen = [(v2, v1) for v2, v1 in pairs if v1_or_all in (EVERY_PAIR, v1)]
        shared = [(v2, v1) for v2, v1 in chosen if rel in shared_files(v2, v1)]
        differ = [
            (v2, v1)
            for v2, v1 in shared
            if content(SAMPLES / v2 / rel) != content(SAMPLES / v1 / rel)
        ]
        if not differ:
            stale.append(f"{v1_or_all}: {rel}")

    assert not stale, f"remove from DIFFERENT_BY_DESIGN (no twins share it, or it matches): {stale}"


def shared_packages(v2: str, v1: str) -> list[str]:
    """Packages at the app root (folders with an __init__.py) that both samples have."""
    return sorted(
        init.parent.name
        for init in (SAMPLES / v2).glob("*/__init__.py")
        if (SAMPLES / v1 / init.parent.name / "__init__.py").is_file()
    )


def test_a_package_the_twins_share_has_the_same_files_in_both():
    for v2, v1 in registry.twins():
        for package in shared_packages(v2, v1):
            v2_files = {rel for rel in sample_files(v2) if rel.startswith(f"{package}/")}
            v1_files = {rel for rel in sample_files(v1) if rel.startswith(f"{package}/")}
            assert v1_files == v2_files, f"{package}/ has other files in {v1} than in {v2}"


CASES = compared()


@pytest.mark.parametrize("v2, v1, rel", CASES, ids=[f"{v1}/{rel}" for _, v1, rel in CASES])
def test_shared_file_is_the_same_in_both_models(v2, v1, rel):
    assert content(SAMPLES / v1 / rel) == content(SAMPLES / v2 / rel), (
        f"samples/{v1}/{rel} differs from samples/{v2}/{rel}: make them match, "
        "or add the path to DIFFERENT_BY_DESIGN with the reason"
    )
