"""What a reader sees, in a real headless Chromium (Debian's /usr/bin/chromium)."""

from __future__ import annotations

import json
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from casebook.built.search_index import Folder, write_search_index
from casebook.sources.normalise import to_simplified
from support import LONG_PAGE, serving, synthetic_docs, write_worker_site

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


_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _ArticleText(HTMLParser):
    """The text of a page's article that search reads: not scripts, nor what the page marks
    data-search-exclude (a case page's jump list and printed citation)."""

    def __init__(self):
        super().__init__()
        self.depth, self.skipped, self.parts = 0, [], []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "article"
        if tag in _VOID:
            return  # never closed
        if self.skipped or tag in ("script", "style") or "data-search-exclude" in dict(attrs):
            self.skipped.append(tag)

    def handle_endtag(self, tag):
        self.depth -= tag == "article" and self.depth > 0
        if self.skipped and self.skipped[-1] == tag:
            self.skipped.pop()

    def handle_data(self, data):
        if self.depth and not self.skipped:
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


def result_pages(page, server) -> list[str]:
    """The site's own paths (/cases/x/) of the results shown, wherever the site is served."""
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    pages = []
    for href in hrefs:
        path = server.site_path(href)
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
    shown = result_pages(page, server)
    if not any(all(p in t for p in parts) for t in page_texts.values()):
        assert shown == [] and "没有" in meta.inner_text()
    assert relevant_cases <= set(shown), f"missing {relevant_cases - set(shown)}"
    for url in shown:
        assert all(p in page_texts[url] for p in parts), f"{url} does not contain {query}"
    if shown:
        marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
        only_parts = re.compile("(?:" + "|".join(map(re.escape, parts)) + ")+")
        assert marks and all(only_parts.fullmatch(fold(m)) for m in marks), marks


INDEX_FILE = re.compile(r"/search/(shards|text)/(\d+)\.(?:bin|json)\b")


def index_files_fetched(requests: list[str]) -> dict[str, set[int]]:
    """The shard and text files among request URLs, by kind: {"shards": {…}, "text": {…}}."""
    fetched = {"shards": set(), "text": set()}
    for match in filter(None, map(INDEX_FILE.search, requests)):
        fetched[match[1]].add(int(match[2]))
    return fetched


def test_a_search_downloads_only_part_of_the_index(page, server):
    requests = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/?q=" + urllib.parse.quote("行政复议"))
    page.wait_for_selector(".md-search-result__item", state="attached")
    fetched = index_files_fetched(requests)
    assert 0 < len(fetched["shards"]) < len(list((server.site / "search/shards").iterdir()))
    assert 0 < len(fetched["text"]) < len(list((server.site / "search/text").iterdir()))


@pytest.mark.parametrize("query", ["行政 复议", "a&b#c", None])
def test_a_shared_link_tells_the_search_worker_its_query(page, server, query):
    workers = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(server + "/" + (f"?q={urllib.parse.quote(query)}" if query else ""))
    page.wait_for_function("() => document.querySelector('[data-md-component=search]')")
    page.wait_for_timeout(300)
    told = [urllib.parse.parse_qs(urllib.parse.urlsplit(url).fragment).get("q") for url in workers]
    assert told == [[query] if query else None]


# A few hundred pages written straight to an index, the worker beside them, under a sub-path.
WORKER_QUERIES = """async ([queries, answers, settle]) => {
  const index = await (await fetch("search/search_index.json")).json()
  const worker = new Worker("assets/javascripts/casebook-search.js")
  const results = []
  let answered
  const enoughAnswers = new Promise(resolve => answered = resolve)
  await new Promise(ready => {
    worker.onmessage = ({ data }) => {
      if (data.type === 1) return ready()
      results.push(data.data.items.map(group => group.map(item => item.location)))
      if (results.length === answers) answered()
    }
    worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs } })
  })
  for (const query of queries) worker.postMessage({ type: 2, data: query })
  await enoughAnswers
  await new Promise(resolve => setTimeout(resolve, settle))
  worker.terminate()
  return results
}"""


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("served")
    site = write_worker_site(root / "sub")
    with serving(root) as base:
        yield site, base + "/sub/"


