"""The snippet gate: every code block on the site comes from a sample, by named section.

Checks, on the sources:
- a fenced code block written inline in docs/ (only `console` and `text` blocks,
  terminal sessions and plain output, may be inline);
- an include of a file that doesn't exist, or of a section the file doesn't have;
- an include by line numbers (they drift when the file changes: use a named section);
- a `[start:name]` marker without its `[end:name]`, an end without a start, a name used twice;
- a section in a sample (or a broken app of tools/conformance/broken_apps/) that no page
  includes;
- a snippet include outside a fenced block, except of generated Markdown under docs/generated/;
- a content tab about a model labelled anything but "v1 model" or "v2 model"
  (linked tabs switch together only when their labels match exactly);
- a sample page (docs/samples/<name>.md) that doesn't link to every topic page showing
  that sample's code;
- code in a sample that repeats a known error of the old docs (KNOWN_ERRORS), or a host.json
  whose extension bundle isn't the current range.

With --site DIR, it also reads the built HTML and fails on any code block whose text
isn't exactly one of the included snippets (the API reference pages are left out:
mkdocstrings renders the library's own signatures there).

Exit status 0 when clean, 1 with one line per problem otherwise.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

# What a developer's machine adds to a sample (.venv, node_modules, caches): the registry's list.
from samples import is_local

# Languages a page may write inline: terminal sessions and plain output.
INLINE_LANGUAGES = {"console", "text"}
MODEL_TAB_LABELS = {"v1 model", "v2 model"}
# Built pages rendered by mkdocstrings from the installed library, not from samples.
API_REFERENCE_DIR = "reference"

# The marker syntax of pymdownx.snippets, for sections inside sample files.
SECTION_MARKER = re.compile(
    r"-{1,}8<-{1,}[ \t]+\[[ \t]*(?P<kind>start|end)[ \t]*:[ \t]*(?P<name>[a-z][-_0-9a-z]*)[ \t]*\]",
    re.IGNORECASE,
)
# An include line in a page: --8<-- "path" or --8<-- "path:section".
INCLUDE_LINE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
ANY_SNIPPET_SYNTAX = re.compile(r"-{1,}8<-{1,}")
FENCE_OPEN = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*)$")
MODEL_TAB = re.compile(r'^[ \t]*===[+!]*[ \t]+"(?P<label>[^"]*)"')
# Markdown written by a build step (such as the function manifests), included as page content.
GENERATED_MARKDOWN = re.compile(r"^docs/generated/[-_/0-9a-zA-Z]+\.md$")
# Code the old docs got wrong (shared/reference, E02, E04, E08, E09): never in a sample.
KNOWN_ERRORS = {
    re.compile(r"\bgetemptydir\b"): "E02: tempfile has no getemptydir(); use gettempdir()",
    re.compile(r"@\w+\.(read_blob|write_blob)\b"): "E04: use blob_input / blob_output",
    re.compile(r"^\s*(import|from)\s+opencensus", re.M): "E08: OpenCensus is retired",
}
CURRENT_BUNDLE = "[4.*, 5.0.0)"
# Apps broken on purpose (tools/conformance/broken_apps/): a snippet source like samples/.
BROKEN_APPS_DIR = Path("tools") / "conformance" / "broken_apps"
# The target of a Markdown link to a page, without its anchor: [text](../page.md#anchor).
MARKDOWN_LINK = re.compile(r"\]\((?!https?:)([^)#\s]+\.md)(?:#[^)\s]*)?\)")
LINE_RANGE = re.compile(r":-?\d*(:-?\d*)?(,-?\d*(:-?\d*)?)*$")
SECTION_SUFFIX = re.compile(r":(?P<section>[a-z][-_0-9a-z]*)$", re.IGNORECASE)

TEXT_SUFFIXES = {".py", ".json", ".txt", ".ini", ".toml", ".cfg", ".md", ".yml", ".yaml", ""}


@dataclass
class Include:
    page: Path
    line: int
    path: str
    section: str | None


@dataclass
class SampleFile:
    sections: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


def parse_sections(path: Path, rel: str, report: Report) -> SampleFile:
    """Read a sample file and the text of each named section in it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    sample = SampleFile()
    open_sections: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        marker = SECTION_MARKER.search(line)
        if not marker:
            for name in open_sections:
                sample.sections[name].append(line)
            continue
        name, kind = marker["name"], marker["kind"].lower()
        if kind == "start":
            if name in sample.sections:
                report.add(f"{rel}:{number}", f"section '{name}' starts a second time")
                continue
            open_sections[name] = number
            sample.sections[name] = []
        elif name in open_sections:
            del open_sections[name]
        else:
            report.add(f"{rel}:{number}", f"end of section '{name}' without a start")
    for name, number in open_sections.items():
        report.add(f"{rel}:{number}", f"section '{name}' is never closed with [end:{name}]")
    return sample


