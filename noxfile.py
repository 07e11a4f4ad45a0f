"""Sessions for the guide: sample tests on every Python, the docs site, lint and benchmarks.

nox -s test-samples        every sample on Python 3.10-3.13
nox -s conformance         every sample indexed, loaded and invoked by the real Python worker
nox -s docs                snippet gate, its tests, strict site build
nox -s docs-zensical       the same site built with Zensical
nox -s serve               live preview on http://127.0.0.1:8000
nox -s site-browser        the built site in headless Chromium (linked model tabs)
nox -s lint                ruff check and format check
nox -s benchmark           each sample's benchmarks/run.py; -- --record keeps the figures
nox -s benchmark-backbone  site build time and test-samples wall time
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
SAMPLES_DIR = ROOT / "samples"
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
DOCS_PYTHON = "3.13"
IN_CI = bool(os.environ.get("CI"))

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["test-samples", "docs", "lint"]
# In CI a missing interpreter is an error, and nothing is downloaded (there is no internet there).
nox.options.error_on_missing_interpreters = IN_CI
if IN_CI:
    nox.options.download_python = "never"


def discover_samples() -> list[str]:
    """Every folder under samples/ that has a requirements-test.txt is a sample."""
    return sorted(p.parent.name for p in SAMPLES_DIR.glob("*/requirements-test.txt"))


SAMPLES = discover_samples()
BENCHMARKED = [s for s in SAMPLES if (SAMPLES_DIR / s / "benchmarks" / "run.py").is_file()]
# What never belongs in a copy of a sample: local environments and caches.
LOCAL_ONLY = shutil.ignore_patterns(
    ".venv", "venv", "__pycache__", ".pytest_cache", "node_modules", ".python_packages"
)
CONFORMANCE_DIR = ROOT / "tools" / "conformance"
COVERAGE_CONFIG = ROOT / "tools" / "coverage.ini"
MANIFESTS_DIR = ROOT / "docs" / "generated" / "functions"
# The worker's runtime packages (azure-functions-runtime, -v1) require Python 3.13 or later.
WORKER_PYTHON = "3.13"
# The bad-input battery (tools/conformance/battery.py): "report" counts how each sample answers
# malformed requests (in its manifest); "strict" also fails on any 5xx or request left unanswered.
CONFORMANCE_BATTERY = os.environ.get("CONFORMANCE_BATTERY", "report")


@contextlib.contextmanager
def sample_alone(session: nox.Session, sample: str):
    """Copy one sample by itself into an empty temporary folder, and work from there."""
    with tempfile.TemporaryDirectory(prefix=f"azfunc-{sample}-") as tmp:
        copy = Path(tmp) / sample
        shutil.copytree(SAMPLES_DIR / sample, copy, ignore=LOCAL_ONLY)
        session.chdir(copy)
        yield copy


@nox.session(name="test-samples", python=PYTHONS)
@nox.parametrize("sample", SAMPLES, ids=SAMPLES)
def test_samples(session: nox.Session, sample: str) -> None:
    """Run one sample's tests in a copy of it, alone in an empty temporary folder.

    The copy is the standalone proof: nothing from the rest of the repository is
    importable, and only the sample's own requirements-test.txt is installed (plus
    pytest-cov). The run fails unless the tests cover every line of the app's code.
    """
    with sample_alone(session, sample):
        session.install("-r", "requirements-test.txt", "pytest-cov>=7")
        session.run(
            "python",
            "-m",
            "pytest",
            "--cov",
            f"--cov-config={COVERAGE_CONFIG}",
            "--cov-report=term-missing",
            *session.posargs,
        )


@nox.session(python=WORKER_PYTHON)
@nox.parametrize("sample", SAMPLES, ids=SAMPLES)
def conformance(session: nox.Session, sample: str) -> None:
    """Index, load and invoke one sample through the real Python worker, in a copy of it.

    Fails on anything the worker rejects, a function with no example invocation in the sample's
    tests/invocations.json, or an answer other than the example expects (status, output bindings,
    return value, logs), and sends each HTTP function the bad-input battery (CONFORMANCE_BATTERY).
    Then writes the sample's function manifest to docs/generated/functions/; in CI it fails
    instead when the committed one differs.
    """
    # The harness's own tests run once after the samples, whichever samples were selected.
    session.notify("conformance-harness")
    with sample_alone(session, sample) as copy:
        session.install(
            "-r", "requirements-test.txt", "-r", str(CONFORMANCE_DIR / "requirements.txt")
        )
        report = copy.parent / "report.json"
        # -P: nothing beside host.py may shadow the app's own modules.
        session.run(
            "python",
            "-P",
            str(CONFORMANCE_DIR / "host.py"),
            str(copy),
            "--report",
            str(report),
            f"--battery={CONFORMANCE_BATTERY}",
        )
        session.run(
            "python",
            str(CONFORMANCE_DIR / "manifest.py"),
            str(report),
            "--output",
            str(MANIFESTS_DIR / f"{sample}.md"),
            *(["--check"] if IN_CI else []),
        )


@nox.session(name="conformance-harness", python=WORKER_PYTHON)
def conformance_harness(session: nox.Session) -> None:
    """Test the harness: its test apps (every kind of binding, v1 and v2) pass, each broken app
    fails as the worker fails it, and a wrong or missing example fails."""
    session.install("-r", str(CONFORMANCE_DIR / "requirements.txt"), "azure-functions", "pytest")
    session.run("python", "-m", "pytest", "-q", str(CONFORMANCE_DIR / "tests"), *session.posargs)


@nox.session(python=DOCS_PYTHON)
def docs(session: nox.Session) -> None:
    """Check every snippet, test the checker, and build the site with --strict."""
    session.install("-r", "docs/requirements.txt", "pytest")
    session.run("python", "-m", "pytest", "-q", "tools/tests")
    session.run("python", "tools/check_snippets.py")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")
    session.run("python", "tools/check_snippets.py", "--site", "site")


@nox.session(name="docs-zensical", python=DOCS_PYTHON)
def docs_zensical(session: nox.Session) -> None:
    """Build the same mkdocs.yml with Zensical, Material's successor, and check its pages too."""
    # 0.0.73 is the newest release whose dependencies all install from PyPI today.
    session.install("-r", "docs/requirements.txt", "zensical==0.0.73")
    session.run("zensical", "build", "--strict", "--clean", "--config-file", "mkdocs.yml")
    session.run("python", "tools/check_snippets.py", "--site", "site")


