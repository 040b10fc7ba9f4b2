"""`casebook import` measured on real pages: the dev set in tests/fixtures/import-dev/ (670 page
openings with hand-checked facts; see its README). A regression in any field fails here.
The thresholds are the issue's: every field right on at least 95% of the pages used for tuning
(1–502) and 90% of the held-back ones (503–670, the last pages added, at least a quarter of the set,
never run through the importer while tuning it before they were measured). The held-back pages are
measured once, after tuning (round 11; the earlier rounds' measurements, of 25–32 up to 377–502, now
tuning pages, are in the dev set's README). Where a field fell short of 90% there (with 168 pages,
152 right is 90%) the shortfall is recorded below as a floor, not tuned away, which would spoil the
pages as a measure; a regression below the floor fails, and so does a field that reached 90% falling
under it. Round 12's rules were then tuned on all 670 pages, so 503–670 are no longer blind: the
floors stay as measured (not raised by what tuning on the pages themselves gained), and the next
pages added are the next held-back quarter."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import pytest

from casebook.importer import evaluate as evaluation
from casebook.importer.evaluate import (
    FIELDS,
    PageResult,
    accuracy,
    evaluate,
    fold,
    page_order,
    report,
)
from casebook.vocabularies.measures import load_metrics
from casebook.vocabularies.taxonomy import load_taxonomy
from support import FIXTURES, REPO

DEV_SET = FIXTURES / "import-dev"
PAGES, TUNING_PAGES, HELD_BACK_PAGES = 670, 502, 168
TUNING_THRESHOLD, HELD_BACK_TARGET = 0.95, 0.90
# Held-back pages right per field (of 168; 152 reaches 90%), measured once after tuning on 1–502 (round 11).
HELD_BACK_MEASURED = {"province": 160, "city": 159, "county": 159, "town": 167, "level": 154, "year": 146,
                      "title": 152, "date": 163, "publisher": 148, "kind": 143, "practices": 159, "reports_practice": 147}
# What page furniture looks like in a title: breadcrumbs, date widgets, column labels, bylines,
# dates, table cells, an addressee, panel labels, a “now reading” bar, a reporter's credit, a site's
# badges, a document's number.
# A dash is furniture after a short column label (`XX要闻——`) or before a byline's date (`——2024年01月16日`),
# not between a title and its subtitle.
FURNITURE = re.compile(r"位置|首页\s*>|^首页\s|(?:^|\s)[>＞»›]\s|今天是|星期|^[【\[［\]］]|^[^—]{1,6}——|——\s*\d{4}(年\d{1,2}月|-)"
                       r"|\d{4}-\d{1,2}-\d{1,2}|\||[：:]$|索引号|发布日期|来源|信息名称|正在阅读|记者[：:]|原标题|IPv6"
                       r"|[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号|[-_–]\s*\S{0,12}(?:网|频道|网站)\S{0,6}$|^[（(][^（）()]+[）)]$")


@functools.cache
def results() -> tuple[PageResult, ...]:
    taxonomy = load_taxonomy(REPO / "cases")
    return tuple(evaluate(DEV_SET, taxonomy, load_metrics(REPO / "cases", taxonomy), dt.date(2026, 11, 23)))


def pages(held_back: bool) -> list[PageResult]:
    chosen = [r for r in results() if r.held_back == held_back]
    assert len(chosen) == (HELD_BACK_PAGES if held_back else TUNING_PAGES)
    return chosen


def test_the_held_back_pages_are_the_last_added_and_at_least_a_quarter():
    folders = [r.folder for r in results()]
    assert len(folders) == PAGES and folders == sorted(folders, key=lambda name: page_order(Path(name)))
    assert [r.folder for r in pages(True)] == folders[-HELD_BACK_PAGES:]
    assert HELD_BACK_PAGES * 4 >= PAGES


def mistakes(pages: list[PageResult], field: str) -> dict[str, tuple]:
    return {r.folder: (r.got[field], r.expected[field]) for r in pages if not r.right(field)}


@pytest.mark.parametrize("field", FIELDS)
def test_each_field_is_right_on_95_percent_of_the_tuning_pages(field):
    assert accuracy(pages(False), field) >= TUNING_THRESHOLD, mistakes(pages(False), field)


@pytest.mark.parametrize("field", FIELDS)
def test_no_field_gets_worse_on_the_held_back_pages(field):
    right = sum(r.right(field) for r in pages(True))
    assert right >= HELD_BACK_MEASURED[field], mistakes(pages(True), field)


@pytest.mark.parametrize("field", [f for f in FIELDS if HELD_BACK_MEASURED[f] >= HELD_BACK_TARGET * HELD_BACK_PAGES])
def test_fields_that_reached_90_percent_on_the_held_back_pages_stay_there(field):
    assert accuracy(pages(True), field) >= HELD_BACK_TARGET, mistakes(pages(True), field)


def test_no_title_carries_page_furniture_on_any_page():
    assert len(results()) == PAGES
    titles = {r.folder: r.got["title"] for r in results() if r.got["title"]}
    titled = sum(r.expected["title"] is not None for r in results())
    assert len(titles) >= HELD_BACK_TARGET * titled  # the check reads titles, not mostly empty ones
    assert {folder: title for folder, title in titles.items() if FURNITURE.search(title)} == {}


def test_the_report_shows_every_field_for_all_tuning_and_held_back_pages_and_each_page():
    text = report(list(results()))
    header = text.splitlines()[0]
    assert f"全部 {PAGES} 页" in header and f"调试用 {TUNING_PAGES} 页" in header
    assert f"保留（held back） {HELD_BACK_PAGES} 页" in header
    assert [line.split()[0] for line in text.splitlines()[1:len(FIELDS) + 1]] == list(FIELDS)
    assert all(re.search(rf"^{r.folder}", text, re.MULTILINE) for r in results())


@pytest.mark.parametrize("got, expected, right", [
    ("通榆镇：推动法治政府建设走深走实", "通榆镇:推动法治政府建设走深走实", True),  # width folded
    ("中共黎侯镇委员会黎侯镇人民政府关于…", "中共黎侯镇委员会 黎侯镇人民政府关于…", True),  # spaces dropped
    ("安徽省人民政府关于2022年法治政府建设情况的报告——时间", "安徽省人民政府关于2022年法治政府建设情况的报告", False),
])
def test_titles_are_compared_with_width_and_spaces_folded(got, expected, right):
    assert (fold(got) == fold(expected)) is right


def test_a_guess_where_the_page_says_nothing_is_wrong_and_practices_count_within_one():
    page = PageResult("x", False, {"date": dt.date(2024, 1, 1), "practices": 3, "year": None},
                      {"date": None, "practices": 2, "year": None})
    assert not page.right("date") and page.right("practices") and page.right("year")


def test_a_page_the_importer_fails_on_counts_wrong_in_every_field_and_the_report_names_the_error(tmp_path, monkeypatch):
    for name, text in (("1-fine", "某县2024年法治政府建设情况报告\n一是加强领导。"), ("2-breaks", "一个让导入出错的网页")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "page.txt").write_text(text, encoding="utf-8")
        (tmp_path / name / "expected.yml").write_text("title: null\n", encoding="utf-8")
    real = evaluation.make_draft

    def failing_on_one_page(article, *args):
        if "出错" in article.text:
            raise KeyError("某某县")
        return real(article, *args)

    monkeypatch.setattr(evaluation, "make_draft", failing_on_one_page)
    fine, broken = evaluate(tmp_path, load_taxonomy(REPO / "cases"))
    assert broken.error == "KeyError: '某某县'" and broken.wrong == list(FIELDS)
    assert fine.error is None and len(fine.wrong) < len(FIELDS)
    assert "2-breaks: 错 12 项（导入出错：KeyError: '某某县'）" in report([fine, broken])