def read_samples(root: Path, samples_dir: Path, report: Report) -> dict[str, SampleFile]:
    """Every text file under samples/, keyed by its path from the repository root."""
    files = {}
    for path in sorted(samples_dir.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        if is_local(PurePosixPath(path.relative_to(samples_dir).as_posix()), is_dir=False):
            continue
        rel = path.relative_to(root).as_posix()
        try:
            files[rel] = parse_sections(path, rel, report)
        except UnicodeDecodeError:
            continue  # a binary file: it can't hold snippet sections
    return files


def scan_page(page: Path, rel: str, report: Report) -> list[Include]:
    """Find the includes of one page, reporting inline code and malformed includes."""
    includes = []
    lines = page.read_text(encoding="utf-8").splitlines()
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        tab = MODEL_TAB.match(line)
        about_a_model = tab and re.search(r"\bv[12]\b", tab["label"], re.IGNORECASE)
        if about_a_model and tab["label"] not in MODEL_TAB_LABELS:
            report.add(
                f"{rel}:{number}",
                f'tab label "{tab["label"]}": use exactly "v1 model" or "v2 model"',
            )
        opening = FENCE_OPEN.match(line)
        if not opening:
            include = INCLUDE_LINE.match(line)
            if include and GENERATED_MARKDOWN.match(include["target"]):
                includes.append(Include(Path(rel), number, include["target"], None))
            elif ANY_SNIPPET_SYNTAX.search(line):
                report.add(
                    f"{rel}:{number}",
                    "snippet include outside a fenced code block "
                    "(only generated Markdown under docs/generated/ may be included there)",
                )
            continue
        fence = opening["fence"]
        language = (opening["info"].split() or [""])[0].lstrip(".{").lower()
        start = number
        body = []
        while number < len(lines):
            closing = lines[number]
            number += 1
            stripped = closing.strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                break
            body.append(closing)
        else:
            report.add(f"{rel}:{start}", "code block is never closed")
        content = [b for b in body if b.strip()]
        if content and all(INCLUDE_LINE.match(b) for b in content):
            for offset, b in enumerate(body, start=start + 1):
                match = INCLUDE_LINE.match(b)
                if match:
                    includes.append(parse_include(rel, offset, match["target"], report))
        elif language not in INLINE_LANGUAGES:
            report.add(
                f"{rel}:{start}",
                f"inline code block ({language or 'no language'}): include it from a sample "
                "with --8<-- (only console and text blocks may be inline)",
            )
    return [i for i in includes if i is not None]


def parse_include(rel: str, number: int, target: str, report: Report) -> Include | None:
    if LINE_RANGE.search(target):
        report.add(f"{rel}:{number}", f"'{target}' includes by line numbers: use a named section")
        return None
    section = SECTION_SUFFIX.search(target)
    if section:
        return Include(Path(rel), number, target[: section.start()], section["section"])
    return Include(Path(rel), number, target, None)


def check_sources(root: Path) -> tuple[Report, dict[str, SampleFile], list[Include]]:
    report = Report()
    docs_dir, samples_dir = root / "docs", root / "samples"
    samples = read_samples(root, samples_dir, report) if samples_dir.is_dir() else {}
    # The broken apps of the conformance harness: the Troubleshooting page shows their code.
    broken_apps = root / BROKEN_APPS_DIR
    if broken_apps.is_dir():
        samples.update(read_samples(root, broken_apps, report))
    includes: list[Include] = []
    for page in sorted(docs_dir.rglob("*.md")):
        includes += scan_page(page, page.relative_to(root).as_posix(), report)

    used: set[tuple[str, str]] = set()
    for include in includes:
        where = f"{include.page.as_posix()}:{include.line}"
        if not (root / include.path).is_file():
            report.add(where, f"included file {include.path} does not exist")
            continue
        if include.section is None:
            continue
        sample = samples.get(include.path)
        if sample is None or include.section not in sample.sections:
            report.add(where, f"section '{include.section}' not found in {include.path}")
            continue
        used.add((include.path, include.section))

    for rel, sample in samples.items():
        for name in sample.sections:
            if (rel, name) not in used:
                report.add(rel, f"section '{name}' is not included by any page")
    check_sample_pages_link_back(docs_dir, includes, report)
    check_known_errors(root, samples, report)
    return report, samples, includes


def check_known_errors(root: Path, samples: dict[str, SampleFile], report: Report) -> None:
    """Sample code never repeats what the old docs got wrong."""
    for rel in samples:
        text = (root / rel).read_text(encoding="utf-8")
        if rel.endswith(".py"):
            for pattern, message in KNOWN_ERRORS.items():
                if pattern.search(text):
                    report.add(rel, message)
        if rel.endswith("/host.json"):
            bundle = json.loads(text).get("extensionBundle", {}).get("version")
            if bundle is not None and bundle != CURRENT_BUNDLE:
                report.add(
                    rel, f"E09: extension bundle {bundle}; the current range is {CURRENT_BUNDLE}"
                )


def check_sample_pages_link_back(docs_dir: Path, includes: list[Include], report: Report) -> None:
    """A sample's page links to every topic page that shows the sample's code."""
    shown_on: dict[str, set[Path]] = {}
    for include in includes:
        parts = Path(include.path).parts
        page = include.page.relative_to("docs") if include.page.parts[0] == "docs" else None
        if len(parts) > 2 and parts[0] == "samples" and page and page.parts[0] != "samples":
            shown_on.setdefault(parts[1], set()).add(page)
    for sample, pages in sorted(shown_on.items()):
        sample_page = docs_dir / "samples" / f"{sample}.md"
        if not sample_page.is_file():
            continue  # whether the page exists is the sample registry's check
        links = {
            (sample_page.parent / target).resolve()
            for target in MARKDOWN_LINK.findall(sample_page.read_text(encoding="utf-8"))
        }
        for page in sorted(pages):
            if (docs_dir / page).resolve() not in links:
                report.add(
                    f"docs/samples/{sample}.md",
                    f"doesn't link to {page.as_posix()}, which shows this sample's code",
                )


def rendered_text(lines: list[str]) -> str:
    """A snippet as it appears on the page: marker lines gone, dedented, outer blank lines off."""
    kept = [line.rstrip() for line in lines if not SECTION_MARKER.search(line)]
    return textwrap.dedent("\n".join(kept)).strip("\n")


class CodeBlockParser(HTMLParser):
    """Collect the text and language of each <pre> block in a built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._language = ""
        self._depth = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "highlight" in classes:
            languages = [c[len("language-") :] for c in classes if c.startswith("language-")]
            self._language = languages[0] if languages else ""
        if tag == "pre":
            self._depth += 1
            self._text = []

    def handle_endtag(self, tag):
        if tag == "pre" and self._depth:
            self._depth -= 1
            self.blocks.append((self._language, "".join(self._text)))
            self._language = ""

    def handle_data(self, data):
        if self._depth:
            self._text.append(data)


def check_site(root: Path, site: Path, samples: dict[str, SampleFile], includes) -> Report:
    report = Report()
    expected = set()
    for include in includes:
        if include.section is not None and include.path in samples:
            expected.add(rendered_text(samples[include.path].sections[include.section]))
        elif (root / include.path).is_file():
            expected.add(rendered_text((root / include.path).read_text().splitlines()))
    pages = sorted(site.rglob("*.html"))
    if not pages:
        report.add(str(site), "no built pages found")
    for page in pages:
        rel = page.relative_to(site)
        if rel.parts[0] == API_REFERENCE_DIR or rel.name == "404.html":
            continue
        parser = CodeBlockParser()
        parser.feed(page.read_text(encoding="utf-8"))
        for language, text in parser.blocks:
            if language in INLINE_LANGUAGES:
                continue
            block = "\n".join(line.rstrip() for line in html.unescape(text).split("\n"))
            if block.strip("\n") not in expected:
                first = block.strip().splitlines()[0] if block.strip() else "(empty)"
                report.add(rel.as_posix(), f"code block not included from a sample: {first!r}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--site", type=Path, help="also check the built site in this folder")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    report, samples, includes = check_sources(root)
    if args.site is not None:
        site = args.site if args.site.is_absolute() else root / args.site
        report.problems += check_site(root, site, samples, includes).problems

    for problem in report.problems:
        print(problem)
    sections = sum(len(s.sections) for s in samples.values())
    if report.problems:
        print(f"snippet gate: {len(report.problems)} problem(s)")
        return 1
    checked = f"{len(includes)} includes, {sections} sections"
    print(f"snippet gate: OK ({checked}{', built site' if args.site else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
