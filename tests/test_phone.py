"""Reading on a phone and on a desktop, in headless Chromium, on one site built from the bundled
cases and a few hundred synthetic ones (every listing runs over several pages): no page scrolls
sideways, chart text is legible, and the ways of finding one's way (the jump list, related
practices, the practice finder, the place search, sharing a practice, printing a case) work."""

from __future__ import annotations

import io
import re
import unicodedata
import urllib.parse
from collections import defaultdict
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from casebook.core.project import Project
from casebook.library import load_library
from casebook.pages.catalogue import PAGE_SIZE
from casebook.vocabularies.place_slugs import place_slug
from support import casebook, make_project, serving, synthetic_case

SYNTHETIC = 300
SITE_URL = "https://casebook.example.org/"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="module")
def mixed_site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("phone"), dict(synthetic_case(n) for n in range(SYNTHETIC)),
                        bundled=True)
    result = casebook(root, "build")
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "site"


@pytest.fixture(scope="module")
def site_url(mixed_site: Path):
    with serving(mixed_site) as base:
        yield base


def page_kinds(site: Path) -> dict[str, list[str]]:
    """The built pages by their shape (`regions/*/*`, `categories/*/page-*`): every kind of page
    the site has, each with its pages, the largest first."""
    kinds = defaultdict(list)
    for html in sorted(site.rglob("index.html"), key=lambda p: -p.stat().st_size):
        parts = html.parent.relative_to(site).parts
        shape = "/".join("page-*" if re.fullmatch(r"page-\d+", p) else "*" if depth else p
                         for depth, p in enumerate(parts))
        kinds[shape].append("/" + "".join(f"{p}/" for p in parts))
    return dict(kinds)


def pages_to_visit(site: Path) -> list[str]:
    """The largest page of each kind, every bundled case page (real text, real tables) and every
    compare page (some with a chart, some without)."""
    kinds = page_kinds(site)
    bundled_cases = [p for p in kinds["cases/*"] if not p.startswith("/cases/ceshi-")]
    return sorted({pages[0] for pages in kinds.values()} | {*bundled_cases, *kinds["compare/*"]})


# What the reader would have to scroll sideways: the page itself, any element reaching past the
# viewport, and any box inside the page that scrolls or clips sideways (code blocks aside).
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth, found = []
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
  if (document.documentElement.scrollWidth > width) found.push(`page ${document.documentElement.scrollWidth} > ${width}`)
  for (const e of document.querySelectorAll('.md-content *, .md-footer *')) {  // not the drawer, off screen by design
    if (e.closest('pre, code')) continue
    const box = e.getBoundingClientRect()
    if (box.width <= 1 || getComputedStyle(e).visibility === 'hidden') continue  // not shown, or only to screen readers
    if (box.right > width + 1 || box.left < -1) found.push(`${name(e)} spans ${box.left}–${box.right}`)
    const overflow = getComputedStyle(e).overflowX
    if (['auto', 'scroll', 'hidden'].includes(overflow) && e.scrollWidth > e.clientWidth + 1)
      found.push(`${name(e)} scrolls ${e.scrollWidth} in ${e.clientWidth}`)
  }
  return found
}"""

# The smallest text of each SVG chart on the page as shown, in CSS px (its user units scaled to
# the width it is drawn at).
CHART_TEXT = """async () => {
  const sizes = []
  for (const img of document.querySelectorAll('article img[src$=".svg"]:not(.case-qr)')) {
    const svg = new DOMParser().parseFromString(await (await fetch(img.src)).text(), 'image/svg+xml')
    const viewBox = svg.documentElement.getAttribute('viewBox').split(/\\s+/).map(Number)
    const scale = img.getBoundingClientRect().width / viewBox[2]
    const texts = [...svg.querySelectorAll('text')].map(t => parseFloat(/font-size:\\s*([\\d.]+)/.exec(
      t.getAttribute('style') || '')?.[1] ?? t.getAttribute('font-size')))
    sizes.push([img.getAttribute('src'), Math.min(...texts) * scale, texts.length])
  }
  return sizes
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_of_any_kind_scrolls_sideways_and_chart_text_is_legible(browser, mixed_site, site_url, width):
    context = browser.new_context(**WIDTHS[width])
    page = context.new_page()
    problems, charts = {}, 0
    try:
        for path in pages_to_visit(mixed_site):
            page.goto(site_url + path)
            page.wait_for_load_state("load")
            if found := page.evaluate(SIDEWAYS):
                problems[path] = found[:5]
            for src, smallest, texts in page.evaluate(CHART_TEXT):
                charts += 1
                assert texts and smallest >= 11, f"{path}: {src} has text {smallest:.1f} px tall"
    finally:
        context.close()
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())
    assert charts  # the site has charts, and they were measured


def test_every_heading_anchor_reads_as_words(mixed_site):
    """Shared links and the table of contents name places by words (a slug, an id), not #_2 or #2021."""
    unreadable = {f"{html.relative_to(mixed_site)}#{anchor}"
                  for html in mixed_site.rglob("*.html")
                  for anchor in re.findall(r'<h[1-6][^>]* id="([^"]*)"', html.read_text(encoding="utf-8"))
                  if not re.fullmatch(r"[a-z][a-z0-9-]*", anchor)}
    assert unreadable == set()


