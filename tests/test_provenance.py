"""Where a case's facts come from: every figure carries the source's words for it (`quote`) and is found in
them, every inference is named with its reason (`inferred`), pages show both a tap away, and no page shows
a reader the schema's own field names."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import lxml.html
import pytest
import yaml

from casebook.core.project import Project
from casebook.core.settings import SiteSettings
from casebook.exports.open_data import OpenData
from casebook.library import load_library
from casebook.pages.render import Renderer
from casebook.sources import schema
from casebook.sources.quantities import figure_in_phrase, stated_quantities
from support import casebook, good_case_text, make_project, problems_of, rendered_outputs, serving

CASE = "zhejiang/ceshi-shili-2024.yml"
SHOWN = f"cases/{CASE}"
SETTINGS = SiteSettings.of("https://example.org/", "https://example.org/repo")


# -- reading the figures a phrase states ------------------------------------------------------------


@pytest.mark.parametrize("value,unit,phrase", [
    (48057, "件", "诉前成功调解案件48057件"),
    (10539, "个", "换发执法证件10,539个"),         # digits grouped by commas
    (4.8, "万件", "受理4.8万件"),                  # the magnitude in the unit, as the source writes it
    (48000, "件", "受理4.8万件"),                  # or counted out
    (560, "万次", "累计推送560余万次"),            # 余 before the magnitude
    (2.4, "万人次", "组织培训2.4万余人次"),        # 余 after it
    (2.5, "亿元", "涉及金额2.5亿元"),
    (100, "%", "出庭应诉率100%"),
    (100, "%", "出庭应诉率达到百分之百"),
    (99.5, "%", "满意率为百分之九十九点五"),
    (3, "年", "连续三年被评为优秀"),               # Chinese numerals
    (6, "项", "建立访调对接六项工作机制"),
    (3, "名", "取得团体第三名成绩"),
    (20000, "个", "惠及市场主体两万余个"),
    (5, "个", "从优化队伍等5方面入手"),            # the unit need not be the source's word
    (12.5, "%", "成功率１２．５％"),               # full-width digits and signs
])
def test_a_figure_is_found_in_its_phrase_however_the_phrase_writes_it(value, unit, phrase):
    assert figure_in_phrase(value, unit, phrase) is not None


@pytest.mark.parametrize("value,unit,phrase", [
    (4.8, "件", "受理4.8万件"),           # off by the magnitude
    (48, "万件", "受理4.8万件"),
    (100, "项", "出庭应诉率达到百分之百"),  # a share is not a count
    (31, "项", "审批事项减少31%"),
    (31, "%", "审批事项减少31项"),
    (48507, "件", "诉前成功调解案件48057件"),  # digits swapped
    (3, "年", "连续多年被评为优秀"),
])
def test_a_figure_not_in_its_phrase_is_not_found(value, unit, phrase):
    assert figure_in_phrase(value, unit, phrase) is None


def test_the_quantities_of_a_phrase_say_how_they_were_written():
    assert [str(q) for q in stated_quantities("2022年，560余万次，百分之百，团体第三名")] == [
        "2022", "560余万（5600000）", "百分之百（100%）", "三（3）"]


# -- validation: the figure in its quote, a quote for every published figure, inferences of real fields ------


def write_case(root: Path, text: str) -> None:
    (root / "cases" / CASE).write_text(text, encoding="utf-8")


def changed(old: str, new: str) -> tuple[str, int]:
    """The fixture case with one change, and the first line it changes."""
    text = good_case_text()
    assert text.count(old) == 1, old
    lines = zip(text.splitlines(), text.replace(old, new).splitlines())
    return text.replace(old, new), next(n for n, (was, now) in enumerate(lines, 1) if was != now)


@pytest.mark.parametrize("old,new,field,words", [
    ("value: 300, unit: 件", "value: 30, unit: 件", "practices[0].metrics[1].quote",
     "原话中找不到这个数值：数值是 30件，原话中的数字是 三百（300）"),
    ("quote: 全年调解案件三百件", "quote: 全年调解案件三千件", "practices[0].metrics[1].quote",
     "数值是 300件，原话中的数字是 三千（3000）"),
    ("value: 300, unit: 件", "value: 300, unit: 万件", "practices[0].metrics[1].quote", "数值是 300万件"),
    ("quote: 全年调解案件三百件", "quote: 全年调解了大量案件", "practices[0].metrics[1].quote", "原话中没有数字"),
    (", quote: 全年调解案件三百件}", "}", "practices[0].metrics[1].quote", "已发布的案例每个数字都须附原话"),
    ("field: sources[0].date", "field: practices[1].metrics[0].year", "inferred[0].field", "案例没有填写"),
    ("field: sources[0].date", "field: summary", "inferred[0].field", "应为可以推定的字段"),
    ("field: sources[0].date", "field: sources[0].url", "inferred[0].field", "应为可以推定的字段"),
    ("status: published", "  - field: sources[0].date\n    reason: 又写了一次。\nstatus: published",
     "inferred[1].field", "已列过"),
])
def test_a_figure_or_inference_that_does_not_hold_is_refused_at_its_line(project: Path, old, new, field, words):
    text, line = changed(old, new)
    write_case(project, text)
    problems = problems_of(project)
    assert [p for p in problems if p.startswith(f"{SHOWN}:{line}: {field}: ")] == problems, problems
    assert words in problems[0]


def test_a_draft_may_lack_quotes_and_a_published_case_may_not(project: Path):
    text = good_case_text().replace(", quote: 全年调解案件三百件}", "}")
    write_case(project, text.replace("status: published", "status: draft"))
    assert load_library(Project(project)).cases  # valid as a draft
    write_case(project, text)
    [problem] = problems_of(project)
    assert problem.startswith(f"{SHOWN}:{text.splitlines().index('      - {name: 调解案件, value: 300, unit: 件, year: 2024}') + 1}: ")


def test_a_quote_in_traditional_characters_is_read_as_simplified(project: Path):
    write_case(project, good_case_text().replace("quote: 全年调解案件三百件", "quote: 全年調(tiáo)解案件叁佰件"))
    [case] = load_library(Project(project)).cases
    assert case.practices[0].metrics[1].quote == "全年调解案件叁佰件"


def test_the_published_schema_asks_published_cases_for_quotes():
    json_schema = schema.json_schema(load_library(Project(Path(__file__).parent.parent)).taxonomy)
    metric = json_schema["then"]["properties"]["practices"]["items"]["properties"]["metrics"]["items"]
    assert metric == {"required": ["quote"]}


# -- the case page: the quote and 推定 a tap away ------------------------------------------------------------


INFERRED = {
    "region.city": "虚构依据：报告没有写所属的市。",
    "period": "虚构依据：报告没有写起止时间。",
    "honours[0].year": "虚构依据：报告没有写获评年份。",
    "practices[0].metrics[1].year": "虚构依据：这个数字没有写年份。",
    "sources[0].date": "虚构依据：报告只写了月份。",
    "sources[0].publisher": "虚构依据：报告没有署名。",
}


def case_with_inferences() -> str:
    case = yaml.safe_load(good_case_text())
    case["inferred"] = [{"field": field, "reason": reason} for field, reason in INFERRED.items()]
    return yaml.safe_dump(case, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def case_page(tmp_path_factory) -> lxml.html.HtmlElement:
    """The fixture case's page as Markdown renders it (the remarks are raw HTML in it)."""
    root = make_project(tmp_path_factory.mktemp("marks"), {CASE: case_with_inferences()})
    pages = rendered_outputs(Renderer(load_library(Project(root), SETTINGS)))
    return lxml.html.fromstring(pages["cases/ceshi-shili-2024.md"])


