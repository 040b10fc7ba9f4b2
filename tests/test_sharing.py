"""Sharing, citing and reusing: permalinks, previews, QR, print, citations, feeds, open data,
sitemap — checked on the built site, the interactive parts in headless Chromium."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import unicodedata
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from casebook.core.project import Project
from casebook.core.settings import SiteSettings
from casebook.exports import export_files
from casebook.exports.feeds import CHINA_TIME, FEED_ENTRIES
from casebook.library import load_library
from casebook.pages.cards import copy_cards
from casebook.sources.schema import Case
from casebook.vocabularies import divisions
from casebook.vocabularies.taxonomy import load_taxonomy
from support import REPO, casebook, good_case_text, serving

SITE_URL = "https://casebook.example.org/"
CASE_ID, PRACTICE_ID = "shandong-jiyang-2023", "rule-of-law-fence-project"


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return list(load_library(Project(REPO)).published)


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        if tag == "link":
            self.links.append(attrs)
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# -- previews ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["index.html", "categories/enforcement/index.html", f"cases/{CASE_ID}/index.html"])
def test_every_page_has_a_meaningful_preview(bundled_site: Path, page: str):
    info = head(bundled_site / page)
    assert info.title.strip() and info.meta["description"]
    assert info.meta["og:locale"] == "zh_CN"
    assert info.meta["og:site_name"] == "法治政府建设案例库"
    assert info.meta["og:title"] and info.meta["og:description"] and info.meta["twitter:card"]
    canonical = next(l["href"] for l in info.links if l.get("rel") == "canonical")
    assert canonical.startswith(SITE_URL) and info.meta["og:url"] == canonical
    feeds = {l["type"]: l["href"] for l in info.links if "alternate" in l.get("rel", "").split()}
    assert {"application/rss+xml", "application/atom+xml"} <= set(feeds)


def test_case_preview_names_the_case_and_shows_its_card(bundled_site: Path, cases):
    case = next(c for c in cases if c.id == CASE_ID)
    info = head(bundled_site / "cases" / CASE_ID / "index.html")
    assert info.meta["og:type"] == "article"
    assert info.meta["og:title"] == case.title
    assert case.summary.startswith(info.meta["og:description"])
    assert info.meta["og:image"] == f"{SITE_URL}cases/{CASE_ID}/card.jpg"
    with Image.open(bundled_site / "cases" / CASE_ID / "card.jpg") as card:
        assert card.size == (1200, 630)
        darkest, lightest = card.convert("L").getextrema()
        assert lightest - darkest > 150  # dark text was drawn on the light background


def test_a_card_already_in_the_site_is_not_put_there_again(tmp_path: Path, monkeypatch):
    cache, site = tmp_path / "cache", tmp_path / "site"
    (site / "cases/a").mkdir(parents=True)
    cache.mkdir()
    (cache / "one.jpg").write_bytes(b"first card")
    (cache / "two.jpg").write_bytes(b"card of another text")
    copy_cards({"cases/a/card.jpg": cache / "one.jpg"}, site)
    assert (site / "cases/a/card.jpg").read_bytes() == b"first card"
    placed = []
    monkeypatch.setattr(Path, "hardlink_to", lambda target, card: placed.append(card))
    copy_cards({"cases/a/card.jpg": cache / "one.jpg"}, site)
    assert placed == []
    monkeypatch.undo()
    copy_cards({"cases/a/card.jpg": cache / "two.jpg"}, site)  # the case's text changed
    assert (site / "cases/a/card.jpg").read_bytes() == b"card of another text"


# -- QR, citations -----------------------------------------------------------------------------


def test_qr_code_opens_the_case_permalink(page, server):
    page.goto(f"{server}/cases/{CASE_ID}/")
    shot = page.locator("img.case-qr").screenshot()
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert [d.text for d in decoded] == [f"{server.site_url}cases/{CASE_ID}/"]


def test_citation_in_gbt7714_style_and_as_downloads(page, server, cases):
    case = next(c for c in cases if c.id == CASE_ID)
    page.goto(f"{server}/cases/{CASE_ID}/")
    citation = page.locator(".citation:not(.print-only)").inner_text()
    assert re.fullmatch(rf"法治政府建设案例库\. {re.escape(case.title)}\[EB/OL\]\. \({case.last_reviewed}\)"
                        rf"\[\d{{4}}-\d{{2}}-\d{{2}}\]\. {server.site_url}cases/{CASE_ID}/\.", citation)
    bib = (server.site / "cases" / CASE_ID / "cite.bib").read_text(encoding="utf-8")
    assert bib.startswith(f"@misc{{{CASE_ID},") and f"url = {{{server.site_url}cases/{CASE_ID}/}}" in bib
    csl = json.loads((server.site / "cases" / CASE_ID / "cite.json").read_text(encoding="utf-8"))
    assert csl[0]["title"] == case.title and csl[0]["URL"] == f"{server.site_url}cases/{CASE_ID}/"
    assert csl[0]["issued"]["date-parts"] == [[case.last_reviewed.year, case.last_reviewed.month,
                                               case.last_reviewed.day]]


# -- copy link, as an official would on a phone ----------------------------------------------


def test_copy_a_practice_link_on_a_phone_and_land_on_that_practice(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    try:
        phone = context.new_page()
        phone.goto(f"{server}/cases/{CASE_ID}/")
        phone.locator(f".practice-meta[data-permalink$='#{PRACTICE_ID}'] .copy-link").tap()
        copied = phone.evaluate("navigator.clipboard.readText()")
        assert copied == f"{server.site_url}cases/{CASE_ID}/#{PRACTICE_ID}"
        opened = context.new_page()
        opened.goto(copied.replace(server.site_url, server + "/"))
        opened.wait_for_function(f"() => {{ const r = document.getElementById('{PRACTICE_ID}')"
                                 ".getBoundingClientRect(); return r.top >= 0 && r.top < 150 }")
        assert "法治围栏" in opened.locator(f"#{PRACTICE_ID}").inner_text()
    finally:
        context.close()


# -- print -------------------------------------------------------------------------------------


def test_case_prints_as_a_clean_a4_brief(page, server, cases):
    case = next(c for c in cases if c.id == CASE_ID)
    page.goto(f"{server}/cases/{CASE_ID}/")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert 1 <= len(reader.pages) <= 5
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    # NFKC: the PDF's CJK font maps some characters to their Kangxi-radical look-alikes.
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    flat = re.sub(r"\s+", "", text)
    assert f"{server.site_url}cases/{CASE_ID}/" in flat
    for metric in case.practices[3].metrics:  # the metrics table prints whole
        assert unicodedata.normalize("NFKC", re.sub(r"\s+", "", metric.name)) in flat
    assert unicodedata.normalize("NFKC", re.sub(r"\s+", "", case.title)) in flat
    for clutter in ("搜索", "复制链接", "编辑此案例", "Made with"):
        assert clutter not in flat


# -- feeds -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_feeds_are_valid_and_hold_every_case(server, cases, name: str):
    taxonomy = load_taxonomy(REPO / "cases")
    with urllib.request.urlopen(f"{server}/feeds/{name}") as response:
        feed = feedparser.parse(response.read())
    assert not feed.bozo, feed.get("bozo_exception")
    assert {e.link for e in feed.entries} == {f"{server.site_url}cases/{c.id}/" for c in cases}
    for entry in feed.entries:
        case = next(c for c in cases if entry.link.endswith(f"/{c.id}/"))
        assert entry.title == case.title
        assert case.region.province in entry.summary and case.summary in entry.summary
        updated = dt.datetime(*entry.updated_parsed[:6], tzinfo=dt.timezone.utc).astimezone(CHINA_TIME)
        assert updated.date() == case.last_reviewed
        names = {taxonomy.category(p.category).name for p in case.practices}
        assert {t.get("label") or t.term for t in entry.tags} <= names | {p.category for p in case.practices}
        assert len(entry.tags) == len(names)


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_a_large_librarys_feeds_hold_its_newest_cases(cases, name: str):
    """A feed is polled again and again, so it stays small however many cases there are."""
    many = [cases[0].model_copy(update={"id": f"copy-{n}", "last_reviewed": dt.date(2020, 1, 1) + dt.timedelta(n)})
            for n in range(FEED_ENTRIES + 10)]
    settings = SiteSettings.of(SITE_URL, "https://example.org/repo")
    files = dict(export_files(many, load_taxonomy(REPO / "cases"), settings))
    feed = feedparser.parse(files[f"feeds/{name}"].encode("utf-8"))
    newest = sorted(many, key=lambda c: c.last_reviewed, reverse=True)[:FEED_ENTRIES]
    assert [e.link for e in feed.entries] == [f"{SITE_URL}cases/{c.id}/" for c in newest]
    assert len(json.loads(files["data/cases.json"])) == len(many)


def test_home_page_links_to_the_feeds(bundled_site: Path):
    body = (bundled_site / "index.html").read_text(encoding="utf-8").split("<article", 1)[1]
    assert 'href="feeds/rss.xml"' in body and 'href="feeds/atom.xml"' in body


# -- open data ---------------------------------------------------------------------------------


def read_csv(bundled_site: Path, name: str) -> list[dict[str, str]]:
    raw = (bundled_site / "data" / name).read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))  # BOM for Excel
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _blank_is_none(row: dict[str, str]) -> dict:
    return {k: (v if v != "" else None) for k, v in row.items()}


def _numbers(row: dict) -> dict:
    """The numeric columns read as numbers, as the data page describes them."""
    types = {"value": float, "year": int, "batch": int}
    return {k: types[k](v) if k in types and v is not None else v for k, v in row.items()}


ROW_FLAGS = {"case_id", "practice_id", "inferred"}  # columns that place a row, and its flags (derived)


def cases_from_csv(bundled_site: Path) -> list[dict]:
    """Rebuild every case from the five CSV tables, as a researcher's script would."""
    practices, metrics, honours, sources = (read_csv(bundled_site, n) for n in
                                            ("practices.csv", "metrics.csv", "honours.csv", "sources.csv"))
    rebuilt = []
    for row in read_csv(bundled_site, "cases.csv"):
        row = _blank_is_none(row)
        cid = row["id"]  # division_code is derived from the place, not a field of the case
        rebuilt.append({
            "id": cid, "title": row["title"],
            "region": {k: row[k] for k in ("province", "city", "county", "town", "level")},
            "period": {"start": row["period_start"], "end": row["period_end"]},
            "honours": [_numbers({k: v for k, v in _blank_is_none(h).items() if k not in ROW_FLAGS})
                        for h in honours if h["case_id"] == cid],
            "summary": row["summary"],
            "practices": [{
                "id": p["practice_id"], "title": p["title"], "category": p["category"],
                "tags": json.loads(p["tags"]), "description": p["description"],
                "metrics": [_numbers({k: v for k, v in _blank_is_none(m).items() if k not in ROW_FLAGS}
                                     | {"unit": m["unit"]})
                            for m in metrics if m["case_id"] == cid and m["practice_id"] == p["practice_id"]],
            } for p in practices if p["case_id"] == cid],
            "problems": json.loads(row["problems"]), "next_steps": json.loads(row["next_steps"]),
            "sources": [{k: v for k, v in _blank_is_none(s).items() if k not in ROW_FLAGS}
                        for s in sources if s["case_id"] == cid],
            "inferred": json.loads(row["inferred"]),
            "status": row["status"], "last_reviewed": row["last_reviewed"],
        })
    return rebuilt


