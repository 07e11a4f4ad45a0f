"""Every page of the built site, opened in Chromium the way a first-time reader opens it.

Each page: no console error or failed request, every internal link and anchor leads somewhere,
no empty code block. Then the gallery's downloads, search, llms.txt and the 404 page. The
first-load weight of every page is measured; the heaviest is printed, and with
RECORD_PAGE_WEIGHT=<file> (`nox -s site-browser -- --record`) written for the site to show.
"""

from __future__ import annotations

import html.parser
import importlib.util
import io
import os
import sys
import urllib.parse
import zipfile
from functools import cache
from pathlib import Path

import pytest
from conftest import PREFIX, REPO, SITE

# The goal for the heaviest page's first load, in bytes (KB = 1000 bytes).
PAGE_WEIGHT_GOAL = 400_000
_spec = importlib.util.spec_from_file_location("sample_registry", REPO / "tools" / "samples.py")
registry = sys.modules.get(_spec.name) or importlib.util.module_from_spec(_spec)
if _spec.name not in sys.modules:
    sys.modules[_spec.name] = registry
    _spec.loader.exec_module(registry)


def built_pages() -> list[str]:
    """Every page of the site, as a path under the site's base ("" is the home page)."""
    if not SITE.is_dir():
        return []
    pages = []
    for index in sorted(SITE.rglob("index.html")):
        rel = index.parent.relative_to(SITE).as_posix()
        if rel.split("/")[0] in ("assets", "search", "downloads"):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


PAGES = built_pages()
# Page -> bytes its first load transferred; filled by test_page, read by the weight test.
WEIGHTS: dict[str, int] = {}


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])


@cache
def ids_of(file: Path) -> frozenset[str]:
    parser = _Ids()
    parser.feed(file.read_text(encoding="utf-8"))
    return frozenset(parser.ids)


def file_for(url_path: str) -> Path | None:
    """The built file a link's path leads to, or None."""
    if not url_path.startswith(PREFIX):
        return None
    target = SITE / urllib.parse.unquote(url_path[len(PREFIX) :])
    if url_path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def broken_links(page, base: str) -> list[str]:
    """Internal links of the page whose file or anchor doesn't exist."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    broken = []
    for href in sorted(set(hrefs)):
        if not href.startswith(base):
            continue  # another site: not checked here (no network)
        parts = urllib.parse.urlsplit(href)
        target = file_for(parts.path)
        if target is None:
            broken.append(f"{href}: no such page or file")
        elif parts.fragment and target.suffix == ".html":
            anchor = urllib.parse.unquote(parts.fragment)
            if anchor not in ids_of(target):
                broken.append(f"{href}: no anchor #{anchor}")
    return broken


def origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def github_api() -> str:
    """Where the header's repository link asks GitHub for its stars and latest release."""
    repo = registry.repo_url(REPO).removeprefix("https://github.com/")
    return f"https://api.github.com/repos/{repo}"


def watch(page, site_origin: str) -> tuple[list[str], list]:
    """Console errors, script errors and failed requests of a page; and its requests.

    This machine has no network: a request to another site is answered with a failure at
    once. The only one allowed is the theme's question to GitHub's API about the repository
    (the reader's browser asks it; the header shows the answer, or nothing).
    """
    errors, finished = [], []
    allowed = github_api()
    page.route(lambda url: not url.startswith(site_origin), lambda route: route.abort())

    def console(message):
        if message.type == "error" and not message.location.get("url", "").startswith(allowed):
            errors.append(f"console: {message.text}")

    def failed(request):
        if not request.url.startswith(allowed):
            errors.append(f"failed: {request.url} {request.failure}")

    page.on("console", console)
    page.on("pageerror", lambda e: errors.append(f"script error: {e}"))
    page.on("requestfailed", failed)
    page.on("requestfinished", lambda r: finished.append(r))
    return errors, finished