@nox.session(python=DOCS_PYTHON)
def serve(session: nox.Session) -> None:
    """Preview the site with live reload on http://127.0.0.1:8000."""
    session.install("-r", "docs/requirements.txt")
    session.run("mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *session.posargs)


@nox.session(name="site-browser", python=DOCS_PYTHON)
def site_browser(session: nox.Session) -> None:
    """Build the site and check it in Debian's Chromium: the model tabs follow the reader."""
    session.install("-r", "docs/requirements.txt", "-r", "tools/browser_tests/requirements.txt")
    site = Path(session.create_tmp()) / "site"
    session.run("mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site))
    session.run("python", "-m", "pytest", "-q", "tools/browser_tests", env={"SITE_DIR": str(site)})


@nox.session(python=DOCS_PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff over the samples, the tools and this file."""
    session.install("ruff")
    session.run("ruff", "check", "samples", "tools", "noxfile.py")
    session.run("ruff", "format", "--check", "samples", "tools", "noxfile.py")


@nox.session(python=DOCS_PYTHON)
@nox.parametrize("sample", BENCHMARKED, ids=BENCHMARKED)
def benchmark(session: nox.Session, sample: str) -> None:
    """Run a sample's benchmarks/run.py in a copy of the sample; it prints its figures.

    The figures a page shows are the recorded ones in the sample's benchmarks/ folder. A run
    changes them only when asked: `nox -s "benchmark(<sample>)" -- --record` copies back the
    files the run wrote into benchmarks/. Other arguments go to run.py.
    """
    record = "--record" in session.posargs
    args = [a for a in session.posargs if a != "--record"]
    with sample_alone(session, sample) as copy:
        session.install("-r", "requirements-test.txt", "-r", "benchmarks/requirements.txt")
        session.run("python", "benchmarks/run.py", *args)
        written = changed_files(SAMPLES_DIR / sample / "benchmarks", copy / "benchmarks")
        if not record:
            session.log(
                f"Not recorded: {', '.join(written) or 'nothing written'} (add -- --record)"
            )
            return
        for name in written:
            shutil.copy2(copy / "benchmarks" / name, SAMPLES_DIR / sample / "benchmarks" / name)
            session.log(f"Recorded samples/{sample}/benchmarks/{name}")


def changed_files(original: Path, copy: Path) -> list[str]:
    """Files under copy/ that are new or differ from original/ (caches aside)."""
    changed = []
    for path in sorted(copy.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        name = path.relative_to(copy).as_posix()
        before = original / name
        if not before.is_file() or before.read_bytes() != path.read_bytes():
            changed.append(name)
    return changed


@nox.session(name="benchmark-backbone", python=DOCS_PYTHON)
def benchmark_backbone(session: nox.Session) -> None:
    """Median strict build time of the site and wall time of test-samples, cold and warm."""
    session.install("-r", "docs/requirements.txt", "nox[uv]")
    session.run("python", "tools/benchmark_backbone.py", *session.posargs)