def test_json_and_csv_downloads_round_trip_the_cases_exactly(bundled_site: Path, cases):
    expected = sorted((c.model_dump() for c in cases), key=lambda c: c["id"])
    in_json = json.loads((bundled_site / "data/cases.json").read_text(encoding="utf-8"))
    from_json = [Case.model_validate({k: v for k, v in c.items() if k != "division_code"}).model_dump() for c in in_json]
    assert sorted(from_json, key=lambda c: c["id"]) == expected
    from_csv = [Case.model_validate(c).model_dump() for c in cases_from_csv(bundled_site)]
    assert sorted(from_csv, key=lambda c: c["id"]) == expected


def test_each_case_carries_its_division_code_in_the_open_data(bundled_site: Path, cases):
    """The GB/T 2260 code of the case's place (its county's for a town), to join other datasets by."""
    codes = {c.id: divisions.code_of(c.region.province, c.region.city, c.region.county) for c in cases}
    assert all(re.fullmatch(r"\d{6}", code) for code in codes.values())
    in_json = json.loads((bundled_site / "data/cases.json").read_text(encoding="utf-8"))
    assert {c["id"]: c["division_code"] for c in in_json} == codes
    assert {row["id"]: row["division_code"] for row in read_csv(bundled_site, "cases.csv")} == codes
    page = html.unescape((bundled_site / "data/index.html").read_text(encoding="utf-8"))
    assert f"民政部 {divisions.data_as_of()} 版" in page


