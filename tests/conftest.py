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
_BUILD_FIXTURES = {"bundled_site", "fork_site", "server"}
# A fork publishing on GitHub project pages: its own address, under a path, and its own repository.
FORK_SITE_URL = "https://fork-org.github.io/casebook/"
FORK_REPOSITORY = "https://github.com/fork-org/casebook"
ROOT_SITE_URL = "https://casebook.example.org/"  # mkdocs.yml's placeholder, at the root


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
    return make_project(tmp_path, {"zhejiang/ceshi-shili-2024.yml": good_case_text()})


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The site built from the bundled cases, once per test session."""
    root = make_project(tmp_path_factory.mktemp("bundled"), {}, bundled=True)
    result = casebook(root, "build")
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "site"


@pytest.fixture(scope="session")
def fork_site(tmp_path_factory) -> Path:
    """The bundled cases built as a fork would publish them: at its own address, under /casebook/."""
    root = make_project(tmp_path_factory.mktemp("fork"), {}, bundled=True)
    result = casebook(root, "build", "--publish", "--site-url", FORK_SITE_URL, "--repository", FORK_REPOSITORY)
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "site"


@pytest.fixture(scope="session", params=["/", "/casebook/"], ids=["root", "prefix"])
def server(request):
    """The bundled site served at the root, and a fork's served under /casebook/: every test that
    uses it runs on both (see support.Served)."""
    at_root = request.param == "/"
    site = request.getfixturevalue("bundled_site" if at_root else "fork_site")
    with serving(site, request.param, ROOT_SITE_URL if at_root else FORK_SITE_URL) as base:
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
