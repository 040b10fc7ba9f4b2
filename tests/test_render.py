"""Rendering: what the generated pages hold, and that case text is never read as markup."""

from __future__ import annotations

import dataclasses
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from casebook.core.project import Project
from casebook.library import load_library
from casebook.pages.kinds import home
from casebook.pages.metric_text import note_text, value_text
from casebook.pages.render import Renderer
from casebook.sources.schema import Metric
from casebook.sources.validate import Origin
from casebook.vocabularies.place_slugs import place_slug
from support import REPO, rendered_outputs


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def bundled():
    library = load_library(Project(REPO))
    return library, list(library.published), library.taxonomy


def test_each_category_page_links_to_every_practice_anchor_in_it(bundled, bundled_site: Path):
    _, cases, taxonomy = bundled
    for category in taxonomy.categories:
        page = bundled_site / "categories" / category.slug / "index.html"
        hrefs = set(parse(page).hrefs)
        expected = {f"../../cases/{c.id}/#{p.id}" for c in cases for p in c.practices if p.category == category.slug}
        linked = {h for h in hrefs if h.startswith("../../cases/") and "#" in h}
        assert linked == expected, category.slug
        for href in linked:
            case_id, anchor = re.match(r"\.\./\.\./cases/([^/]+)/#(.+)", href).groups()
            assert anchor in parse(bundled_site / "cases" / case_id / "index.html").ids


def test_home_page_counts_match_the_data(bundled, bundled_site: Path):
    _, cases, _ = bundled
    text = re.sub(r"<[^>]+>", "", (bundled_site / "index.html").read_text(encoding="utf-8"))
    practices = sum(len(c.practices) for c in cases)
    metrics = sum(len(p.metrics) for c in cases for p in c.practices)
    assert f"{len(cases)} 个案例" in text
    assert f"{practices} 项做法" in text
    assert f"{metrics} 项量化指标" in text
    newest = sorted(cases, key=lambda c: (c.period.end, c.id), reverse=True)[:home.NEWEST]
    assert all(case.title in text for case in newest)


def test_every_case_region_tag_and_category_has_a_page(bundled, bundled_site: Path):
    _, cases, taxonomy = bundled
    for case in cases:
        assert (bundled_site / "cases" / case.id / "index.html").is_file()
        slugs = [place_slug(n) for n in (case.region.province, case.region.city, case.region.county,
                                         case.region.town) if n]
        for depth in range(1, len(slugs) + 1):
            assert (bundled_site / "regions" / Path(*slugs[:depth]) / "index.html").is_file()
        for practice in case.practices:
            for tag in practice.tags:
                assert (bundled_site / "tags" / taxonomy.tag(tag).slug / "index.html").is_file()
    for category in taxonomy.categories:
        assert (bundled_site / "categories" / category.slug / "index.html").is_file()


def test_urls_are_readable_and_stable(bundled_site: Path):
    assert (bundled_site / "cases" / "shandong-zaozhuang-2022" / "index.html").is_file()
    assert (bundled_site / "categories" / "dispute-resolution" / "index.html").is_file()
    assert (bundled_site / "regions" / "shandong" / "zaozhuang" / "index.html").is_file()
    assert (bundled_site / "regions" / "shandong" / "dezhou" / "yucheng" / "juzhen" / "index.html").is_file()


HOSTILE = '<script>alert("x")</script> **粗体** [链接](javascript:alert(1)) _斜_ | 竖线 {#id} &amp; `代码`'


def _site_markdown(text: str) -> tuple[dict, str]:
    config = load_config(str(REPO / "mkdocs.yml"))
    meta_free, meta = get_data(text)
    html = markdown.markdown(meta_free, extensions=config["markdown_extensions"],
                             extension_configs=config["mdx_configs"])
    return meta, html


def test_case_text_is_shown_as_text_never_as_markup(bundled):
    """Validation refuses markup; the renderer must still escape whatever reaches it."""
    library, cases, _ = bundled
    case = cases[0]
    practice = case.practices[0].model_copy(update={"title": HOSTILE, "description": HOSTILE})
    hostile = case.model_copy(update={"title": HOSTILE, "summary": HOSTILE,
                                      "practices": [practice, *case.practices[1:]]})
    renderer = Renderer(dataclasses.replace(library, cases=(hostile,),
                                            origins={case.id: Origin(Path("cases/x.yml"), {})}))
    page = rendered_outputs(renderer)[f"cases/{case.id}.md"]
    meta, html = _site_markdown(page)
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html
    visible = re.sub(r"<[^>]+>", "", html)
    assert unescape(visible).count(HOSTILE) >= 3  # title, summary, practice title and description
    # Front matter values reach theme templates that do not autoescape: they must be entities.
    assert "<script" not in meta["title"] and "&lt;script&gt;" in meta["title"]


@pytest.mark.parametrize("value, unit, note, shown, left", [
    (80, "项", "余", "80余项", ""),
    (300, "家", "近", "近300家", ""),
    (47, "万次", "突破", "突破47万次", ""),
    (2.4, "万人次", "余；原文未写明培训对象", "2.4万余人次", "原文未写明培训对象"),
    (50, "%", "以上", "50%以上", ""),
    (20, "千米", "余", "20余千米", ""),  # 千米 is a unit, not a magnitude
    (100, "%", "保持", "100%", "保持"),  # a note, not a qualifier
    (675, "件", "近两年来", "675件", "近两年来"),
    (66.46, "%", None, "66.46%", ""),
    (3, "", "余", "3余", ""),
])
def test_a_qualifier_in_the_note_joins_the_value(value, unit, note, shown, left):
    metric = Metric(name="指标", value=float(value), unit=unit, note=note)
    assert (value_text(metric), note_text(metric)) == (shown, left)


def test_a_metric_table_leaves_out_the_columns_no_metric_fills(bundled):
    library, cases, _ = bundled
    case = cases[0]
    metrics = [Metric(name="甲", value=80.0, unit="项", note="余"), Metric(name="乙", value=3.0, unit="件")]
    practice = case.practices[0].model_copy(update={"metrics": metrics})
    only = case.model_copy(update={"practices": [practice]})
    renderer = Renderer(dataclasses.replace(library, cases=(only,), origins={case.id: Origin(Path("cases/x.yml"), {})}))
    _, html = _site_markdown(rendered_outputs(renderer)[f"cases/{case.id}.md"])
    table = html[html.index("<table"):html.index("</table>")]
    assert re.findall(r"<th[^>]*>([^<]+)</th>", table) == ["指标", "数值"]  # no year, no note left
    assert re.findall(r'<td class="number" data-label="数值">([^<]+)</td>', table) == ["80余项", "3件"]