# -- finding one's way on a phone ------------------------------------------------------------------


@pytest.fixture(scope="module")
def library(mixed_site: Path):
    return load_library(Project(mixed_site.parent))


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []  # no script failed on the way


def heading_in_view(page, anchor: str) -> None:
    page.wait_for_function("id => { const r = document.getElementById(id)?.getBoundingClientRect();"
                           " return r && r.top >= 0 && r.top < innerHeight / 2 }", arg=anchor)


def test_any_practice_of_a_long_case_is_two_taps_away_on_a_phone(phone, site_url, library):
    longest = max(library.published, key=lambda c: len(c.practices))
    last = longest.practices[-1]
    phone.goto(f"{site_url}/cases/{longest.id}/")
    assert phone.locator(".case-jump li").count() == len(longest.practices)
    phone.locator(".case-jump summary").tap()
    phone.locator(".case-jump a", has_text=last.title).tap()
    phone.wait_for_url(re.compile(f"#{last.id}$"))
    heading_in_view(phone, last.id)


def test_the_jump_list_gives_way_to_the_table_of_contents_on_a_desktop(browser, site_url, library):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    case = library.published[0]
    page.goto(f"{site_url}/cases/{case.id}/")
    assert page.locator(".case-jump").is_hidden()
    toc = page.locator(".md-sidebar--secondary .md-nav__link")
    assert {f"#{p.id}" for p in case.practices} <= {toc.nth(i).get_attribute("href") for i in range(toc.count())}
    context.close()


def test_related_practices_lead_to_practices_elsewhere_that_share_a_tag_or_measure(phone, site_url, library):
    cases = {c.id: c for c in library.published}
    case = next(c for c in library.published if c.id.startswith("ceshi-"))
    practice = case.practices[0]
    phone.goto(f"{site_url}/cases/{case.id}/")
    related = phone.locator(f"#{practice.id} ~ .related").first.locator("a")
    assert related.count() > 0
    first = related.first.get_attribute("href")
    other_id, other_practice = re.fullmatch(r"\.\./([^/]+)/#(.+)", first).groups()
    other = next(p for p in cases[other_id].practices if p.id == other_practice)
    measures = {m.measure for m in practice.metrics if m.measure}
    assert other_id != case.id
    assert set(other.tags) & set(practice.tags) or measures & {m.measure for m in other.metrics}
    related.first.tap()
    phone.wait_for_url(re.compile(f"/cases/{other_id}/#{other_practice}$"))
    heading_in_view(phone, other_practice)


FINDER = "/practices/"


def finder_results(page) -> list[str]:
    page.wait_for_selector(".filter-results:not([aria-busy])", state="attached")
    while page.locator(".filter-more").is_visible():
        page.click(".filter-more")
    hrefs = page.eval_on_selector_all(".filter-results a", "links => links.map(a => a.href)")
    return [re.search(r"/cases/([^/]+)/#(.+)$", h).expand(r"\1#\2") for h in hrefs]


def test_the_finder_filters_every_practice_and_keeps_its_filters_in_the_address(browser, phone, site_url, library):
    tag = "人民调解"
    state = {"category": "dispute-resolution", "tag": tag, "level": "县级", "text": "第1"}
    phone.goto(site_url + FINDER + "?" + urllib.parse.urlencode(state))
    shown = finder_results(phone)
    expected = [f"{c.id}#{p.id}" for c in library.published for p in c.practices
                if p.category == "dispute-resolution" and tag in p.tags and c.region.level == "县级"
                and ("第1" in p.title or "第1" in c.title)]
    assert expected and sorted(shown) == sorted(expected)
    assert phone.input_value("#filter-text") == "第1" and phone.input_value("#filter-category") == "dispute-resolution"
    assert phone.locator(".listing").is_hidden()

    phone.select_option("#filter-level", "")  # any level now: the address follows
    phone.wait_for_function("() => !new URLSearchParams(location.search).has('level')")
    wider = finder_results(phone)
    assert set(shown) < set(wider)
    assert dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(phone.url).query)) == \
        {k: v for k, v in state.items() if k != "level"}

    shared = browser.new_context(**DESKTOP).new_page()
    shared.goto(phone.url)
    assert finder_results(shared) == wider
    shared.context.close()


def test_without_javascript_the_finder_is_a_plain_list_of_every_practice(browser, site_url, library):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url + FINDER)
    assert page.locator("form.listing-filters").count() == 0
    listed = page.locator(".listing a[href*='/cases/'][href*='#']:not(.headerlink)")
    total = sum(len(c.practices) for c in library.published)
    assert total > PAGE_SIZE and listed.count() == PAGE_SIZE
    assert page.get_by_role("navigation", name="分页").get_by_role("link", name="下一页").count() == 1
    context.close()


