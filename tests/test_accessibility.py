"""Accessibility of the built site: axe-core (shipped by axe-playwright-python) in headless Chromium
on the home page, a category page, a case page and two listing pages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = ["/", "/categories/dispute-resolution/", "/cases/shandong-zaozhuang-2022/", "/regions/", "/practices/"]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def audits(server: str, browser) -> dict[str, dict]:
    """axe's violations, the document language and the headings of each page, audited once."""
    axe, results = Axe(), {}
    for path in PAGES:
        page = browser.new_page()
        page.goto(server + path, wait_until="networkidle")
        results[path] = {
            "violations": axe.run(page).response["violations"],
            "lang": page.evaluate("document.documentElement.lang"),
            "headings": page.evaluate(
                "[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1]))"),
        }
        page.close()
    return results


def _summary(violations: list[dict]) -> list[str]:
    return [f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
            for v in violations]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(audits, path):
    found = [v for v in audits[path]["violations"] if v["impact"] in BLOCKING]
    assert _summary(found) == []


@pytest.mark.parametrize("path", PAGES)
def test_language_is_chinese(audits, path):
    assert audits[path]["lang"] in {"zh", "zh-CN", "zh-Hans"}
    assert not {"html-has-lang", "html-lang-valid", "valid-lang"} & {v["id"] for v in audits[path]["violations"]}


@pytest.mark.parametrize("path", PAGES)
def test_headings_in_order(audits, path):
    levels = audits[path]["headings"]
    assert levels[0] == 1 and levels.count(1) == 1, levels  # one title, first
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels  # no level skipped going down
