"""Serve the built site as GitHub Pages does, and drive Chromium on it.

The server answers under the path of mkdocs.yml's site_url (as the published site lives
under /<repository>/), answers a missing page with 404.html and status 404, and compresses
text with gzip, so what the browser downloads here is what a reader downloads there.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import os
import re
import shutil
import threading
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent.parent
SITE = Path(os.environ.get("SITE_DIR", REPO / "site")).resolve()
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Chromium as root, in a sandbox with no network but loopback.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".map"}


def site_path() -> str:
    """The path part of site_url in mkdocs.yml, such as /guide/ ("/" without one)."""
    match = re.search(r"^site_url:\s*(\S+)", (REPO / "mkdocs.yml").read_text(), re.M)
    path = urllib.parse.urlparse(match[1]).path if match else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


PREFIX = site_path()


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of the built site under PREFIX, like GitHub Pages."""

    def log_message(self, format, *args):
        pass

    def do_HEAD(self):
        self.answer(send_body=False)

    def do_GET(self):
        self.answer(send_body=True)

    def locate(self) -> tuple[int, Path | str]:
        """(200, file), (301, new location) or (404, 404.html)."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        not_found = (404, SITE / "404.html")
        if not path.startswith(PREFIX) and path + "/" != PREFIX:
            return not_found
        target = (SITE / path[len(PREFIX) :]).resolve()
        if not target.is_relative_to(SITE):
            return not_found
        if target.is_dir():
            if not path.endswith("/"):
                return 301, path + "/"
            target = target / "index.html"
        return (200, target) if target.is_file() else not_found

    def answer(self, send_body: bool) -> None:
        status, found = self.locate()
        if status == 301:
            self.send_response(301)
            self.send_header("Location", str(found))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = found.read_bytes()
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header(
            "Content-Type", kind + ("; charset=utf-8" if kind.startswith("text") else "")
        )
        if found.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url():
    """The site's base address, without a trailing slash: f"{site_url}/gallery/"."""
    if not (SITE / "index.html").is_file():
        pytest.fail(f"No built site in {SITE}: run mkdocs build first (nox -s site-browser does).")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PagesHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{PREFIX.rstrip('/')}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it (Debian/Ubuntu: apt-get install "
            "chromium) or set CHROMIUM to the path of a Chromium or Chrome binary."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile: empty cache, empty storage."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
