"""Shared fixtures: scratch copies of the project, so tests never touch the real cases or site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from support import scratch_project

CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by scripts/install-system-deps.sh
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def good_case_text() -> str:
    return (FIXTURES / "good-case.yml").read_text(encoding="utf-8")


def make_project(root: Path, cases: dict[str, str], *, bundled: bool = False) -> Path:
    """A project at `root` with the repo's site setup and taxonomy, and the given case files."""
    scratch_project(root)
    if bundled:
        shutil.copytree(REPO / "cases", root / "cases", dirs_exist_ok=True)
    for rel, text in cases.items():
        path = root / "cases" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def write_files(root: Path, files: dict[str, str]) -> Path:
    """The given text files under `root` (a hand-made site, say); returns `root`."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def file_contents(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path relative to it, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def rendered_outputs(renderer) -> dict[str, str]:
    """Every file a Renderer makes, path under docs/ → text."""
    return {path: text() for path, text in renderer.outputs().items()}


def casebook(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook", "--root", str(root), *args],
                          capture_output=True, text=True, env=os.environ)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project holding the one fictional fixture case."""
    return make_project(tmp_path, {"ceshi/ceshi-shili-2024.yml": good_case_text()})


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The site built from the bundled cases, once per test session."""
    root = make_project(tmp_path_factory.mktemp("bundled"), {}, bundled=True)
    result = casebook(root, "build")
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "site"


@contextlib.contextmanager
def serving(site: Path):
    """The built site over HTTP on a free loopback port; yields its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class QuietServer(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a page closed mid-download (the search worker stops reading): expected

    httpd = QuietServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(bundled_site: Path):
    with serving(bundled_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()
