"""package_app.py builds the package Core Tools would upload, and refuses one that isn't clean."""

import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import package_app  # noqa: E402

FUNCTION_APP = """\
import azure.functions as func

from helpers import greeting

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="hello")
def hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(greeting())
"""
FUNCIGNORE = """\
.venv/
__pycache__/
tests/
local.settings.json
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def app(tmp_path):
    """A small v2 app with tests, local settings and a venv, all left out by its .funcignore."""
    app = tmp_path / "app"
    write(app / "function_app.py", FUNCTION_APP)
    write(app / "helpers.py", "def greeting():\n    return 'Hello'\n")
    write(app / "host.json", '{"version": "2.0"}\n')
    write(app / "requirements.txt", "azure-functions\n")
    write(app / "local.settings.json", '{"Values": {"FUNCTIONS_WORKER_RUNTIME": "python"}}\n')
    write(app / "tests" / "test_hello.py", "def test_nothing():\n    pass\n")
    write(app / ".venv" / "pyvenv.cfg", "home = /usr/bin\n")
    write(app / ".funcignore", FUNCIGNORE)
    return app


def build(app: Path, tmp_path: Path, capfd) -> tuple[int, str]:
    code = package_app.main([str(app), "--output", str(tmp_path / "package")])
    return code, capfd.readouterr().out


def test_clean_app_is_packaged_and_loaded(app, tmp_path, capfd):
    code, out = build(app, tmp_path, capfd)

    assert code == 0, out
    remote = tmp_path / "package" / "remote-build"
    assert sorted(p.relative_to(remote).as_posix() for p in remote.rglob("*")) == [
        ".funcignore",
        "function_app.py",
        "helpers.py",
        "host.json",
        "requirements.txt",
    ]
    site_packages = tmp_path / "package" / "local-build" / ".python_packages/lib/site-packages"
    assert (site_packages / "azure" / "functions" / "__init__.py").is_file()
    assert "1 function(s) loaded" in out


def test_package_with_a_test_file_fails(app, tmp_path, capfd):
    write(app / ".funcignore", FUNCIGNORE.replace("tests/\n", ""))

    code, out = build(app, tmp_path, capfd)

    assert code == 1
    assert "remote build: tests/test_hello.py: a test file" in out
    assert "worker_load" not in out  # a package that fails its checks isn't loaded


def test_package_with_local_settings_fails(app, tmp_path, capfd):
    write(app / ".funcignore", FUNCIGNORE.replace("local.settings.json\n", ""))

    code, out = build(app, tmp_path, capfd)

    assert code == 1
    assert "remote build: local.settings.json: local settings don't belong in Azure" in out


def test_import_the_package_does_not_provide_fails(app, tmp_path, capfd):
    write(app / "helpers.py", "import requests\n\n\ndef greeting():\n    return 'Hello'\n")

    code, out = build(app, tmp_path, capfd)

    assert code == 1
    assert "local build: helpers.py: imports requests, which the package doesn't provide" in out


def test_check_finds_a_missing_host_json_and_a_virtual_environment(tmp_path):
    write(tmp_path / "pkg" / "function_app.py", "")
    write(tmp_path / "pkg" / "env" / "pyvenv.cfg", "")
    write(tmp_path / "pkg" / "helpers_test.py", "")

    problems = package_app.check(package_app.Package("remote build", tmp_path / "pkg"))

    assert problems == [
        "host.json is not at the root of the package",
        "env/pyvenv.cfg: part of a local environment",
        "helpers_test.py: a test file",
    ]


def test_relative_imports_resolve_from_the_files_folder(tmp_path):
    write(tmp_path / "hello" / "__init__.py", "from . import messages\nfrom ..shared import x\n")

    names = package_app.imported_modules(tmp_path / "hello" / "__init__.py", tmp_path)

    assert names == {"hello", "hello.messages?", "shared", "shared.x?"}


def test_guarded_imports_may_be_missing(tmp_path):
    code = """\
        from typing import TYPE_CHECKING

        try:
            import orjson as json_lib
        except ImportError:
            import json as json_lib

        if TYPE_CHECKING:
            from mypy_extensions import TypedDict
        """
    write(tmp_path / "function_app.py", code)

    names = package_app.imported_modules(tmp_path / "function_app.py", tmp_path)

    assert names == {
        "typing",
        "typing.TYPE_CHECKING?",
        "orjson?",
        "json",
        "mypy_extensions?",
        "mypy_extensions.TypedDict?",
    }


def test_check_fails_when_the_recorded_remote_build_differs(app, tmp_path, capfd):
    record = tmp_path / "sizes.md"
    args = [str(app), "--record", str(record)]
    assert package_app.main([*args, "--output", str(tmp_path / "first")]) == 0
    assert package_app.main([*args, "--output", str(tmp_path / "same"), "--check"]) == 0

    write(app / "farewell.py", "def farewell():\n    return 'Goodbye'\n")
    code = package_app.main([*args, "--output", str(tmp_path / "changed"), "--check"])

    assert code == 1
    assert "is out of date" in capfd.readouterr().out