@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_page(context, site_url, path):
    page = context.new_page()
    errors, transferred = watch(page, origin(site_url))

    response = page.goto(f"{site_url}/{path}", wait_until="networkidle")

    assert response.status == 200
    sizes = [r.sizes() for r in transferred]
    WEIGHTS[path] = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
    assert errors == []
    assert broken_links(page, origin(site_url) + PREFIX) == []
    empty = page.eval_on_selector_all(
        "pre code", "blocks => blocks.filter(b => !b.textContent.trim()).length"
    )
    assert empty == 0, f"{empty} empty code block(s)"
    # The header links the repository; the page links its source to edit.
    assert page.locator(".md-header a.md-source").get_attribute("href") == registry.repo_url(REPO)
    edit = page.locator("a.md-content__button[href*='/edit/main/docs/']")
    assert edit.count() == 1, "no 'edit this page' link"


def test_every_sample_download_is_served_and_is_the_tested_one(context, site_url, tmp_path):
    page = context.new_page()
    page.goto(f"{site_url}/gallery/")
    links = page.eval_on_selector_all("a[href$='.zip']", "links => links.map(a => a.href)")
    by_name = {Path(urllib.parse.urlsplit(u).path).stem: u for u in links}

    assert sorted(by_name) == registry.names(REPO)
    for name, url in by_name.items():
        response = context.request.get(url)
        assert response.status == 200, url
        with zipfile.ZipFile(io.BytesIO(response.body())) as archive:
            files = archive.namelist()
        assert all(f.startswith(f"{name}/") for f in files)
        assert {f"{name}/README.md", f"{name}/requirements.txt"} <= set(files)
        assert any(f.startswith(f"{name}/tests/") for f in files)
        # The very bytes test-samples unzips and tests (tools/samples.py builds both).
        fresh = registry.build_zip(name, tmp_path, REPO)
        assert response.body() == fresh.read_bytes(), f"{name}.zip differs from the tested one"


@pytest.mark.parametrize(
    ("query", "expected_page"),
    [
        ("DoubleValue", "unit-testing/"),  # a function's name
        ("must start with a slash", "web-frameworks/"),  # an error message
    ],
)
def test_search_finds_it(page, site_url, query, expected_page):
    page.goto(f"{site_url}/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=30_000)  # the index builds in a worker
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any(urllib.parse.urlsplit(h).path.endswith(PREFIX + expected_page) for h in hrefs), hrefs


def test_llms_txt_lists_every_page(context, site_url):
    response = context.request.get(f"{site_url}/llms.txt")
    assert response.status == 200
    text = response.text()
    assert text.startswith("# ")
    for path in PAGES:
        if path.startswith("404"):
            continue
        assert f"{PREFIX}{path})" in text, f"llms.txt doesn't list {path or 'the home page'}"


def test_a_missing_page_gets_the_sites_404_page(context, site_url):
    page = context.new_page()
    errors, _ = watch(page, origin(site_url))
    response = page.goto(f"{site_url}/no-such-page/", wait_until="networkidle")

    assert response.status == 404
    assert "404" in page.locator("article, .md-content").first.inner_text()
    # Chromium reports the 404 of the page itself as a console error; nothing else may fail.
    assert [e for e in errors if "status of 404" not in e] == []
    # Its styles and scripts load from the site's base, whatever the missing address was.
    assert page.locator(".md-header").is_visible()


def test_the_heaviest_page_is_within_the_goal():
    if len(WEIGHTS) < len(PAGES):
        pytest.skip("page weights come from test_page, which didn't run for every page")
    heaviest = max(WEIGHTS, key=WEIGHTS.get)
    line = (
        f"| `{PREFIX}{heaviest}` | {WEIGHTS[heaviest] / 1000:.0f} KB | "
        f"{PAGE_WEIGHT_GOAL / 1000:.0f} KB | {len(WEIGHTS)} |"
    )
    table = (
        "<!-- Written by `nox -s site-browser -- --record` (tools/browser_tests). "
        "Don't edit it: run the session again. -->\n\n"
        "| Heaviest page | First load (bytes as sent, gzip) | Goal | Pages measured |\n"
        "| --- | --- | --- | --- |\n"
        f"{line}\n"
    )
    print(f"\nheaviest first load: {heaviest or 'home'} {WEIGHTS[heaviest]} bytes")
    record = os.environ.get("RECORD_PAGE_WEIGHT")
    if record:
        Path(record).write_text(table, encoding="utf-8")
        print(f"recorded in {record}")
    assert WEIGHTS[heaviest] <= PAGE_WEIGHT_GOAL, table
