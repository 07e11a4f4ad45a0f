"""The snippet gate catches every way a page can drift from the samples."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import check_snippets  # noqa: E402

SAMPLE_CODE = """\
import azure.functions as func

# --8<-- [start:hello]
def hello(req):
    return func.HttpResponse("Hello")


# --8<-- [end:hello]
"""

PAGE = """\
# Hello

```python title="function_app.py"
--8<-- "samples/demo/function_app.py:hello"
```

```console
$ func start
```
"""


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


@pytest.fixture
def repo(tmp_path):
    """A repository with one sample, one section and one page that includes it."""
    write(tmp_path, {"samples/demo/function_app.py": SAMPLE_CODE, "docs/index.md": PAGE})
    return tmp_path


def problems(root: Path) -> list[str]:
    report, _, _ = check_snippets.check_sources(root)
    return report.problems


def test_clean_repository_passes(repo, capsys):
    assert problems(repo) == []
    assert check_snippets.main(["--root", str(repo)]) == 0
    assert "snippet gate: OK (1 includes, 1 sections)" in capsys.readouterr().out


def test_inline_code_block_fails(repo):
    write(repo, {"docs/inline.md": "# Page\n\n```python\nprint('typed by hand')\n```\n"})

    assert problems(repo) == [
        "docs/inline.md:3: inline code block (python): include it from a sample with --8<-- "
        "(only console and text blocks may be inline)"
    ]


def test_inline_block_inside_a_tab_fails(repo):
    page = '=== "v2 model"\n\n    ```json\n    {"version": "2.0"}\n    ```\n'
    write(repo, {"docs/tabbed.md": page})

    assert [p.split(": ")[0] for p in problems(repo)] == ["docs/tabbed.md:3"]


def test_code_block_without_language_fails(repo):
    write(repo, {"docs/bare.md": "```\nsome code\n```\n"})

    assert "inline code block (no language)" in problems(repo)[0]


def test_include_mixed_with_inline_code_fails(repo):
    page = '```python\n--8<-- "samples/demo/function_app.py:hello"\nhello(None)\n```\n'
    write(repo, {"docs/mixed.md": page})

    assert "inline code block (python)" in problems(repo)[0]


def test_console_and_text_blocks_may_stay_inline(repo):
    write(repo, {"docs/output.md": "```text\nHello, Ada!\n```\n\n```console\n$ pytest\n```\n"})

    assert problems(repo) == []


def test_missing_section_fails(repo):
    write(repo, {"docs/index.md": PAGE.replace(":hello", ":goodbye")})

    assert problems(repo) == [
        "docs/index.md:4: section 'goodbye' not found in samples/demo/function_app.py",
        "samples/demo/function_app.py: section 'hello' is not included by any page",
    ]


def test_missing_file_fails(repo):
    write(repo, {"docs/other.md": '```json\n--8<-- "samples/demo/host.json"\n```\n'})

    assert problems(repo) == [
        "docs/other.md:2: included file samples/demo/host.json does not exist"
    ]


def test_unclosed_section_fails(repo):
    code = SAMPLE_CODE.replace("# --8<-- [end:hello]\n", "")
    write(repo, {"samples/demo/function_app.py": code})

    assert problems(repo) == [
        "samples/demo/function_app.py:3: section 'hello' is never closed with [end:hello]"
    ]


def test_end_without_start_fails(repo):
    write(repo, {"samples/demo/function_app.py": SAMPLE_CODE + "# --8<-- [end:extra]\n"})

    assert problems(repo) == [
        "samples/demo/function_app.py:9: end of section 'extra' without a start"
    ]


def test_section_started_twice_fails(repo):
    code = SAMPLE_CODE + "# --8<-- [start:hello]\nx = 1\n# --8<-- [end:hello]\n"
    write(repo, {"samples/demo/function_app.py": code})

    assert "section 'hello' starts a second time" in problems(repo)[0]


def test_unused_section_fails(repo):
    code = SAMPLE_CODE + "\n# --8<-- [start:unused]\nx = 1\n# --8<-- [end:unused]\n"
    write(repo, {"samples/demo/function_app.py": code})

    assert problems(repo) == [
        "samples/demo/function_app.py: section 'unused' is not included by any page"
    ]


def test_include_by_line_numbers_fails(repo):
    write(repo, {"docs/lines.md": '```python\n--8<-- "samples/demo/function_app.py:3:5"\n```\n'})

    assert problems(repo) == [
        "docs/lines.md:2: 'samples/demo/function_app.py:3:5' includes by line numbers: "
        "use a named section"
    ]


def test_include_outside_a_code_block_fails(repo):
    write(repo, {"docs/loose.md": '--8<-- "samples/demo/function_app.py:hello"\n'})

    assert "snippet include outside a fenced code block" in problems(repo)[0]


def test_generated_markdown_may_be_included_outside_a_code_block(repo):
    write(
        repo,
        {
            "docs/generated/functions/demo.md": "| Function |\n| --- |\n| hello |\n",
            "docs/samples.md": '## Functions\n\n--8<-- "docs/generated/functions/demo.md"\n',
        },
    )

    assert problems(repo) == []


def test_missing_generated_markdown_fails(repo):
    write(repo, {"docs/samples.md": '--8<-- "docs/generated/functions/gone.md"\n'})

    assert problems(repo) == [
        "docs/samples.md:1: included file docs/generated/functions/gone.md does not exist"
    ]


def test_model_tab_with_another_label_fails(repo):
    write(repo, {"docs/tabs.md": '=== "V2 Model"\n\n    Text.\n\n=== "v1 model"\n\n    Text.\n'})

    assert problems(repo) == [
        'docs/tabs.md:1: tab label "V2 Model": use exactly "v1 model" or "v2 model"'
    ]


def test_unclosed_code_block_fails(repo):
    write(repo, {"docs/open.md": '```python\n--8<-- "samples/demo/function_app.py:hello"\n'})

    assert "code block is never closed" in problems(repo)[0]


def test_main_exits_1_and_lists_problems(repo, capsys):
    write(repo, {"docs/inline.md": "```python\nx = 1\n```\n"})

    assert check_snippets.main(["--root", str(repo)]) == 1
    out = capsys.readouterr().out
    assert "docs/inline.md:1: inline code block" in out
    assert "snippet gate: 1 problem(s)" in out


def built_page(code_html: str, language: str = "python") -> str:
    return (
        f'<html><body><article><div class="language-{language} highlight">'
        f"<pre><span></span><code>{code_html}</code></pre></div></article></body></html>"
    )


def test_built_site_with_only_included_code_passes(repo):
    rendered = (
        '<span class="k">def</span> <span class="nf">hello</span>(req):\n'
        '    <span class="k">return</span> func.HttpResponse(&quot;Hello&quot;)\n'
    )
    write(repo, {"site/index.html": built_page(rendered)})
    _, samples, includes = check_snippets.check_sources(repo)

    assert check_snippets.check_site(repo, repo / "site", samples, includes).problems == []


def test_built_site_with_an_inline_block_fails(repo):
    write(repo, {"site/page/index.html": built_page("print(&quot;typed by hand&quot;)")})
    _, samples, includes = check_snippets.check_sources(repo)

    report = check_snippets.check_site(repo, repo / "site", samples, includes)

    assert report.problems == [
        "page/index.html: code block not included from a sample: 'print(\"typed by hand\")'"
    ]


def test_built_site_console_blocks_and_api_reference_are_exempt(repo):
    write(
        repo,
        {
            "site/index.html": built_page("$ func start", language="console"),
            "site/reference/azure-functions/index.html": built_page("def route(self): ..."),
        },
    )
    _, samples, includes = check_snippets.check_sources(repo)

    assert check_snippets.check_site(repo, repo / "site", samples, includes).problems == []


def test_sample_page_must_link_to_the_pages_showing_its_code(repo):
    write(repo, {"docs/samples/demo.md": "# Sample: demo\n\nShown on the home page.\n"})

    assert problems(repo) == [
        "docs/samples/demo.md: doesn't link to index.md, which shows this sample's code"
    ]


def test_sample_page_linking_to_the_pages_showing_its_code_passes(repo):
    write(repo, {"docs/samples/demo.md": "# Sample: demo\n\nShown [here](../index.md#hello).\n"})

    assert problems(repo) == []


@pytest.mark.parametrize(
    "code, message",
    [
        ("import tempfile\nTMP = tempfile.getemptydir()\n", "E02"),
        ("@app.write_blob(arg_name='out', path='x/y', connection='C')\ndef f(out): ...\n", "E04"),
        ("from opencensus.ext.azure import metrics_exporter\n", "E08"),
    ],
)
def test_known_errors_of_the_old_docs_fail(repo, code, message):
    write(repo, {"samples/demo/old.py": code})

    assert [p.split(": ")[1] for p in problems(repo)] == [message]


def test_an_old_extension_bundle_fails(repo):
    host = '{"version": "2.0", "extensionBundle": {"id": "x", "version": "[3.*, 4.0.0)"}}'
    write(repo, {"samples/demo/host.json": host})

    assert problems(repo) == [
        "samples/demo/host.json: E09: extension bundle [3.*, 4.0.0); "
        "the current range is [4.*, 5.0.0)"
    ]


def test_broken_apps_are_a_snippet_source_whose_sections_must_be_used(repo):
    broken = "tools/conformance/broken_apps/demo/function_app.py"
    code = "# --8<-- [start:bad-import]\nimport requests\n# --8<-- [end:bad-import]\n"
    write(repo, {broken: code})

    assert problems(repo) == [f"{broken}: section 'bad-import' is not included by any page"]

    page = f'# Fails\n\n```python\n--8<-- "{broken}:bad-import"\n```\n'
    write(repo, {"docs/troubleshooting.md": page})

    assert problems(repo) == []