def pages_in_rank_order(docs: list[dict]) -> list[str]:
    pages = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    return sorted(pages, key=lambda page: -(pages[page][0].get("boost") or 1))


def pages_holding(docs: list[dict], query: str, fold: Folder) -> list[str]:
    """Pages, in rank order, on which some title or text holds each part of the query."""
    parts = fold(query).split()
    fields = {}
    for doc in docs:
        fields.setdefault(doc["location"].split("#")[0], []).extend([fold(doc["title"]), fold(doc["text"])])
    return [page for page in pages_in_rank_order(docs) if all(any(p in f for f in fields[page]) for p in parts)]


def ask_worker(page, base: str, *queries: str, answers: int = 1, settle: int = 0) -> tuple[list, dict[str, set[int]]]:
    """The worker's answers (each the locations of its results), once it has given `answers` of
    them and `settle` ms more have passed; and the index files it fetched."""
    requests = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto(base)
    return page.evaluate(WORKER_QUERIES, [list(queries), answers, settle]), index_files_fetched(requests)


SCREEN, RESULT_PAGES = 10, 50  # as in casebook-search.js


@pytest.mark.parametrize("query", ["行政复议", "合法性审查", "營商環境", "法", "调解 执法", "独有词乙", "独有词甲 独有词乙",
                                   "量子计算"])
def test_the_worker_answers_the_best_ranked_pages_that_hold_the_query(page, synthetic_site, query):
    site, base = synthetic_site
    docs = synthetic_docs()
    fold = Folder(json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]["fold"])
    holders = pages_holding(docs, query, fold)
    # A screen of results first; then, when there are more, a page of them.
    more = len(holders) > SCREEN
    answers, _ = ask_worker(page, base, query, answers=1 + more, settle=300)
    assert [{group[0] for group in answer} for answer in answers] == \
        [set(holders[:SCREEN])] + more * [set(holders[:RESULT_PAGES])]
    if more:  # the screen the reader already sees stays as it was, at the top
        assert answers[1][:SCREEN] == answers[0]


def test_a_rare_word_reads_only_the_pages_that_hold_it(page, synthetic_site):
    """合法性审查: each of its pairs is common, yet no page without the word is read."""
    _, base = synthetic_site
    [result], fetched = ask_worker(page, base, "合法性审查")
    assert 0 < len(result) == len(fetched["text"])


def test_a_long_page_is_read_only_where_the_query_may_be(page, synthetic_site):
    site, base = synthetic_site
    [[first, count]] = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]["chunks"]["long_pages"]
    [holder] = [n for n in range(first, first + count) if "独有词乙" in (site / f"search/text/{n}.json").read_text(encoding="utf-8")]
    [result], fetched = ask_worker(page, base, "独有词甲 独有词乙")
    assert [group[0] for group in result] == [LONG_PAGE]
    assert fetched["text"] == {first, holder} and count > 2


def test_only_the_newest_of_quick_queries_is_answered(page, synthetic_site):
    _, base = synthetic_site
    results, _ = ask_worker(page, base, "行政复议", "独有词乙", settle=500)
    assert results == [[[LONG_PAGE]]]


SHARED_QUERY_WORKER = """query => {
  window.sharedQueryWorker = new Worker("assets/javascripts/casebook-search.js#" + new URLSearchParams({ q: query }))
}"""
SET_UP_AND_ASK = """async query => {
  const worker = window.sharedQueryWorker
  const index = await (await fetch("search/search_index.json")).json()
  const answer = new Promise(resolve => worker.onmessage = ({ data }) => data.type === 3 && resolve(data.data.items))
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs } })
  worker.postMessage({ type: 2, data: query })
  return (await answer).map(group => group.map(item => item.location))
}"""


def test_a_worker_told_a_shared_links_query_reads_its_files_before_it_is_set_up(page, synthetic_site):
    """The theme sets the worker up late in loading a page; told the query in its address, the
    worker has read what answers it by then, and answers as a worker that was not told."""
    _, base = synthetic_site
    [expected, *_], needed = ask_worker(page, base, "行政复议", settle=500)
    requests = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.evaluate(SHARED_QUERY_WORKER, "行政复议")
    for _ in range(100):  # until the worker, never set up, has read the query's shards and some pages
        if index_files_fetched(requests)["shards"] == needed["shards"] and index_files_fetched(requests)["text"]:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)
    before = index_files_fetched(requests)
    assert before["shards"] == needed["shards"] and before["text"] and before["text"] <= needed["text"]
    read_ahead = len(requests)
    assert page.evaluate(SET_UP_AND_ASK, "行政复议") == expected
    after = index_files_fetched(requests[read_ahead:])
    assert not after["shards"] and not after["text"] & before["text"]  # nothing read twice


