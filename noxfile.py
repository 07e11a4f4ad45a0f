"""Sessions for the guide: sample tests on every Python, the docs site, lint and benchmarks.

nox -s test-samples        every sample on Python 3.10-3.13
nox -s conformance         every sample indexed, loaded and invoked by the real Python worker
nox -s docs                snippet gate, its tests, strict site build
nox -s docs-zensical       the same site built with Zensical
nox -s serve               live preview on http://127.0.0.1:8000
nox -s site-browser        every built page in headless Chromium; -- --record keeps the page weight
nox -s lint                ruff, and the GitHub workflows with zizmor and their schema
nox -s package             each sample's deployment package built, checked and loaded alone
nox -s troubleshooting     each broken app of the Troubleshooting page through the worker
nox -s benchmark           each sample's benchmarks/run.py; -- --record keeps the figures
nox -s benchmark-backbone  site build time and test-samples wall time
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
SAMPLES_DIR = ROOT / "samples"


def load_registry():
    """tools/samples.py, the sample registry (stdlib only), under a name no package takes."""
    spec = importlib.util.spec_from_file_location("sample_registry", ROOT / "tools" / "samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


registry = load_registry()
PYTHONS = registry.PYTHONS
DOCS_PYTHON = "3.13"
IN_CI = bool(os.environ.get("CI"))

nox.options.default_venv_backend = "uv|virtualenv"
# `nox` alone runs what CI runs (.ci/run): every test of the samples and of the site.
nox.options.sessions = [
    "test-samples",
    "conformance",
    "troubleshooting",
    "package",
    "docs",
    "docs-zensical",
    "site-browser",
    "lint",
]
# In CI a missing interpreter is an error, and nothing is downloaded (there is no internet there).
nox.options.error_on_missing_interpreters = IN_CI
if IN_CI:
    nox.options.download_python = "never"

SAMPLES = registry.names(ROOT)
BENCHMARKED = [s for s in SAMPLES if (SAMPLES_DIR / s / "benchmarks" / "run.py").is_file()]
CONFORMANCE_DIR = ROOT / "tools" / "conformance"
COVERAGE_CONFIG = ROOT / "tools" / "coverage.ini"
MANIFESTS_DIR = ROOT / "docs" / "generated" / "functions"
# What each test-samples run installed (tools/record_versions.py), for the Python versions page.
VERSIONS_DIR = ROOT / "docs" / "generated" / "versions"
# Each sample's deployment package sizes, written by `nox -s package`, shown on its page.
PACKAGES_DIR = ROOT / "docs" / "generated" / "packages"
# The worker's runtime packages (azure-functions-runtime, -v1) require Python 3.13 or later.
WORKER_PYTHON = "3.13"
# The bad-input battery (tools/conformance/battery.py): "report" counts how each sample answers
# malformed requests (in its manifest); "strict", the default, also fails on any 5xx or request
# left unanswered.
CONFORMANCE_BATTERY = os.environ.get("CONFORMANCE_BATTERY", "strict")


NODE_HELP = (
    "Node.js 20 or later with npm is needed: its tests start a local server from npm. "
    "Get it from https://nodejs.org/ or your package manager "
    "(Debian/Ubuntu: sudo apt-get install nodejs npm), then run this again"
)
CHROMIUM_HELP = (
    "Chromium is needed for the browser test of the site and wasn't found. "
    "Install it (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install chromium) "
    "or point CHROMIUM at a Chromium or Chrome binary, then run this again"
)


@contextlib.contextmanager
def sample_alone(session: nox.Session, sample: str):
    """Unzip one sample's download into an empty temporary folder, and work from there.

    The zip is the one the site serves (tools/samples.py builds both, byte for byte the
    same), so every run here proves the download works on its own.
    """
    with tempfile.TemporaryDirectory(prefix=f"azfunc-{sample}-") as tmp:
        archive = registry.build_zip(sample, Path(tmp) / "download", ROOT)
        copy = registry.extract_zip(archive, Path(tmp) / "unzipped")
        session.chdir(copy)
        try:
            yield copy
        finally:
            session.chdir(ROOT)  # the folder is about to go


def require_node(session: nox.Session, sample: str) -> None:
    if registry.load(sample, ROOT).needs_node and not shutil.which("npm"):
        session.error(f"{sample}: {NODE_HELP}")


def build_site(session: nox.Session, site: Path | str, *builder: str) -> None:
    """The sample downloads, the site (mkdocs build --strict unless told), then llms.txt."""
    session.run("python", "tools/samples.py", "zips")
    session.run(*(builder or ("mkdocs", "build", "--strict", "--site-dir", str(site))))
    session.run("python", "tools/llms_txt.py", "--site", str(site))


@nox.session(name="test-samples", python=PYTHONS)
@nox.parametrize("sample", SAMPLES, ids=SAMPLES)
def test_samples(session: nox.Session, sample: str) -> None:
    """Run one sample's tests in a copy of it, alone in an empty temporary folder.

    The copy is the standalone proof: nothing from the rest of the repository is
    importable, and only the sample's own requirements-test.txt is installed (plus
    pytest-cov). The run fails unless the tests cover every line of the app's code.
    It also records the versions it installed of the packages requirements.txt names in
    docs/generated/versions/ (`python tools/record_versions.py table` turns them into the
    Python versions page's table).
    """
    require_node(session, sample)
    with sample_alone(session, sample) as copy:
        session.install("-r", "requirements-test.txt", "pytest-cov>=7")
        session.run(
            "python",
            str(ROOT / "tools" / "record_versions.py"),
            "installed",
            str(copy),
            "--output",
            str(VERSIONS_DIR / f"{sample}-{session.python}.json"),
        )
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
    require_node(session, sample)
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
    if not IN_CI:  # the gallery's cards list each sample's functions from its manifest
        session.run("python", str(ROOT / "tools" / "samples.py"), "gallery")


@nox.session(name="conformance-harness", python=WORKER_PYTHON)
def conformance_harness(session: nox.Session) -> None:
    """Test the harness: its test apps (every kind of binding, v1 and v2) pass, each broken app
    fails as the worker fails it, and a wrong or missing example fails."""
    session.install("-r", str(CONFORMANCE_DIR / "requirements.txt"), "azure-functions", "pytest")
    session.run("python", "-m", "pytest", "-q", str(CONFORMANCE_DIR / "tests"), *session.posargs)


@nox.session(python=WORKER_PYTHON)
@nox.parametrize("sample", SAMPLES, ids=SAMPLES)
def package(session: nox.Session, sample: str) -> None:
    """Build a sample's deployment package as Core Tools does, check it, load it alone.

    tools/package_app.py makes the remote-build package (the folder minus .funcignore) and the
    local-build one (plus requirements.txt installed for Linux x86_64 into
    .python_packages/lib/site-packages), checks both (host.json at the root; no local settings,
    tests or environments; every import resolvable), then indexes and loads the local build with
    the worker runtime and nothing else. It records both sizes in docs/generated/packages/; in CI
    it fails instead when the committed remote-build size differs.
    """
    session.notify("package-tool")
    session.install("-r", str(CONFORMANCE_DIR / "requirements.txt"), "pathspec>=0.12", "pip")
    output = Path(session.create_tmp()) / f"package-{sample}"
    shutil.rmtree(output, ignore_errors=True)
    session.run(
        "python",
        str(ROOT / "tools" / "package_app.py"),
        str(SAMPLES_DIR / sample),
        "--output",
        str(output),
        "--python-version",
        WORKER_PYTHON,
        "--record",
        str(PACKAGES_DIR / f"{sample}.md"),
        *(["--check"] if IN_CI else []),
    )


@nox.session(name="package-tool", python=WORKER_PYTHON)
def package_tool(session: nox.Session) -> None:
    """Test tools/package_app.py: a package with a test file or local settings in it fails."""
    session.install("-r", str(CONFORMANCE_DIR / "requirements.txt"), "pathspec>=0.12", "pip")
    session.install("pytest")
    session.run("python", "-m", "pytest", "-q", "tools/package_tests", *session.posargs)


@nox.session(python=WORKER_PYTHON)
def troubleshooting(session: nox.Session) -> None:
    """Run each broken app of the Troubleshooting page through the worker; keep its messages.

    tools/troubleshooting.py loads each app of tools/conformance/broken_apps/ that the page
    explains, alone, with the worker runtime, and writes what the worker said to
    docs/generated/troubleshooting/; in CI it fails instead when a committed file differs.
    Only the runtime and Flask are installed: the missing-requirement case needs `requests`
    to be missing.
    """
    session.install("-r", str(CONFORMANCE_DIR / "requirements.txt"), "flask>=3.0")
    session.run(
        "python",
        str(ROOT / "tools" / "troubleshooting.py"),
        *(["--check"] if IN_CI else []),
        *session.posargs,
    )


@nox.session(python=DOCS_PYTHON)
def docs(session: nox.Session) -> None:
    """Test the checkers, check every snippet and sample, and build the site with --strict."""
    session.install("-r", "docs/requirements.txt", "pytest")
    session.run("python", "-m", "pytest", "-q", "tools/tests")
    session.run("python", "tools/check_snippets.py")
    session.run("python", "tools/samples.py", "check")
    build_site(session, "site")
    session.run("python", "tools/check_snippets.py", "--site", "site")


@nox.session(name="docs-zensical", python=DOCS_PYTHON)
def docs_zensical(session: nox.Session) -> None:
    """Build the same mkdocs.yml with Zensical, Material's successor, and check its pages too."""
    # 0.0.73 is the newest release whose dependencies all install from PyPI today.
    session.install("-r", "docs/requirements.txt", "zensical==0.0.73")
    build_site(
        session, "site", "zensical", "build", "--strict", "--clean", "--config-file", "mkdocs.yml"
    )
    session.run("python", "tools/check_snippets.py", "--site", "site")


@nox.session(python=DOCS_PYTHON)
def serve(session: nox.Session) -> None:
    """Preview the site with live reload on http://127.0.0.1:8000."""
    session.install("-r", "docs/requirements.txt")
    session.run("python", "tools/samples.py", "zips")
    session.run("mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *session.posargs)


@nox.session(name="site-browser", python=DOCS_PYTHON)
def site_browser(session: nox.Session) -> None:
    """Build the site and open every page in Chromium (Debian's, or CHROMIUM=path).

    Fails on a console error, a broken internal link or anchor, an empty code block, a
    download not served, search that can't find a function, or model tabs that don't follow
    the reader. Prints the first-load weight of the heaviest page; `-- --record` writes it
    to docs/generated/page-weight.md, which "How this guide is tested" shows.
    """
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).is_file():
        session.error(CHROMIUM_HELP)
    session.install("-r", "docs/requirements.txt", "-r", "tools/browser_tests/requirements.txt")
    site = Path(session.create_tmp()) / "site"
    build_site(session, site)
    env = {"SITE_DIR": str(site), "CHROMIUM": chromium}
    if "--record" in session.posargs:
        env["RECORD_PAGE_WEIGHT"] = str(ROOT / "docs" / "generated" / "page-weight.md")
    args = [a for a in session.posargs if a != "--record"]
    # -rP: show what passing tests print (the heaviest page and its weight).
    session.run("python", "-m", "pytest", "-q", "-rP", "tools/browser_tests", *args, env=env)


@nox.session(python=DOCS_PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff over the samples, the tools and this file; zizmor and the schema over the workflows."""
    session.install("-r", "tools/lint-requirements.txt")
    session.run("ruff", "check", "samples", "tools", "noxfile.py")
    session.run("ruff", "format", "--check", "samples", "tools", "noxfile.py")
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    # --offline: no GitHub API look-ups; --strict-collection: a workflow it can't read fails.
    session.run("zizmor", "--offline", "--no-progress", "--strict-collection", *workflows)


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
    session.run("python", "tools/samples.py", "zips")  # the gallery links them: --strict wants them
    session.run("python", "tools/benchmark_backbone.py", *session.posargs)
