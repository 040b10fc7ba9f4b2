"""The first screen of search results comes before the rest of the answer is read.

The worker answers twice: once a screen (SCREEN results) is ready, then with the fuller list. Here
the text pieces beyond the first screen are held back in the browser, so a worker that waited
for them before answering would never answer; then they are let through.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

import pytest

from casebook.built.search_index import Folder
from support import serving, write_worker_site

SCREEN, RESULT_PAGES = 10, 50  # as in casebook-search.js
PIECE_URL = re.compile(r"/search/text/(\d+)\.json")

# A worker beside the index, whose answers (each the pages of its results) pile up in `answers`.
START_WORKER = """async () => {
  const index = await (await fetch("search/search_index.json")).json()
  window.answers = []
  window.worker = new Worker("assets/javascripts/casebook-search.js")
  await new Promise(ready => {
    worker.onmessage = ({ data }) => data.type === 1 ? ready()
      : answers.push(data.data.items.map(group => group[0].location.split("#")[0]))
    worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs } })
  })
}"""


class Index:
    """The text pieces of a written index, folded as the worker folds them."""

    def __init__(self, site: Path):
        config = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]
        fold = Folder(config["fold"])
        self.pieces = []  # (page, folded text) of each piece
        for n in range(config["chunks"]["pieces"]):
            docs = json.loads((site / f"search/text/{n}.json").read_text(encoding="utf-8"))
            self.pieces.append((docs[0]["location"].split("#")[0],
                                " ".join(fold(doc["title"]) + " " + fold(doc["text"]) for doc in docs)))

    def pages_holding(self, char: str) -> list[str]:
        """Pages in rank order with a piece that holds the character."""
        return list(dict.fromkeys(page for page, text in self.pieces if char in text))

    def pieces_of(self, pages: list[str]) -> set[int]:
        return {n for n, (page, _) in enumerate(self.pieces) if page in pages}


class HeldPieces:
    """Serves only the allowed text pieces and holds back the others until they are allowed."""

    def __init__(self, page, allowed: set[int]):
        self.allowed, self.held = set(allowed), []
        page.context.route(PIECE_URL, self._handle)

    def _handle(self, route):
        self.held.append((int(PIECE_URL.search(route.request.url)[1]), route))
        self.allow(set())

    def allow(self, pieces: set[int] | None = None):
        """Allows these pieces too (all of them if None), letting through those held."""
        self.allowed = None if pieces is None or self.allowed is None else self.allowed | pieces
        let_through = [route for number, route in self.held if self.allowed is None or number in self.allowed]
        self.held = [(number, route) for number, route in self.held if route not in let_through]
        for route in let_through:  # the event loop runs meanwhile, and may hold more
            route.continue_()


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    site = write_worker_site(tmp_path_factory.mktemp("speed"))
    with serving(site) as base:
        yield Index(site), base + "/"


def test_the_first_screen_is_answered_before_the_rest_is_read(page, synthetic_site):
    index, base = synthetic_site
    holders = index.pages_holding("法")  # one character: its postings are exact, no page is read in vain
    assert len(holders) > RESULT_PAGES
    held = HeldPieces(page, index.pieces_of(holders[:SCREEN]))
    page.goto(base)
    page.evaluate(START_WORKER)
    page.evaluate("query => worker.postMessage({ type: 2, data: query })", "法")
    page.wait_for_function("() => answers.length === 1")
    page.wait_for_timeout(200)
    [screen] = page.evaluate("answers")
    assert sorted(screen) == sorted(holders[:SCREEN]) and held.held
    held.allow()
    page.wait_for_function("() => answers.length === 2")
    full = page.evaluate("answers[1]")
    assert sorted(full) == sorted(holders[:RESULT_PAGES])


def test_a_newer_query_stops_the_older_one_after_its_first_screen(page, synthetic_site):
    index, base = synthetic_site
    holders = index.pages_holding("法")
    held = HeldPieces(page, index.pieces_of(holders[:SCREEN]))
    page.goto(base)
    page.evaluate(START_WORKER)
    page.evaluate("query => worker.postMessage({ type: 2, data: query })", "法")
    page.wait_for_function("() => answers.length === 1")
    page.evaluate("query => worker.postMessage({ type: 2, data: query })", "乙")
    held.allow()
    page.wait_for_function("() => answers.length === 2")
    page.wait_for_timeout(500)
    answers = page.evaluate("answers")
    assert len(answers) == 2 and sorted(answers[1]) == sorted(index.pages_holding("乙")[:RESULT_PAGES])


def result_pages(page, server) -> list[str]:
    """The pages of the results shown (an item's first link is its page's), as the index names them."""
    hrefs = page.eval_on_selector_all(".md-search-result__item > a:first-child", "links => links.map(a => a.href)")
    return [server.site_path(href).lstrip("/") for href in hrefs]


def shows_count(page, count: int) -> None:
    """Waits until the result list says it holds `count` results."""
    page.wait_for_function("count => new RegExp(`^(找到 )?${count} 个符合条件的结果$`)"
                           ".test(document.querySelector('.md-search-result__meta').innerText)", arg=count)


def test_the_result_list_shows_the_first_screen_then_the_full_answer(page, server):
    index = Index(server.site)
    holders = index.pages_holding("法")
    assert len(holders) > SCREEN
    held = HeldPieces(page, index.pieces_of(holders[:SCREEN]))
    page.goto(server + "/?q=" + urllib.parse.quote("法"))
    shows_count(page, SCREEN)
    assert sorted(result_pages(page, server)) == sorted(holders[:SCREEN])
    held.allow()
    full = min(len(holders), RESULT_PAGES)
    shows_count(page, full)
    assert len(result_pages(page, server)) == SCREEN  # Material shows a screen, and more as the reader scrolls
    page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, el.scrollHeight)")
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n", arg=SCREEN)
    assert set(result_pages(page, server)) <= set(holders[:full])


def test_a_query_typed_after_a_first_screen_is_not_overwritten_by_the_older_answer(page, server):
    index = Index(server.site)
    older, newer = index.pages_holding("法"), index.pages_holding("枣")
    assert len(older) > RESULT_PAGES > len(newer) > 1
    held = HeldPieces(page, index.pieces_of(older[:SCREEN]))
    page.goto(server + "/?q=" + urllib.parse.quote("法"))
    shows_count(page, SCREEN)
    held.allow(index.pieces_of(newer))
    page.fill(".md-search__input", "枣")
    page.press(".md-search__input", "End")  # Material reads the query on key up
    shows_count(page, len(newer))
    held.allow()
    page.wait_for_timeout(500)
    shows_count(page, len(newer))
    assert set(result_pages(page, server)) <= set(newer)
