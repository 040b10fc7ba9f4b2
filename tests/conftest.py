"""Shared fixtures: scratch copies of the project, so tests never touch the real cases or site, the
built bundled site served over HTTP, and headless Chromium (plain helpers are in support.py).

Every test is of one kind, marked so a run can choose (`pytest -m unit` needs no browser and takes
seconds):
- browser: it drives Chromium (it uses the `page` or `browser` fixture);
- build: it builds a site or runs the `casebook` command (it uses `bundled_site` or `server`, or is
  marked `build` itself);
- unit: everything else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    casebook,
    good_case_text,
    make_project,
    serving,
)

_BROWSER_FIXTURES = {"page", "browser"}
_BUILD_FIXTURES = {"bundled_site", "server"}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & _BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        elif fixtures & _BUILD_FIXTURES or item.get_closest_marker("build"):
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)


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


@pytest.fixture(scope="session")
def server(bundled_site: Path):
    with serving(bundled_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import (
        sync_playwright,  # only browser tests need the browser stack
    )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()