def test_filtering_a_category_hides_the_contents_entries_of_what_it_hides(browser, site_url):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(site_url + "/categories/dispute-resolution/?level=" + urllib.parse.quote("乡镇级"))
    page.wait_for_selector(".filter-results:not([aria-busy]) a")
    toc = page.locator(".md-sidebar--secondary .md-nav__link")
    assert toc.count() > 0 and all(not toc.nth(i).is_visible() for i in range(toc.count()))
    page.click("text=清除筛选")
    page.wait_for_function("() => location.search === ''")
    assert toc.first.is_visible()
    hrefs = [toc.nth(i).get_attribute("href") for i in range(toc.count())]
    assert all(re.fullmatch(r"#[a-z][a-z0-9-]*", h) for h in hrefs), hrefs  # anchors that read as words
    context.close()


def test_a_place_is_found_by_part_of_its_name_and_its_page_counts_the_places_below(phone, site_url, library):
    town = next(c for c in library.published if c.region.town and c.id.startswith("ceshi-"))
    phone.goto(site_url + "/regions/")
    phone.locator("#place-search").fill(town.region.town[1:])  # part of the name
    found = phone.locator(".place-results a", has_text=town.region.town)
    found.first.wait_for()
    phone.wait_for_function("() => new URLSearchParams(location.search).has('place')")
    found.first.tap()
    phone.wait_for_url(re.compile(r"/regions/(?:[a-z0-9-]+/){4}$"))
    assert phone.locator("h1").inner_text().removesuffix("#") == town.region.town
    phone.goto(f"{site_url}/regions/{place_slug(town.region.province)}/")
    tree = phone.locator(".place-tree")
    assert tree.get_by_role("link", name=town.region.town, exact=True).count() == 1  # province to town
    county_cases = sum(c.region.county == town.region.county for c in library.published)
    county = tree.locator("li", has=phone.get_by_role("link", name=town.region.county, exact=True)).first
    assert f"{county_cases} 个案例" in county.inner_text()


# -- sharing and printing ---------------------------------------------------------------------------


def test_copy_link_without_a_clipboard_shows_the_link_selected(browser, site_url, library):
    context = browser.new_context(**PHONE)
    context.add_init_script("delete Navigator.prototype.clipboard")  # as in some chat apps' browsers
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    case = library.published[0]
    practice = case.practices[-1]
    page.goto(f"{site_url}/cases/{case.id}/")
    assert page.evaluate("navigator.clipboard") is None
    button = page.locator(f"#{practice.id} + .practice-meta .copy-link")
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    button.tap()
    field = page.locator(f"#share-{practice.id} input")
    field.wait_for()
    address = f"{SITE_URL}cases/{case.id}/#{practice.id}"
    assert field.input_value() == address
    assert page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd,"
                         " document.activeElement.value]") == [0, len(address), address]
    assert page.locator(f"#share-{practice.id} .share-hint").inner_text()
    assert errors == []
    context.close()


def test_each_practice_has_a_qr_code_of_its_address_on_demand(phone, site_url, library):
    case = library.published[0]
    practice = case.practices[1]
    phone.goto(f"{site_url}/cases/{case.id}/")
    assert phone.locator(".practice-qr").count() == 0  # drawn only when asked for
    qr_button = phone.locator(f"#{practice.id} + .practice-meta .show-qr")
    qr_button.tap()
    code = phone.locator(f"#share-{practice.id} .practice-qr")
    code.wait_for()
    assert qr_button.get_attribute("aria-expanded") == "true"
    code.evaluate("svg => svg.scrollIntoView({block: 'center'})")  # clear of the fixed header
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(code.screenshot())))
    assert [d.text for d in decoded] == [f"{SITE_URL}cases/{case.id}/#{practice.id}"]
    qr_button.tap()
    assert code.is_hidden()


def page_lines(pdf: bytes) -> list[list[str]]:
    """The text lines of each printed page, blank lines and spaces left out (NFKC: the PDF's CJK
    font maps some characters to their Kangxi-radical look-alikes)."""
    return [[re.sub(r"\s+", "", line) for line in unicodedata.normalize("NFKC", page.extract_text()).splitlines()
             if line.strip()] for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_printed_case_leaves_no_heading_at_a_page_foot_and_cites_its_source_on_page_one(page, site_url, library):
    longest = max(library.published, key=lambda c: len(c.practices))
    page.goto(f"{site_url}/cases/{longest.id}/")
    headings = set(page.eval_on_selector_all(
        "article :is(h1, h2, h3)", "hs => hs.map(h => h.textContent.replace(/#$/, '').replace(/\\s+/g, ''))"))
    pages = page_lines(page.pdf(format="A4"))
    assert len(pages) > 3  # long enough to test where pages break
    feet = {number: lines[-2:] for number, lines in enumerate(pages[:-1], 1) if set(lines[-2:]) & headings}
    assert feet == {}  # a heading's last line is never among a page's last two
    first = "".join(pages[0])
    source = longest.sources[0]
    assert unicodedata.normalize("NFKC", re.sub(r"\s+", "", source.title)) in first
    assert f"{SITE_URL}cases/{longest.id}/" in first and "引用" in first