def test_data_page_describes_every_column_and_the_licence(bundled_site: Path):
    page = html.unescape((bundled_site / "data/index.html").read_text(encoding="utf-8"))
    for name in ("cases.csv", "practices.csv", "metrics.csv", "honours.csv", "sources.csv"):
        header = (bundled_site / "data" / name).read_text(encoding="utf-8-sig").splitlines()[0]
        for column in header.split(","):
            assert f"<td><code>{column}</code></td>" in page, (name, column)
    assert "CC BY 4.0" in page and 'href="../schema/case.schema.json"' in page


# -- sitemap and robots ------------------------------------------------------------------------


def test_sitemap_lists_every_case_with_its_last_reviewed_date(server, cases):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
            for u in ET.parse(server.site / "sitemap.xml").getroot()}
    for case in cases:
        assert urls[f"{server.site_url}cases/{case.id}/"] == case.last_reviewed.isoformat()
    assert f"Sitemap: {server.site_url}sitemap.xml" in (server.site / "robots.txt").read_text(encoding="utf-8")


# -- permanent links ---------------------------------------------------------------------------


@pytest.mark.build
def test_every_bundled_permalink_is_registered():
    assert casebook(REPO, "permalinks", "--check").returncode == 0


@pytest.mark.build
def test_renaming_a_published_practice_needs_a_moved_entry(project: Path, browser):
    assert casebook(project, "permalinks").returncode == 0
    case = project / "cases/zhejiang/ceshi-shili-2024.yml"
    case.write_text(good_case_text().replace("id: test-mediation", "id: mediation"), encoding="utf-8")
    refused = casebook(project, "validate")
    assert refused.returncode != 0
    assert "cases/_permalinks.yml:" in refused.stderr and "ceshi-shili-2024#test-mediation" in refused.stderr
    registry = project / "cases/_permalinks.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "moved: {}", "moved:\n  ceshi-shili-2024#test-mediation: ceshi-shili-2024#mediation"), encoding="utf-8")
    assert casebook(project, "validate").returncode == 0
    assert casebook(project, "build").returncode == 0
    with serving(project / "site") as base:
        old_link = browser.new_page()
        old_link.goto(f"{base}/cases/ceshi-shili-2024/#test-mediation")
        old_link.wait_for_url(re.compile(r".*/cases/ceshi-shili-2024/#mediation$"))
        old_link.close()
