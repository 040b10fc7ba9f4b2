"""What a reader sees, in a real headless Chromium (Debian's /usr/bin/chromium)."""

from __future__ import annotations

import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from casebook.normalise import to_simplified

QUERIES = [q.strip() for q in (Path(__file__).parent / "search-queries.txt").read_text(encoding="utf-8").splitlines()
           if q.strip() and not q.startswith("#")]


@pytest.mark.parametrize("path", ["/", "/categories/dispute-resolution/", "/cases/shandong-zaozhuang-2022/"])
def test_page_loads_everything_from_the_site_itself(page, server, path):
    requests, failures = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.goto(server + path, wait_until="networkidle")
    assert page.locator("h1").first.inner_text().strip()
    assert failures == []
    assert requests and all(u.startswith(server) for u in requests), [u for u in requests if not u.startswith(server)]


def test_practice_link_from_a_category_lands_on_that_practice(page, server):
    page.goto(server + "/categories/dispute-resolution/")
    link = page.locator("a[href*='shandong-zibo-2021/#pre-litigation-mediation']")
    link.click()
    page.wait_for_url(re.compile(r".*/cases/shandong-zibo-2021/#pre-litigation-mediation$"))
    heading = page.locator("#pre-litigation-mediation")
    page.wait_for_function("() => { const r = document.getElementById('pre-litigation-mediation')"
                           ".getBoundingClientRect(); return r.top >= 0 && r.top < 200 }")
    assert "诉" in heading.inner_text()
    assert page.evaluate("window.scrollY") > 500


class _ArticleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "article"
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.depth -= tag == "article" and self.depth > 0
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def fold(text: str) -> str:
    return re.sub(r"\s+", "", to_simplified(text)).lower()


@pytest.fixture(scope="module")
def page_texts(bundled_site: Path) -> dict[str, str]:
    texts = {}
    for html in bundled_site.rglob("index.html"):
        parser = _ArticleText()
        parser.feed(html.read_text(encoding="utf-8"))
        url = "/" + html.parent.relative_to(bundled_site).as_posix() + "/"
        texts[url.replace("/./", "/")] = fold("".join(parser.parts))
    return texts


def result_pages(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    pages = []
    for href in hrefs:
        path = urllib.parse.unquote(urllib.parse.urlparse(href).path)
        if path not in pages:
            pages.append(path)
    return pages


@pytest.mark.parametrize("query", QUERIES)
def test_search_link_shows_every_case_that_contains_the_query(page, server, page_texts, query):
    parts = [fold(p) for p in query.split()]
    relevant_cases = {u for u, t in page_texts.items()
                      if u.startswith("/cases/") and u != "/cases/" and all(p in t for p in parts)}
    page.goto(server + "/?q=" + urllib.parse.quote(query))
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && /符合条件/.test(m.innerText) }")  # a count, or 没有找到符合条件的结果
    shown = result_pages(page)
    if not any(all(p in t for p in parts) for t in page_texts.values()):
        assert shown == [] and "没有" in meta.inner_text()
    assert relevant_cases <= set(shown), f"missing {relevant_cases - set(shown)}"
    for url in shown:
        assert all(p in page_texts[url] for p in parts), f"{url} does not contain {query}"
    if shown:
        marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
        only_parts = re.compile("(?:" + "|".join(map(re.escape, parts)) + ")+")
        assert marks and all(only_parts.fullmatch(fold(m)) for m in marks), marks
