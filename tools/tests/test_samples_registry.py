"""The sample registry reads each sample from its own files, and fails a sample the site lacks."""

from __future__ import annotations

import importlib.util
import json
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent
REPO = TOOLS.parent
# Loaded by path under its own name: a package called "samples" may be installed too.
_spec = importlib.util.spec_from_file_location("sample_registry", TOOLS / "samples.py")
registry = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = registry
_spec.loader.exec_module(registry)

MANIFEST = """\
<!-- Generated. -->

| Function | Trigger | Route | Methods | Auth level | Bindings |
| --- | --- | --- | --- | --- | --- |
| `Hello` | httpTrigger | `/api/hello` | GET | anonymous | `req` (httpTrigger, in) |
| `Tick` | timerTrigger |  |  |  | `timer` (timerTrigger, in) |
"""
MKDOCS = """\
site_name: Demo
repo_url: https://github.com/owner/guide
nav:
  - Home: index.md
  - Samples:
      - Gallery: gallery.md
      - demo: samples/demo.md
"""
HOME = """\
| Sample | Model | What it shows |
| --- | --- | --- |
| [`demo`](samples/demo.md) | v2 | A demo |
"""
PAGE = """\
# Sample: demo

--8<-- "docs/generated/functions/demo.md"
"""
README = """\
# demo: a demo app

A demo app that says hello over HTTP and ticks on a timer; see [the guide](../../docs/x.md).

## Run it
"""


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """A repository with one complete v2 sample, on every list the site keeps."""
    write(
        tmp_path,
        {
            "mkdocs.yml": MKDOCS,
            "docs/index.md": HOME,
            "docs/samples/demo.md": PAGE,
            "docs/generated/functions/demo.md": MANIFEST,
            "samples/demo/README.md": README,
            "samples/demo/function_app.py": "import azure.functions as func\n",
            "samples/demo/requirements-test.txt": "-r requirements.txt\npytest\n",
            "samples/demo/requirements.txt": "azure-functions\n",
            "samples/demo/tests/test_app.py": "def test_nothing():\n    pass\n",
        },
    )
    assert registry.write_gallery(tmp_path, check=False) == 0
    return tmp_path


def test_a_complete_sample_passes(repo, capsys):
    assert registry.problems(repo) == []
    assert registry.main(["--root", str(repo), "check"]) == 0
    assert "sample registry: OK (1 samples)" in capsys.readouterr().out


def test_reads_model_summary_functions_and_triggers(repo):
    sample = registry.load("demo", repo)

    assert sample.model == "v2"
    assert sample.title == "demo: a demo app"
    assert sample.summary.startswith("A demo app that says hello over HTTP")
    assert [(f.name, f.trigger) for f in sample.functions] == [
        ("Hello", "HTTP"),
        ("Tick", "Timer"),
    ]
    assert sample.triggers == ["HTTP", "Timer"]
    assert sample.pythons == registry.PYTHONS
    assert sample.servers == [] and not sample.needs_node


def test_a_v1_sample_is_told_by_its_function_folders(repo):
    (repo / "samples/demo/function_app.py").unlink()
    write(repo, {"samples/demo/hello/function.json": "{}", "samples/demo/hello/__init__.py": ""})
    assert registry.load("demo", repo).model == "v1"


def test_a_v1_sample_twins_the_v2_sample_named_without_its_prefix(repo, monkeypatch):
    for name in ("v1_demo", "v1_alone", "v1_hello"):
        write(repo, {f"samples/{name}/requirements-test.txt": "pytest\n"})
    monkeypatch.setattr(registry, "V1_TWINS", {"v1_hello": "demo"})

    assert registry.twins(repo) == [("demo", "v1_demo"), ("demo", "v1_hello")]


def test_both_models_in_one_folder_is_a_problem(repo):
    write(repo, {"samples/demo/hello/function.json": "{}"})
    assert any("not both" in p for p in registry.problems(repo))


def test_servers_come_from_the_npm_packages_package_json_pins(repo):
    package = {"dependencies": {"azurite": "3.35.0", "@vercel/cosmosdb-server": "1.0.1"}}
    write(repo, {"samples/demo/package.json": json.dumps(package)})
    sample = registry.load("demo", repo)
    assert sample.needs_node
    assert sample.servers == [
        "a Cosmos DB server (@vercel/cosmosdb-server)",
        "Azurite, the Azure Storage emulator",
    ]


