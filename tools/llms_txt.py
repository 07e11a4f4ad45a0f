"""Write llms.txt into a built site: a plain-text index of its pages for tools that read docs.

The format is llmstxt.org's: the site's name as a heading, its description as a quote, then
one section per group of the nav, each page a link with the first paragraph of the page.
Everything comes from mkdocs.yml (site_name, site_description, site_url, nav) and the pages
themselves; the docs sessions run this after the build (no plugin, so Zensical gets it too):

  python tools/llms_txt.py --site site
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*$")
# [text](target){ attrs } and autorefs' [text][identifier]: the reader of llms.txt gets the text.
LINK = re.compile(r"\[(?P<text>[^\]]+)\](\([^)]*\)|\[[^\]]*\])(\{[^}]*\})?")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV or !!python/name tags: read them as plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def page_url(site_url: str, page: str) -> str:
    """The address mkdocs gives a page (use_directory_urls): a/b.md -> a/b/, index.md -> ''."""
    path = page[: -len(".md")]
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    return site_url.rstrip("/") + "/" + path


def title_and_summary(markdown: str) -> tuple[str, str]:
    title, paragraph = "", []
    for line in markdown.splitlines():
        heading = HEADING.match(line)
        if not title:
            if heading:
                title = heading["title"]
            continue
        if not line.strip():
            if paragraph:
                break
            continue
        if line.lstrip().startswith(("#", "|", "```", "--8<--", "===", "!!!", "???", "<")):
            if paragraph:
                break
            continue
        paragraph.append(line.strip())
    summary = LINK.sub(lambda m: m["text"], " ".join(paragraph))
    return title, re.sub(r"\*\*?([^*]+)\*\*?", r"\1", summary)


def walk(nav: list, section: str, out: dict[str, list[tuple[str, str]]]) -> None:
    """Pages of the nav by section, in nav order; top-level pages go to the first section."""
    for entry in nav:
        if isinstance(entry, str):
            out.setdefault(section, []).append(("", entry))
            continue
        for label, value in entry.items():
            if isinstance(value, list):
                walk(value, label, out)
            elif isinstance(value, str) and value.endswith(".md"):
                out.setdefault(section, []).append((label, value))


def llms_txt(root: Path = ROOT) -> str:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    site_url = config.get("site_url") or "/"
    sections: dict[str, list[tuple[str, str]]] = {}
    walk(config.get("nav", []), "Guide", sections)
    lines = [f"# {config['site_name']}", ""]
    if config.get("site_description"):
        lines += [f"> {' '.join(config['site_description'].split())}", ""]
    lines += [
        "Every code block on these pages is included from a sample app that is tested; each "
        "sample's page links its source and a download of the sample alone.",
        "",
    ]
    for section, pages in sections.items():
        lines += [f"## {section}", ""]
        for label, page in pages:
            title, summary = title_and_summary((root / "docs" / page).read_text(encoding="utf-8"))
            entry = f"- [{title or label}]({page_url(site_url, page)})"
            lines.append(f"{entry}: {summary}" if summary else entry)
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--site", type=Path, required=True, help="the built site's folder")
    args = parser.parse_args(argv)
    site = args.site if args.site.is_absolute() else args.root / args.site
    if not (site / "index.html").is_file():
        print(f"{site}: no built site (build it first)")
        return 1
    text = llms_txt(args.root.resolve())
    (site / "llms.txt").write_text(text, encoding="utf-8")
    print(f"{site / 'llms.txt'}: {text.count(chr(10) + '- [')} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
