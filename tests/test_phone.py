"""Reading on a phone and on a desktop, in headless Chromium, on one site built from the bundled
cases and a few hundred synthetic ones (every listing runs over several pages): no page scrolls
sideways, chart text is legible, and the ways of finding one's way (the jump list, related
practices, the practice finder, the place search, sharing a practice, printing a case) work."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from support import casebook, make_project, serving, synthetic_case

SYNTHETIC = 300
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
