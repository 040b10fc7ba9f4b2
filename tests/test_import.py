"""`casebook import`, step by step, on the invented articles in tests/fixtures/articles/
(one in each shape the importer reads; see the README there): cleaning, metadata, the split into
practices, suggested categories and metrics."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pytest

from casebook.core.text_rules import SLUG_PATTERN
from casebook.importer.categorise import suggest
from casebook.importer.clean import clean_article
from casebook.importer.draft import Draft, make_draft
from casebook.importer.figures import FoundMetric, find_metrics
from casebook.importer.slugs import title_slug, unique
from casebook.importer.source import Article, ArticleUnreadable, read_article
from casebook.importer.structure import read_structure
from casebook.vocabularies.place_slugs import place_slug
from casebook.vocabularies.taxonomy import load_taxonomy
from support import FIXTURES, REPO

ARTICLES = FIXTURES / "articles"
TODAY = dt.date(2026, 11, 23)


@functools.cache
def draft(name: str) -> Draft:
    return make_draft(read_article(str(ARTICLES / name)), load_taxonomy(REPO / "cases"), TODAY)


def practices(name: str) -> list[tuple[str, str]]:
    return [(p["title"], p["category"]) for p in draft(name).case["practices"]]


def metrics(name: str) -> list[tuple]:
    return [(m["name"], m["value"], m["unit"], m.get("year"), m.get("note"))
            for p in draft(name).case["practices"] for m in p["metrics"]]


# Cleaning


def test_traditional_text_with_pinyin_readings_becomes_plain_simplified_paragraphs():
    cleaned = clean_article((ARTICLES / "traditional-pinyin.txt").read_text(encoding="utf-8"))
    assert cleaned.paragraphs == [
        "12月15日上午，临沂市法治政府建设示范市新闻发布会举行。",
        "临沂市经过三年创建，成功创建全国法治政府建设示范市。",
        "党委政府重视，树立最高创建标准。市委、市政府先后12次召开常务会议研究法治建设，建立制度机制二十三项。",
        "健全化解机制，推进矛盾纠纷化解。全市调解组织达到154个，调解成功率96.5%。",
        "下一步，临沂市将巩固示范创建成果。",
    ]
    assert cleaned.traced("credit") == ["（记者王芳摄影赵强）"]
    assert cleaned.traced("pinyin") and cleaned.traced("traditional")


def test_info_lines_print_links_and_closing_formula_are_kept_out_of_the_text():
    cleaned = clean_article((ARTICLES / "report-numbered.txt").read_text(encoding="utf-8"))
    assert cleaned.fields == {"title": "沂水县2023年度法治政府建设工作报告", "date": "2024-01-20",
                              "publisher": "沂水县司法局"}
    assert cleaned.title_lines == []  # the repeated title line is dropped, not taken for a headline
    assert cleaned.paragraphs[0] == "2023年，沂水县坚持依法行政，现将全县法治政府建设情况报告如下。"
    assert cleaned.paragraphs[-1] == "一是加强执法培训。二是推进数据共享。"
    assert not any(re.search("字号|打印|索引号|特此报告", p) for p in cleaned.paragraphs)


def test_hit_counter_headline_and_correspondent_credit():
    cleaned = clean_article((ARTICLES / "news-sentence-led.txt").read_text(encoding="utf-8"))
    assert cleaned.fields == {"updated": "2023-05-06"}
    assert cleaned.title_lines == ["平阴县获评全省法治政府建设示范县"]
    assert cleaned.paragraphs[-1] == "下一步，平阴县将持续深化法治政府建设。"
    assert cleaned.traced("credit") == ["（通讯员李明）"]


def test_html_page_is_reduced_to_its_article_without_navigation_share_buttons_or_footer():
    article = read_article(str(ARTICLES / "page.html"))
    cleaned = clean_article(article.text, article.page_text)
    assert cleaned.paragraphs == [
        "今年以来，上党区坚持严格规范公正文明执法，执法质效持续提升。",
        "以规范执法行为树形象。全区全面落实行政执法“三项制度”，组织执法人员培训1200余人次，行政处罚案件办结率98.5%。",
        "以数字赋能提效率。建成“智慧执法”平台，16个执法部门实现数据共享，网上办案率达到90%。",
    ]
    assert article.page_fields["title"] == "上党区推进严格规范公正文明执法"
    assert cleaned.fields["source"] == "上党区司法局"


def test_a_reports_sign_off_is_not_body_text():
    cleaned = clean_article("2023年，全县推进依法行政。\n一、规范执法。办理案件30件。\n沂水县人民政府\n2024年1月25日\n")
    assert cleaned.paragraphs == ["2023年，全县推进依法行政。", "一、规范执法。办理案件30件。"]
    assert cleaned.traced("signature") == ["沂水县人民政府"]
    assert cleaned.fields == {"signed": "2024年1月25日"}


# Metadata


@pytest.mark.parametrize("name, expected", [
    ("report-numbered.txt", {
        "id": "shandong-yishui-2023", "title": "沂水县：2023年度法治政府建设工作报告",
        "region": {"province": "山东省", "city": "临沂市", "county": "沂水县", "level": "县级"},
        "period": {"start": dt.date(2023, 1, 1), "end": dt.date(2023, 12, 31)},
        "source": {"title": "沂水县2023年度法治政府建设工作报告", "publisher": "沂水县司法局",
                   "date": dt.date(2024, 1, 20), "kind": "annual-report"},
    }),
    ("news-sentence-led.txt", {
        "id": "shandong-pingyin-2023", "title": "平阴县：获评全省法治政府建设示范县",
        "region": {"province": "山东省", "city": "济南市", "county": "平阴县", "level": "县级"},
        "period": {"start": dt.date(2023, 1, 1), "end": dt.date(2023, 12, 31)},
        "source": {"title": "平阴县获评全省法治政府建设示范县", "date": dt.date(2023, 5, 6), "kind": "news"},
    }),
    ("traditional-pinyin.txt", {
        "id": "shandong-linyi-xxxx", "title": "临沂市：法治政府建设示范市新闻发布会",
        "region": {"province": "山东省", "city": "临沂市", "level": "地市级"},
        "period": None,  # the article never states a year
        "source": {"title": "临沂市法治政府建设示范市新闻发布会", "kind": "press-conference"},
    }),
    ("page.html", {
        "id": "shanxi-shangdang-2024", "title": "上党区：推进严格规范公正文明执法",
        "region": {"province": "山西省", "city": "长治市", "county": "上党区", "level": "县级"},
        "period": {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)},
        "source": {"title": "上党区推进严格规范公正文明执法", "publisher": "上党区司法局",
                   "date": dt.date(2024, 6, 18), "kind": "news"},
    }),
])
def test_metadata_is_what_the_article_states(name, expected):
    case = draft(name).case
    source = {k: v for k, v in case["sources"][0].items() if k != "note"}
    actual = {"id": case["id"], "title": case["title"], "region": case["region"], "period": case["period"],
              "source": source}
    assert actual == expected
    assert case["status"] == "draft"


def test_honours_are_read_from_the_headline_and_lead():
    assert draft("news-sentence-led.txt").case["honours"] == [{"name": "山东省法治政府建设示范县"}]
    assert draft("traditional-pinyin.txt").case["honours"] == [{"name": "全国法治政府建设示范市"}]


def test_what_the_article_does_not_state_is_left_empty_and_listed():
    fictional = draft("fictional-place.txt")
    assert fictional.case["id"] == "xxxx-xxxx"
    assert fictional.case["region"] is None and fictional.case["period"] is None
    assert "date" not in fictional.case["sources"][0] and fictional.case["sources"][0]["kind"] is None
    assert {note.loc for note in fictional.notes} == {("id",), ("region",), ("period",),
                                                      ("sources", 0, "date"), ("sources", 0, "kind")}


def test_an_article_with_nothing_left_after_cleaning_is_refused():
    with pytest.raises(ArticleUnreadable, match="没有剩下正文"):
        make_draft(Article("page.txt", "分享到：\n打印\n第2023-11-28期"), load_taxonomy(REPO / "cases"), TODAY)


def test_the_source_note_says_what_cleaning_changed():
    assert draft("traditional-pinyin.txt").case["sources"][0]["note"] == (
        "原文为繁体，已转为简体；已删去原文夹杂的拼音注音；已删去记者、通讯员署名。")


# Structure


def test_numbered_report_splits_into_its_innermost_numbered_parts():
    case = draft("report-numbered.txt").case
    assert practices("report-numbered.txt") == [
        ("健全依法决策机制", "law-making-decisions"),
        ("深化审批制度改革", "business-environment"),
        ("做实诉前调解", "dispute-resolution"),
        ("规范行政应诉", "dispute-resolution"),
    ]
    assert case["practices"][0]["description"] == "全年审查规范性文件36件，合法性审核率100%。组织专题学法十二次。"
    assert case["summary"] == "2023年，沂水县坚持依法行政，现将全县法治政府建设情况报告如下。"
    assert case["problems"] == ["执法力量不足。基层执法人员偏少。", "数字化水平不高。"]
    assert case["next_steps"] == ["加强执法培训。", "推进数据共享。"]
    assert draft("report-numbered.txt").unplaced == ["全县统筹调解力量，做到小事不出村。"]


def test_news_splits_into_paragraphs_led_by_parallel_topic_sentences():
    case = draft("news-sentence-led.txt").case
    assert practices("news-sentence-led.txt") == [
        ("实施“理论铸魂”工程，压实第一责任人职责", "other"),
        ("实施“制度固本”工程，提升依法决策水平", "law-making-decisions"),
        ("实施“服务赋能”工程，优化法治化营商环境", "business-environment"),
    ]
    # The topic sentence that breaks the parallel (推行…) continues the measure before it.
    assert case["practices"][1]["description"].endswith("推行法律顾问制度。全县38个单位建立法律顾问制度。")
    assert case["summary"] == ("近日，平阴县获评“山东省法治政府建设示范县”。"
                               "近年来，平阴县坚持以法治护航发展，创新实施“三大”工程，群众法治获得感不断提升。")
    assert case["next_steps"] == ["下一步，平阴县将持续深化法治政府建设。"]


def test_bracketed_topics_lead_practices_too():
    structure = read_structure(["近日，全市法治政府建设取得新进展。", "【规范执法】全面推行三项制度。", "【化解纠纷】调解纠纷100件。"])
    assert [(p.title, p.description) for p in structure.practices] == [
        ("规范执法", "全面推行三项制度。"), ("化解纠纷", "调解纠纷100件。")]
    assert structure.lead == ["近日，全市法治政府建设取得新进展。"]


def test_press_conference_and_web_page_split_by_topic_sentences():
    assert practices("traditional-pinyin.txt") == [
        ("党委政府重视，树立最高创建标准", "other"),
        ("健全化解机制，推进矛盾纠纷化解", "dispute-resolution"),
    ]
    assert practices("page.html") == [("以规范执法行为树形象", "enforcement"), ("以数字赋能提效率", "digital-government")]


def test_practice_ids_are_readable_unique_slugs():
    for name in ("report-numbered.txt", "news-sentence-led.txt", "traditional-pinyin.txt", "page.html"):
        ids = [p["id"] for p in draft(name).case["practices"]]
        assert len(set(ids)) == len(ids)
        assert all(re.match(SLUG_PATTERN, i) for i in ids)
    assert [p["id"] for p in draft("report-numbered.txt").case["practices"]] == [
        "jianquan-yifa-juece-jizhi", "shenhua-shenpi-zhidu-gaige", "zuoshi-suqian-tiaojie", "guifan-xingzheng-yingsu"]
    taken: set[str] = set()
    assert [unique(title_slug("加强法治宣传教育"), taken) for _ in range(2)] == [
        "fazhi-xuanchuanjiaoyu", "fazhi-xuanchuanjiaoyu-2"]


def test_place_names_are_spelt_as_case_ids_spell_them():
    assert [place_slug(n) for n in ("长治市", "莒镇", "陕西省", "济阳区", "内蒙古自治区")] == [
        "changzhi", "juzhen", "shaanxi", "jiyang", "neimenggu"]


# Categories


def test_category_suggestion_comes_with_its_evidence():
    case = draft("report-numbered.txt")
    comment = case.comments[("practices", 3, "category")]
    assert comment == "建议分类依据：应诉×3（每次3分）、出庭×1（每次3分），共 12 分；次高 law-making-decisions 4 分"
    assert case.case["practices"][3]["tags"] == ["行政应诉"]


def test_category_rules_are_read_from_the_taxonomy_data():
    taxonomy = load_taxonomy(REPO / "cases")
    text = ("推进综合执法", "全市调解纠纷100件，化解矛盾纠纷")
    assert suggest(*text, taxonomy).category == "dispute-resolution"
    reweighted = taxonomy.model_copy(update={"categories": tuple(
        c.model_copy(update={"keywords": (("综合执法", 50),)}) if c.slug == "enforcement" else c
        for c in taxonomy.categories)})
    assert suggest(*text, reweighted).category == "enforcement"
    nothing = suggest("开展活动", "取得成效", taxonomy)
    assert nothing.category == "other" and nothing.comment().startswith("建议分类：没有匹配的关键词")


# Metrics


def test_metrics_of_the_numbered_report_with_the_report_year():
    assert metrics("report-numbered.txt") == [
        ("审查规范性文件", 36, "件", 2023, None),
        ("合法性审核率", 100, "%", 2023, None),
        ("组织专题学法", 12, "次", 2023, None),
        ("实现“全省通办”", 107, "项", 2023, None),
        ("审批时限压缩", 83, "%", 2023, None),
        ("诉前成功调解案件", 4805, "件", 2023, None),
        ("成功率", 66.46, "%", 2023, None),
        ("行政机关负责人出庭应诉率", 100, "%", 2023, None),
        ("清理涉诉规章制度", 80, "项", 2023, "余"),
    ]


def test_metrics_with_chinese_numerals_full_width_digits_and_ten_thousands():
    assert metrics("traditional-pinyin.txt") == [
        ("召开常务会议研究法治建设", 12, "次", None, None),
        ("建立制度机制", 23, "项", None, None),
        ("调解组织", 154, "个", None, None),
        ("调解成功率", 96.5, "%", None, None),
    ]
    assert metrics("page.html")[:2] == [("组织执法人员培训", 1200, "人次", None, "余"),
                                        ("行政处罚案件办结率", 98.5, "%", None, None)]
    assert metrics("news-sentence-led.txt")[-1] == ("惠及市场主体", 2, "万个", None, "余")


@pytest.mark.parametrize("text, expected", [
    ("全市行政机关负责人出庭应诉率始终保持100%。", [FoundMetric("行政机关负责人出庭应诉率", 100, "%")]),
    ("诉前成功调解案件48057件，成功率66.46%。",
     [FoundMetric("诉前成功调解案件", 48057, "件"), FoundMetric("成功率", 66.46, "%")]),
    ("新制定法规规章4件、修改7件、废止2件。",
     [FoundMetric("新制定法规规章", 4, "件"), FoundMetric("修改", 7, "件"), FoundMetric("废止", 2, "件")]),
    ("省级市级示范基地分别达到29处、353处。",
     [FoundMetric("省级市级示范基地", 29, "处"), FoundMetric("省级市级示范基地", 353, "处")]),
    ("覆盖近20个民生领域，查询次数突破47万次。",
     [FoundMetric("覆盖民生领域", 20, "个", note="近"), FoundMetric("查询次数", 47, "万次", note="突破")]),
    ("近两年来审结应诉案件72件。", [FoundMetric("审结应诉案件", 72, "件", note="近两年来")]),
    ("2022年行政争议化解率达到35.1%。", [FoundMetric("行政争议化解率", 35.1, "%", year=2022)]),
    ("全市有百分之九十五的事项实现网上办理。", [FoundMetric("事项实现网上办理", 95, "%")]),
    ("出台《规划（2021—2025年）》，创新“1234”工作法，12月15日举行，获得第三名，建立一个平台。", []),
    ("百人参加，千家万户受益，三千余份。", []),
    ("全市93387名机关工作人员参加学法考法优秀率99.97%。",  # no word between: both keep the phrase
     [FoundMetric("机关工作人员参加学法考法优秀率", 93387, "名"), FoundMetric("机关工作人员参加学法考法优秀率", 99.97, "%")]),  # numeral characters that make no number; a figure with no label
])
def test_figures_labels_and_notes(text, expected):
    assert find_metrics(text) == expected
