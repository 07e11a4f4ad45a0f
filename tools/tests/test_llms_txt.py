"""llms.txt lists every page of the nav with its address on the published site."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import llms_txt  # noqa: E402

MKDOCS = """\
site_name: Demo guide
site_description: >-
  A demo
  guide.
site_url: https://owner.github.io/guide/
nav:
  - Home: index.md
  - HTTP:
      - HTTP trigger: http-trigger.md
      - Samples:
          - demo: samples/demo.md
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_lists_each_page_by_section_with_its_first_paragraph(tmp_path):
    write(
        tmp_path,
        {
            "mkdocs.yml": MKDOCS,
            "docs/index.md": "# Demo\n\nThe **home** page, see [HTTP](http-trigger.md).\n",
            "docs/http-trigger.md": (
                "# HTTP trigger\n\n!!! note\n\n"
                "Gets a [`func.HttpRequest`][azure.functions.HttpRequest].\n"
            ),
            "docs/samples/demo.md": '# Sample: demo\n\n--8<-- "docs/generated/functions/demo.md"\n',
        },
    )
    text = llms_txt.llms_txt(tmp_path)

    assert text.startswith("# Demo guide\n\n> A demo guide.\n")
    assert (
        "## Guide\n\n- [Demo](https://owner.github.io/guide/): The home page, see HTTP.\n" in text
    )
    http = "- [HTTP trigger](https://owner.github.io/guide/http-trigger/)"
    assert f"## HTTP\n\n{http}: Gets a `func.HttpRequest`." in text
    assert "## Samples\n\n- [Sample: demo](https://owner.github.io/guide/samples/demo/)\n" in text


def test_writes_into_a_built_site_only(tmp_path, capsys):
    write(tmp_path, {"mkdocs.yml": MKDOCS, "docs/index.md": "# Demo\n"})
    assert llms_txt.main(["--root", str(tmp_path), "--site", "site"]) == 1
    write(tmp_path, {"site/index.html": "<html></html>"})
    write(tmp_path, {"docs/http-trigger.md": "# HTTP\n", "docs/samples/demo.md": "# demo\n"})
    assert llms_txt.main(["--root", str(tmp_path), "--site", "site"]) == 0
    assert (tmp_path / "site" / "llms.txt").read_text().startswith("# Demo guide")