@pytest.mark.parametrize(
    ("remove", "expected"),
    [
        ("samples/demo/README.md", "samples/demo: no README.md"),
        ("docs/samples/demo.md", "samples/demo: no page docs/samples/demo.md"),
        ("docs/generated/functions/demo.md", "samples/demo: no manifest"),
    ],
)
def test_a_missing_file_fails(repo, remove, expected):
    (repo / remove).unlink()
    assert any(p.startswith(expected) for p in registry.problems(repo))


def test_a_sample_missing_from_nav_fails(repo):
    mkdocs = repo / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("      - demo: samples/demo.md\n", ""))
    assert registry.problems(repo) == ["samples/demo: no nav entry samples/demo.md in mkdocs.yml"]


def test_a_sample_missing_from_the_home_page_fails(repo):
    (repo / "docs/index.md").write_text(
        "No table here; a link [demo](samples/demo.md) isn't a row."
    )
    assert registry.problems(repo) == ["samples/demo: no row in the samples table of docs/index.md"]


def test_a_page_without_the_manifest_fails(repo):
    (repo / "docs/samples/demo.md").write_text("# Sample: demo\n")
    assert registry.problems(repo) == [
        "docs/samples/demo.md: doesn't include docs/generated/functions/demo.md"
    ]


def test_a_readme_without_a_summary_paragraph_fails(repo):
    (repo / "samples/demo/README.md").write_text("# demo\n\n- a list, not a summary\n")
    assert registry.problems(repo) == [
        "samples/demo/README.md: needs a '# ' heading, then a summary paragraph"
    ]


def test_a_page_for_no_sample_fails(repo):
    write(repo, {"docs/samples/gone.md": "# Sample: gone\n"})
    assert registry.problems(repo) == ["docs/samples/gone.md: no sample samples/gone/"]


def test_the_gallery_lists_each_sample_from_its_files(repo):
    text = (repo / registry.GALLERY).read_text()

    assert "**[demo](samples/demo.md)** · v2 model" in text
    # A relative link of the README would break on the gallery page: it becomes text.
    assert "ticks on a timer; see the guide." in text
    assert "`Hello` (HTTP), `Tick` (Timer)" in text
    assert "[Download demo.zip](downloads/demo.zip)" in text
    assert "[README](https://github.com/owner/guide/blob/main/samples/demo/README.md)" in text
    assert "$ git sparse-checkout set samples/demo" in text
    assert "Python 3.10 to 3.13" in text


def test_a_stale_gallery_fails_the_check(repo, capsys):
    write(repo, {"docs/generated/functions/demo.md": MANIFEST.replace("`Tick`", "`Tock`")})
    assert registry.write_gallery(repo, check=True) == 1
    assert registry.main(["--root", str(repo), "check"]) == 1
    assert "gallery.md is stale" in capsys.readouterr().out


def test_the_zip_holds_the_sample_alone_without_local_files(repo, tmp_path_factory):
    write(
        repo,
        {
            "samples/demo/.venv/lib/site.py": "",
            "samples/demo/node_modules/azurite/package.json": "{}",
            "samples/demo/tests/__pycache__/test_app.cpython-313.pyc": "",
            "samples/demo/.coverage": "",
            "samples/demo/local.settings.json": "{}",
        },
    )
    out = tmp_path_factory.mktemp("downloads")
    archive = registry.build_zip("demo", out, repo)

    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == [
            "demo/README.md",
            "demo/function_app.py",
            "demo/local.settings.json",
            "demo/requirements-test.txt",
            "demo/requirements.txt",
            "demo/tests/test_app.py",
        ]
    first = archive.read_bytes()
    assert registry.build_zip("demo", out, repo).read_bytes() == first  # byte for byte stable


def test_a_zip_unpacks_into_one_folder(repo, tmp_path_factory):
    archive = registry.build_zip("demo", tmp_path_factory.mktemp("downloads"), repo)
    into = tmp_path_factory.mktemp("empty")
    folder = registry.extract_zip(archive, into)
    assert folder == into / "demo"
    assert (folder / "tests" / "test_app.py").is_file()


def test_every_sample_of_this_repository_is_on_the_site():
    """The real gate, also run by `nox -s docs` as `python tools/samples.py check`."""
    assert registry.problems(REPO) == []


def test_the_manifest_may_name_its_columns_and_triggers_more_fully(repo):
    manifest = (
        "| Function name | Trigger type | Bindings |\n| --- | --- | --- |\n"
        "| `OnBlob` | `blobTrigger` (SDK type) | `client` |\n"
    )
    write(repo, {"docs/generated/functions/demo.md": manifest})
    assert [(f.name, f.trigger) for f in registry.load("demo", repo).functions] == [
        ("OnBlob", "Blob storage")
    ]
