"""Compare pages: the metric vocabulary, the tables (equal to the case data), the charts (equal to
their tables, accessible, reproducible) and the problems editors get for a wrong measure or unit."""

from __future__ import annotations

import html
import re
from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from casebook.core.problems import CaseErrors
from casebook.core.project import Project
from casebook.core.settings import SiteSettings
from casebook.library import load_library
from casebook.pages.charts import Bar, Chart, bar_chart
from casebook.pages.metric_text import value_text
from casebook.pages.render import Renderer
from casebook.sources.normalise import normalise_case
from casebook.sources.schema import Case
from casebook.vocabularies.measures import load_metrics
from casebook.vocabularies.taxonomy import load_taxonomy
from support import (
    FIXTURES,
    REPO,
    casebook,
    good_case_text,
    make_project,
    rendered_outputs,
)

COMPARE_CASES = FIXTURES / "compare-cases"
SETTINGS = SiteSettings.of("https://example.org/", "https://example.org/repo")
SVG = "{http://www.w3.org/2000/svg}"
CASE = "zhejiang/ceshi-shili-2024.yml"
SHOWN = f"cases/{CASE}"


def fixture_cases() -> dict[str, str]:
    return {f"zhejiang/{path.name}": path.read_text(encoding="utf-8") for path in sorted(COMPARE_CASES.glob("*.yml"))}


def rendered(root: Path) -> tuple[dict[str, str], list[Case]]:
    """The generated pages of a project, and its published cases as the pages show them."""
    project = Project(root)
    library = load_library(project, SETTINGS)
    return rendered_outputs(Renderer(library)), list(library.published)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> tuple[dict[str, str], list[Case]]:
    return rendered(make_project(tmp_path_factory.mktemp("compare"), fixture_cases()))


@pytest.fixture(scope="module")
def bundled_and_fixture_site(tmp_path_factory) -> tuple[dict[str, str], list[Case]]:
    return rendered(make_project(tmp_path_factory.mktemp("compare-all"), fixture_cases(), bundled=True))


def table_rows(page: str) -> list[dict[str, str]]:
    """The first table of a generated page as a reader sees its text: one dict a row, keyed by the
    column headings (character references become characters again; Markdown links stay as written)."""
    table = lxml.html.fragment_fromstring(page[page.index("<table"):page.index("</table>") + len("</table>")])
    header = [th.text_content() for th in table.iter("th")]
    return [dict(zip(header, [td.text_content() for td in row.iter("td")], strict=True))
            for row in table.iter("tr") if row.find("td") is not None]


def linked_practice(cell: str) -> tuple[str, str]:
    """(case id, practice id) of the case link in a 来源 cell."""
    return re.search(r"\]\(\.\./cases/([^/]+)\.md#([^)]+)\)", cell).groups()


