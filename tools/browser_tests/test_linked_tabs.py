"""In a real browser: the reader's choice of model follows them from page to page."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

SITE = Path(os.environ.get("SITE_DIR", "site")).resolve()
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# Chromium as root in a sandbox with no network but loopback.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def site_url():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"No built site in {SITE}: run mkdocs build first (nox -s site-browser does).")
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page():
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it (Debian: apt-get install chromium) "
            "or set CHROMIUM to its path."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()


def selected_tab_labels(page: Page) -> list[str]:
    """The label of the checked tab in every tab set of the page, in order."""
    return page.eval_on_selector_all(
        ".tabbed-set",
        """sets => sets.map(set => {
            const checked = set.querySelector(':scope > input:checked');
            return set.querySelector(`label[for="${checked.id}"]`).innerText.trim();
        })""",
    )


def visible_tab_code(page: Page) -> str:
    return "\n".join(page.locator(".tabbed-block:visible .highlight").all_inner_texts())


def test_the_chosen_model_follows_the_reader_to_the_next_page(page, site_url):
    page.goto(f"{site_url}/programming-model/")
    page.get_by_text("v2 model", exact=True).first.click()

    # Every tab set on the page switched together.
    assert set(selected_tab_labels(page)) == {"v2 model"}

    page.goto(f"{site_url}/unit-testing/")

    assert set(selected_tab_labels(page)) == {"v2 model"}
    assert '@app.function_name(name="DoubleValue")' in visible_tab_code(page)
    assert "def main(req: func.HttpRequest)" not in visible_tab_code(page)

    page.get_by_text("v1 model", exact=True).first.click()
    page.goto(f"{site_url}/http-trigger/")

    assert set(selected_tab_labels(page)) == {"v1 model"}
    assert "def main(req: func.HttpRequest)" in visible_tab_code(page)