def search_for(page, base: str, query: str) -> None:
    """Opens a `?q=` link and waits until the worker has read all it will (its last answer may
    follow the first screen)."""
    page.goto(base + "/?q=" + urllib.parse.quote(query))
    page.wait_for_function("() => /符合条件/.test(document.querySelector('.md-search-result__meta')?.innerText)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)


def settled_results(page, base: str, query: str) -> tuple[str, list[str], list[str]]:
    """What the result list says, the pages it shows and the text it marks for a `?q=` link."""
    search_for(page, base, query)
    marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    return page.locator(".md-search-result__meta").inner_text(), result_pages(page, base), marks


@pytest.mark.parametrize("quoted, plain", [
    ('"行政 复议"', "行政 复议"), ("“行政 复议”", "行政 复议"), ("「行政 复议」", "行政 复议"), ("『复议』", "复议"),
    ('"复议"', "复议"), ('＂复议＂', "复议"), ('"行政 复议', "行政 复议"), ('行政" 复议', "行政 复议"), ('""复议"', "复议"),
])
def test_a_quoted_query_finds_what_it_finds_unquoted(page, server, quoted, plain):
    expected = settled_results(page, server, plain)
    assert expected[1]  # the test compares answers, not nothing
    assert settled_results(page, server, quoted) == expected


# Pages the bundled cases cannot hold (case text refuses markup, and has no İ), searched through
# the bundled site's own search box.
HANDMADE = [
    {"location": "cases/izmir/", "title": "İzmir İl 行政复议", "boost": 2,
     "text": "İİİİ İstanbul ＡＢＣ 申请行政复议，复议机关维持。"},
    {"location": "cases/markup/", "title": '<img src=x onerror="window.injected=1">行政复议', "boost": 2,
     "text": '<script>window.injected=1</script> <b>复议</b> &amp; <img src=x onerror=window.injected=1>'},
]


@pytest.fixture
def handmade_index(page, tmp_path):
    """The bundled site's pages, their search index replaced by that of HANDMADE."""
    write_search_index(tmp_path, HANDMADE)
    page.context.route(re.compile(r"/search/(search_index\.json|shards/|text/)"), lambda route: route.fulfill(
        path=tmp_path / "search" / urllib.parse.urlparse(route.request.url).path.split("/search/", 1)[1]))


def result_articles(page) -> list[str]:
    """The HTML of each result shown, its title and text, without the icon."""
    return page.eval_on_selector_all(".md-search-result__article",
                                     "els => els.map(e => e.innerHTML.replace(/^<div[^>]*><\\/div>/, ''))")


def test_marks_fall_on_the_matched_characters_after_one_whose_lower_case_is_longer(page, server, handmade_index):
    """İ lowers to i̇, two characters: a fold that let it would put marks beside the matches."""
    search_for(page, server, "abc 复议")
    assert result_articles(page) == [
        "<h1>İzmir İl 行政<mark>复议</mark></h1>İİİİ İstanbul <mark>ＡＢＣ</mark> 申请行政<mark>复议</mark>，<mark>复议</mark>机关维持。"]


def test_markup_in_page_text_shows_as_text_in_results(page, server, handmade_index):
    search_for(page, server, "复议")
    markup = page.locator(".md-search-result__item", has=page.locator("a[href$='/cases/markup/']"))
    assert markup.locator("h1").inner_text() == HANDMADE[1]["title"]
    assert "<b>复议</b> &amp; <img src=x onerror=window.injected=1>" in markup.inner_text()
    assert markup.locator("mark").all_inner_texts() == ["复议", "复议"]
    assert page.locator(".md-search-result :is(img, script, b)").count() == 0
    assert page.evaluate("window.injected") is None