def chart_values(svg: str) -> list[tuple[str, float]]:
    """Each bar of a chart, top to bottom: its value label and its drawn width."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    bars = []
    for index in range(len([i for i in groups if i and i.startswith("bar-")])):
        text = "".join(groups[f"value-{index}"].itertext()).strip()
        points = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", groups[f"bar-{index}"].find(f"{SVG}path").get("d"))]
        bars.append((text, max(points[0::2]) - min(points[0::2])))
    return bars


# -- the tables --------------------------------------------------------------------------------


def test_fixture_compare_table_holds_the_published_values_largest_first(fixture_site):
    pages, _ = fixture_site
    rows = table_rows(pages["compare/head-court-appearance-rate.md"])
    assert [(r["地区"], r["层级"], r["年份"], r["数值"]) for r in rows] == [
        ("浙江省嘉兴市", "地市级", "2023", "95.5%"),
        ("浙江省嘉兴市嘉善县", "县级", "2022", "88%"),  # named by an alias, without `measure`
    ]
    assert [linked_practice(r["来源"]) for r in rows] == [
        ("ceshi-jiafang-2023", "court-appearance"), ("ceshi-yangban-2022", "litigation")]
    assert [(r["原文"], r["说明"]) for r in rows] == [("「负责人出庭应诉率达到95.5%」", ""), ("「负责人出庭率保持在88%」", "保持")]
    # A URL holding "|" stays whole in its cell.
    assert "[嘉兴市测试报告](https://example.org/jiafang?a=1%7C2)" in rows[0]["来源"]


def test_values_without_a_year_show_the_case_period_and_units_may_be_the_sources_word(fixture_site):
    pages, _ = fixture_site
    rows = table_rows(pages["compare/cross-province-services.md"])
    assert [(r["地区"], r["年份"], r["数值"]) for r in rows] == [
        ("浙江省嘉兴市嘉善县", "未注明（案例时期 2021—2022）", "120个"),
        ("浙江省嘉兴市", "2023", "80项"),  # 实现跨省通办的事项: an alias without its quotation marks
    ]


def test_every_compare_table_equals_the_case_data(bundled_and_fixture_site):
    pages, cases = bundled_and_fixture_site
    measures = {c.split("/")[1][:-3] for c in pages if re.fullmatch(r"compare/(?!index|category-)[^/]+\.md", c)}
    assert {"head-court-appearance-rate", "cross-province-services"} <= measures
    for measure in measures:
        expected = sorted((c.id, p.id, value_text(m)) for c in cases for p in c.practices
                          for m in p.metrics if m.measure == measure)
        rows = table_rows(pages[f"compare/{measure}.md"])
        assert sorted((*linked_practice(r["来源"]), r["数值"]) for r in rows) == expected, measure
        held_by = {case_id for case_id, _, _ in expected}
        assert len(held_by) >= 2, measure  # one value alone gets no page


def test_drafts_and_other_units_are_not_compared(fixture_site):
    pages, cases = fixture_site
    assert "草稿" not in pages["compare/head-court-appearance-rate.md"]
    yangban = next(c for c in cases if c.id == "ceshi-yangban-2022")
    assert [m.measure for m in yangban.practices[0].metrics] == ["head-court-appearance-rate", None]


def test_index_category_pages_and_case_pages_link_to_the_comparisons(fixture_site):
    pages, _ = fixture_site
    assert "[行政机关负责人出庭应诉率](head-court-appearance-rate.md)" in pages["compare/index.md"]
    assert "[跨省通办事项](cross-province-services.md)" in pages["compare/index.md"]
    category = pages["compare/category-dispute-resolution.md"]
    assert "## 行政机关负责人出庭应诉率" in category and "[查看对比图表](head-court-appearance-rate.md)" in category
    case_page = pages["cases/ceshi-yangban-2022.md"]
    assert "[各地对比](../compare/head-court-appearance-rate.md)" in case_page
    assert case_page.count("[各地对比]") == 2  # the metric in 件 is not the measure


def test_a_measure_held_by_one_case_is_listed_but_not_charted(project: Path):
    pages, _ = rendered(project)  # the one fixture case holds 诉前调解成功率
    assert "| 诉前调解成功率 | [矛盾纠纷化解](category-dispute-resolution.md) | % | 1 |" in pages["compare/index.md"]
    assert "目前只有 1 个案例载有此指标" in pages["compare/category-dispute-resolution.md"]
    assert not [p for p in pages if p.startswith("compare/") and p.endswith((".svg", "-rate.md"))]


# -- the charts --------------------------------------------------------------------------------


@pytest.mark.parametrize("measure", ["head-court-appearance-rate", "cross-province-services"])
def test_each_chart_shows_the_numbers_of_its_table(bundled_and_fixture_site, measure):
    pages, _ = bundled_and_fixture_site
    rows = table_rows(pages[f"compare/{measure}.md"])
    bars = chart_values(pages[f"compare/{measure}.svg"])
    assert [text for text, _ in bars] == [r["数值"] for r in rows]
    values = [float(re.match(r"[\d.]+", r["数值"]).group()) for r in rows]
    for (_, width), value in zip(bars, values):  # bar lengths are proportional to the values
        assert width / bars[0][1] == pytest.approx(value / values[0], rel=1e-3)


def test_chart_labels_each_value_with_its_year(fixture_site):
    pages, _ = fixture_site
    svg = pages["compare/cross-province-services.svg"]
    assert "嘉兴市嘉善县（案例时期 2021—2022年）" in svg and "嘉兴市（2023年）" in svg


def test_chart_is_accessible_static_text_svg(fixture_site):
    svg = fixture_site[0]["compare/head-court-appearance-rate.svg"]
    root = ElementTree.fromstring(svg.encode("utf-8"))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id and root.find(f"{SVG}desc").get("id") == desc_id
    assert "95.5%" in root.find(f"{SVG}desc").text and "88%" in root.find(f"{SVG}desc").text
    assert "行政机关负责人出庭应诉率" in "".join(t for e in root.iter(f"{SVG}text") for t in e.itertext())
    assert "<script" not in svg and "<metadata" not in svg and "http" not in svg.replace(
        "http://www.w3.org/", "")  # no script, no date, nothing fetched


def test_charts_are_reproducible(tmp_path: Path):
    chart = Chart("reproducible", "标题", "说明", "数值（%）",
                  (Bar("甲地（2021年）", 12.5, "12.5%"), Bar("乙地 $x$ <b>", 3, "3%")))
    first = bar_chart(chart)
    assert bar_chart(chart) == first
    assert "乙地 $x$ &lt;b&gt;" in first  # case text is text: never mathtext, never markup
    sites = [rendered(make_project(tmp_path / name, fixture_cases()))[0] for name in ("one", "two")]
    assert {p: t for p, t in sites[0].items() if p.startswith("compare/")} == \
           {p: t for p, t in sites[1].items() if p.startswith("compare/")}


# -- the vocabulary and the problems editors see --------------------------------------------------


def test_name_alias_is_recognised_during_normalise():
    taxonomy = load_taxonomy(REPO / "cases")
    vocabulary = load_metrics(REPO / "cases", taxonomy)
    data = yaml.safe_load(good_case_text())
    data["practices"][0]["metrics"] = [
        {"name": "行政機關負責人出庭率", "value": 100, "unit": "%"},  # Traditional: matched once simplified
        {"name": "行政机关负责人出庭率", "value": 3, "unit": "件"},
        {"name": "没有收录的指标", "value": 1, "unit": "%"},
    ]
    case = normalise_case(Case.model_validate(data, context={"taxonomy": taxonomy, "metrics": vocabulary}),
                          vocabulary)
    assert [m.measure for m in case.practices[0].metrics] == ["head-court-appearance-rate", None, None]


def broken(old: str, new: str) -> str:
    text = good_case_text()
    assert old in text, old
    return text.replace(old, new, 1)


# (what is wrong, new file text, field named, words the message must hold)
MEASURE_PROBLEMS = [
    ("unknown measure", broken("{name: 诉前调解成功率, value: 12.5",
                               "{name: 诉前调解成功率, measure: no-such-measure, value: 12.5"),
     "practices[0].metrics[0].measure", ["未知的可比指标 “no-such-measure”", "head-court-appearance-rate"]),
    ("unit not the measure's", broken("{name: 诉前调解成功率, value: 12.5, unit: \"%\"",
                                      "{name: 诉前调解成功率, measure: pre-litigation-mediation-success-rate, "
                                      "value: 12.5, unit: 件"),
     "practices[0].metrics[0].unit", ["单位应为 “%”", "现为 “件”"]),
    ("measure without a unit", broken("{name: 调解案件, value: 300, unit: 件, year: 2024",
                                      "{name: 调解案件, measure: cross-province-services, value: 300, year: 2024"),
     "practices[0].metrics[1].unit", ["单位应为 “项”、“个”"]),
]


@pytest.mark.build
@pytest.mark.parametrize("name,text,field,words", MEASURE_PROBLEMS, ids=[p[0] for p in MEASURE_PROBLEMS])
def test_wrong_measure_or_unit_is_one_problem_with_file_line_and_field(project: Path, name, text, field, words):
    (project / "cases" / CASE).write_text(text, encoding="utf-8")
    result = casebook(project, "validate")
    assert result.returncode != 0
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "measure:" in l)
    problems = [l for l in result.stderr.splitlines() if l.startswith(SHOWN)]
    assert len(problems) == 1, result.stderr
    assert problems[0].startswith(f"{SHOWN}:{line}: {field}: ")
    assert all(w in problems[0] for w in words), problems[0]


@pytest.mark.build
def test_unknown_metric_names_stay_allowed(project: Path):
    text = broken("{name: 调解案件,", "{name: 一个词表里没有的指标,")
    (project / "cases" / CASE).write_text(text, encoding="utf-8")
    assert casebook(project, "validate").returncode == 0


def test_vocabulary_problems_name_the_vocabulary_file_and_line(project: Path):
    path = project / "cases" / "_metrics.yml"
    text = path.read_text(encoding="utf-8").replace("category: business-environment", "category: taxes", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseErrors) as raised:
        load_library(Project(project))
    line = text.splitlines().index("    category: taxes") + 1
    assert [str(p).split(": ", 1)[0] for p in raised.value.problems] == [f"cases/_metrics.yml:{line}"]
    assert "未知分类" in str(raised.value)


def test_vocabulary_ids_names_and_aliases_each_mean_one_measure(project: Path):
    path = project / "cases" / "_metrics.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("aliases: [行政复议综合纠错率]",
                                                              "aliases: [行政机关负责人出庭率]"), encoding="utf-8")
    with pytest.raises(CaseErrors, match="行政机关负责人出庭率"):
        load_library(Project(project))


def test_bundled_measures_are_each_held_by_a_case():
    """Only metrics the bundled cases really hold are in the vocabulary."""
    library = load_library(Project(REPO))
    held = {m.measure for c in library.cases for p in c.practices for m in p.metrics}
    assert set(library.measures.ids) <= held


# -- in the browser ------------------------------------------------------------------------------


def test_browser_compare_table_keeps_short_values_on_one_line(page, server, bundled_site: Path):
    """Seven columns share a desktop page without standing a short value on end, a character a line:
    a level (地市级) stays on one line, a short note (始终保持) takes at most two."""
    page.goto(f"{server}/compare/head-court-appearance-rate/", wait_until="networkidle")
    cells = page.locator('td[data-label="层级"], td[data-label="说明"]:not(:empty)')
    assert cells.count() >= 4
    lines = cells.evaluate_all("""cells => cells.map(cell => {
        const text = document.createRange()
        text.selectNodeContents(cell)
        return [cell.textContent, new Set([...text.getClientRects()].map(r => Math.round(r.top))).size]
    })""")
    levels = [count for text, count in lines if text.endswith("级")]
    notes = [count for text, count in lines if not text.endswith("级")]
    assert len(levels) == 4 and set(levels) == {1} and notes and max(notes) <= 2, lines
def test_browser_compare_page_shows_chart_beside_its_table(page, server, bundled_site: Path):
    charted = sorted(p.stem for p in (bundled_site / "compare").glob("*.svg"))
    assert charted  # the bundled cases hold a measure whose values differ
    page.goto(f"{server}/compare/{charted[0]}/", wait_until="networkidle")
    chart = page.locator("img.compare-chart")
    assert chart.is_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")  # the SVG loaded
    assert "条形图" in chart.get_attribute("alt")
    held = [m for c in load_library(Project(REPO)).published for p in c.practices for m in p.metrics
            if m.measure == charted[0]]
    assert page.locator("table tbody tr").count() == len(held)
    assert page.locator("table").first.is_visible()
    violations = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in {"serious", "critical"}]
    assert violations == []


def test_a_comparison_whose_values_are_all_equal_says_so_and_draws_no_chart(tmp_path: Path):
    twin = good_case_text().replace("ceshi-shili-2024", "ceshi-shuangsheng-2024").replace("湖州市", "绍兴市")
    pages, _ = rendered(make_project(tmp_path, {CASE: good_case_text(), "zhejiang/ceshi-shuangsheng-2024.yml": twin}))
    page = pages["compare/pre-litigation-mediation-success-rate.md"]
    assert "各地数值相同：2 个数值都是 **12.5%**" in html.unescape(page)
    assert "compare-chart" not in page and "compare/pre-litigation-mediation-success-rate.svg" not in pages