def remark_of(button: lxml.html.HtmlElement, page: lxml.html.HtmlElement) -> str:
    [remark] = page.xpath(f"//*[@id='{button.get('popovertarget')}']")
    assert remark.get("popover") is not None and remark.getprevious() is button
    return remark.text_content()


def test_every_figure_has_its_quote_behind_a_button(case_page):
    case = yaml.safe_load(good_case_text())
    quotes = [m["quote"] for p in case["practices"] for m in p.get("metrics", [])]
    buttons = [b for b in case_page.iter("button") if b.text == "原文"]
    assert [remark_of(b, case_page) for b in buttons] == [f"原文：「{q}」" for q in quotes]


def text_before(element: lxml.html.HtmlElement) -> str:
    """The text shown before an element in its parent, Markdown links read as their text."""
    parent = element.getparent()
    text = parent.text or ""
    for sibling in parent:
        if sibling is element:
            break
        text += sibling.text_content() + (sibling.tail or "")
    return re.sub(r"\]\([^)]*\)|\[", "", text).rstrip()


@pytest.mark.parametrize("field,after", [
    ("region.city", "湖州市"), ("period", "2024-12-31"), ("honours[0].year", "2024年，测试委员会"),
    ("practices[0].metrics[1].year", "2024"), ("sources[0].date", "2025-01-15"), ("sources[0].publisher", "湖州市测试局"),
])
def test_each_inferred_field_is_marked_where_the_page_shows_it(case_page, field, after):
    [button] = [b for b in case_page.iter("button") if b.text == "推定" and INFERRED[field] in remark_of(b, case_page)]
    assert remark_of(button, case_page) == f"推定：{INFERRED[field]}"
    assert text_before(button).endswith(after)


