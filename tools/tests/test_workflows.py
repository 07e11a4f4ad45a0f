"""CI runs the README's test command, and the GitHub workflows run the same nox sessions."""

from __future__ import annotations

import ast
import importlib.util
import re
import shlex
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
_spec = importlib.util.spec_from_file_location("sample_registry", REPO / "tools" / "samples.py")
registry = sys.modules.get(_spec.name) or importlib.util.module_from_spec(_spec)
if _spec.name not in sys.modules:
    sys.modules[_spec.name] = registry
    _spec.loader.exec_module(registry)


def nox_sessions(command: str) -> list[str]:
    """The session names after -s/--sessions in one nox command line."""
    words = shlex.split(command, comments=True)
    sessions, taking = [], False
    for word in words:
        if word in ("-s", "--session", "--sessions"):
            taking = True
        elif word.startswith("-") or word in ("&&", ";", "||"):
            taking = False
        elif taking:
            sessions.append(word)
    return sessions


def default_sessions() -> set[str]:
    """What plain `nox` runs: nox.options.sessions in noxfile.py."""
    tree = ast.parse((REPO / "noxfile.py").read_text())
    defaults = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(ast.unparse(target) == "nox.options.sessions" for target in node.targets)
    )
    return set(ast.literal_eval(defaults))


def readme_test_command() -> str:
    """The README's "run every test" command, from the console block after that phrase."""
    readme = (REPO / "README.md").read_text()
    block = readme[readme.index("Run every test") :]
    return next(line[2:] for line in block.splitlines() if line.startswith("$ "))


def workflow_steps(name: str) -> list[tuple[dict, dict]]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text())
    return [(job, step) for job in workflow["jobs"].values() for step in job.get("steps", [])]


def workflow_sessions(name: str) -> set[str]:
    sessions = set()
    for _, step in workflow_steps(name):
        if "nox" in step.get("run", "") or "$NOX" in step.get("run", ""):
            sessions.update(nox_sessions(step["run"]))
    return sessions


def test_ci_run_runs_the_readme_test_command():
    command = readme_test_command()
    assert command.split() == ["uvx", "--with-requirements", "requirements-dev.txt", "nox"]
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    assert any(line.startswith(command + " ") or line == command for line in lines)


def test_nox_alone_runs_every_check():
    assert default_sessions() >= {"test-samples", "conformance", "docs", "lint"}


def test_the_tests_workflow_runs_exactly_the_default_sessions():
    assert workflow_sessions("tests.yml") == default_sessions()


def test_the_pages_workflow_builds_with_a_default_session():
    assert workflow_sessions("pages.yml") == {"docs"}
    assert workflow_sessions("pages.yml") <= default_sessions()


def test_test_samples_has_one_job_per_python_of_the_registry():
    workflow = yaml.safe_load((WORKFLOWS / "tests.yml").read_text())
    matrix = workflow["jobs"]["test-samples"]["strategy"]["matrix"]["python"]
    assert matrix == registry.PYTHONS


def test_every_action_is_pinned_to_a_major_version():
    for name in ("tests.yml", "pages.yml"):
        for _, step in workflow_steps(name):
            if "uses" in step:
                assert re.fullmatch(r"[-\w]+/[-\w]+@v\d+", step["uses"]), step["uses"]


def test_the_pages_workflow_uploads_the_built_site_and_deploys_it_from_main():
    workflow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())
    trigger = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads on: as True
    assert trigger["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for _, step in workflow_steps("pages.yml")]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    upload = next(s for _, s in workflow_steps("pages.yml") if "upload-pages" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"  # where nox -s docs builds it


def test_every_cached_lock_file_pattern_matches_a_file():
    """setup-node fails a job whose cache-dependency-path matches nothing."""
    for name in ("tests.yml", "pages.yml"):
        for _, step in workflow_steps(name):
            pattern = step.get("with", {}).get("cache-dependency-path")
            if pattern:
                assert list(REPO.glob(pattern)), f"{name}: {pattern} matches no file"