def test_the_open_data_carries_quotes_and_flags_inferred_values(tmp_path: Path):
    root = make_project(tmp_path, {CASE: case_with_inferences()})
    [case] = load_library(Project(root), SETTINGS).published
    tables = {name: list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
              for name, data in OpenData().files([case]) if name.endswith(".csv")}
    assert json.loads(tables["cases.csv"][0]["inferred"]) == [{"field": f, "reason": r} for f, r in INFERRED.items()]
    assert [json.loads(row["inferred"]) for row in tables["honours.csv"]] == [["year"]]
    assert [json.loads(row["inferred"]) for row in tables["metrics.csv"]] == [[], ["year"]]
    assert [json.loads(row["inferred"]) for row in tables["sources.csv"]] == [["date", "publisher"]]  # in the case's order
    assert [row["quote"] for row in tables["metrics.csv"]] == [m.quote for m in case.practices[0].metrics]


@pytest.mark.build
def test_tapping_推定_shows_the_reason_and_hovering_原文_shows_the_quote(tmp_path: Path, browser):
    root = make_project(tmp_path, {CASE: case_with_inferences()})
    assert casebook(root, "build").returncode == 0
    with serving(root / "site") as base:
        phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        try:
            page = phone.new_page()
            page.goto(f"{base}/cases/ceshi-shili-2024/")
            mark = page.locator("button.casebook-aside-toggle", has_text="推定").first
            reason = page.locator(f"#{mark.get_attribute('popovertarget')}")
            assert not reason.is_visible()
            mark.tap()
            assert reason.is_visible() and reason.inner_text() == f"推定：{INFERRED['region.city']}"
        finally:
            phone.close()
        desk = browser.new_page(viewport={"width": 1280, "height": 800})
        desk.goto(f"{base}/cases/ceshi-shili-2024/")
        button = desk.locator("button.casebook-aside-toggle", has_text="原文").first
        quote = desk.locator(f"#{button.get_attribute('popovertarget')}")
        button.hover()
        assert quote.is_visible() and quote.inner_text() == "原文：「诉前调解成功率为12.5%」"
        desk.mouse.move(0, 0)
        assert not quote.is_visible()
        button.focus()
        desk.keyboard.press("Enter")  # keyboards use the button itself
        assert quote.is_visible()
        desk.close()


# -- no page speaks the schema's language ------------------------------------------------------------------


FIELD_NAMES = {name for model in (schema.Case, schema.Region, schema.Period, schema.Honour, schema.Practice,
                                  schema.Metric, schema.Source, schema.Inference) for name in model.model_fields}
# A word or a dotted field path (sources[0].date); a file name (metrics.csv) is neither.
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])?(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])?)*")
_FILE = re.compile(r"\.(?:csv|json|xml|yml|html|bib|svg|jpg)$")


def field_names_in(text: str) -> set[str]:
    found = set()
    for word in _WORD.findall(text):
        if not _FILE.search(word):
            found |= {re.sub(r"\[\d+\]", "", part) for part in word.split(".")} & FIELD_NAMES
    return found


def test_field_names_are_found_as_words_and_paths_not_inside_words_or_file_names():
    assert field_names_in("故不填 publisher 与 url；见 sources[0].date") == {"publisher", "url", "sources", "date"}
    assert field_names_in("下载 metrics.csv 与 cases.json；urls、publishers、Atom") == set()


def test_no_built_page_shows_a_reader_the_schemas_field_names(bundled_site: Path):
    """Notes and reasons are Chinese prose. Code (the data and contribution pages' column and field
    names) is exempt; so is `id`, the site's word for a permanent identifier (案例 id)."""
    shown = {}
    for page in sorted(bundled_site.rglob("*.html")):
        root = lxml.html.parse(str(page)).getroot()
        for hidden in root.xpath("//head | //script | //style | //code | //pre | //svg"):
            hidden.drop_tree()
        names = field_names_in(root.text_content()) - {"id"}
        if names:
            shown[page.relative_to(bundled_site).as_posix()] = sorted(names)
    assert shown == {}
