"""`casebook import`, rule by rule, on short invented page openings in the layouts real pages use
(the dev set in tests/fixtures/import-dev/ measures the same rules on real pages): page
furniture around the headline, dates, publishers, kinds of source, places, 下一步 passages,
footers, figures that are context, and categories matched on words."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter

import pytest

from casebook.importer.categorise import suggest
from casebook.importer.clean import clean_article
from casebook.importer.draft import Draft, make_draft
from casebook.importer.figures import FoundMetric, find_metrics
from casebook.importer.place_finder import _confirmed_short_names, find_region
from casebook.importer.source import Article
from casebook.importer.words import find_words
from casebook.vocabularies.taxonomy import load_taxonomy
from support import REPO

TODAY = dt.date(2026, 11, 23)
REPORT_BODY = "2023年，沂水县坚持依法行政。现将有关情况报告如下：\n一、主要举措和成效\n（一）规范执法。全年办理案件300件。\n"


@functools.cache
def taxonomy():
    return load_taxonomy(REPO / "cases")


def draft(text: str, url: str = "") -> Draft:
    return make_draft(Article("page.txt", text, url=url), taxonomy(), TODAY)


def source(text: str) -> dict:
    return draft(text).case["sources"][0]


# Furniture around the headline: the title is the article's own, the rest is set aside


@pytest.mark.parametrize("header", [
    "今天是：2024年1月16日 星期二\n工作报告\n您所在的位置：政务公开 > 工作报告\n沂水县2023年法治政府建设情况报告",
    "AAAAA级社会组织\n您当前的位置:首页>新闻中心>法治宣传\n沂水县2023年法治政府建设情况报告\n时间:2023-03-28\n阅读:0\n字体:[] [] []\n打印\n分享",
    "无障碍 一网搜 登录| 注册\n政务服务 中国政府网 省政府网 English 日本語\n关闭\n行政区划\n开发区\n部门网站\n"
    "当前位置:  首页 >  政务 >  通知公告\n沂水县2023年法治政府建设情况报告",  # a site's menu bars above
    "【政策解读】沂水县2023年法治政府建设情况报告",
    "法治要闻——沂水县2023年法治政府建设情况报告",
    "临沂法制报 | 沂水县2023年法治政府建设情况报告",
    "沂水县2023年法治政府建设情况报告——2024年01月16日王辉",
    "沂水县2023年法治政府建设情况报告 2025-02-24",
    "沂水县2023年法治政府建设情况报告 发布时间:2025-02-24",
    "| 沂水县2023年法治政府建设情况报告 |",
    "索引号 | 113713/2024-001 | 发文字号 | \n标 题 | 沂水县2023年法治政府建设情况报告\n发布日期 | 2025-06-30",
    "| 索引号:000014349/2026-02861 | |\n| 标题:沂水县2023年法治政府建设情况报告 | |\n| 主题分类: | 发布日期:2025-12-22 |",
    "沂水县2023年法治政府建设情况报告\n省委、省政府:",
    "- 索 引 号: sm09901-1800-2025-00003\n- 备注/文号: 沂政〔2025〕5号\n沂水县2023年法治政府建设情况报告",
    "[权威发布]沂水县2023年法治政府建设情况报告",
    "沂水县2023年法治政府建设情况报告- 沂水新闻网",  # the site's name after a page's title
    "- 标题: [沂政发〔2024〕3号]沂水县2023年法治政府建设情况报告",
])
def test_the_headline_is_found_among_page_furniture(header):
    assert source(header + "\n" + REPORT_BODY)["title"] == "沂水县2023年法治政府建设情况报告"


@pytest.mark.parametrize("title", ["沂水县法治政府建设——织密一张法治服务网", "沂水县建成“互联网+政务服务”平台",
                                   "法治政府建设示范创建｜织密基层治理“一张网”", "沂水县扫黑除恶专项斗争 | 织密“天罗地网”",
                                   "沂水县推进政务服务“一网通办”-“一网统管”改革", "沂水县智慧司法工作推进 - 当法治遇上互联网"])
def test_a_title_ending_in_a_word_like_a_sites_name_keeps_it(title):
    assert source(title + "\n" + REPORT_BODY)["title"] == title


def test_crumbs_wrapped_to_a_line_of_their_own_are_no_title():
    page = "当前位置: 首页\n> 政务公开 > 法治政府建设年度报告\n沂水县2023年法治建设总结和2024年工作计划\n" + REPORT_BODY
    assert source(page)["title"] == "沂水县2023年法治建设总结和2024年工作计划"


@pytest.mark.parametrize("item", ["› 建立健全行政执法公示制度，公示执法信息1200条。", "首页 2024年改版，政务公开栏目新增信息300条。"])
def test_a_body_line_that_opens_as_crumbs_open_is_kept(item):
    """Crumb forms of the header (a line opening on `›`, or on 首页 and a space) are text in the body."""
    assert item in clean_article("沂水县2023年法治政府建设情况报告\n" + REPORT_BODY + item + "\n").paragraphs


def test_crumbs_parted_by_spaces_are_no_title():
    page = "首页 政务公开 2023年沂水县法治政府建设情况报告\n\n2023年沂水县法治政府建设情况报告\n" + REPORT_BODY
    assert source(page)["title"] == "2023年沂水县法治政府建设情况报告"


def test_a_sites_badge_is_no_title():
    assert source("本网站支持IPv6\n" + REPORT_BODY).get("title") is None


@pytest.mark.parametrize("note", ["（此件主动公开）", "（2025年4月29日沂水县人大常委会主任会议通过）"])
def test_a_note_in_brackets_is_no_title(note):
    assert source(note + "\n" + REPORT_BODY).get("title") is None


def test_a_menu_of_links_after_its_caption_is_set_aside():
    page = "临沂日报报业集团旗下媒体: 临沂日报 |临沂晚报 |临沂网 |临沂法制报 返回首页\n" + REPORT_BODY
    assert clean_article(page).title_lines == []


def test_a_line_opening_with_three_crumbs_is_a_breadcrumb_whatever_follows_them():
    for crumbs in ("信息公开 > 主动公开 > 工作报告发布日期:2025-02-28 09:30 字体:[ 大 中 小 ] 关闭窗口",
                   "某某网>>某某频道>>要闻"):
        assert clean_article(crumbs + "\n" + REPORT_BODY).title_lines == []


def test_index_fields_with_their_labels_in_brackets_are_fields_not_headline_lines():
    page = ("[ 索引号 ] 113713/2024-001 [ 发文字号 ]\n[ 主题分类 ] 公安、安全、司法、法制 [ 体裁分类 ] 工作报告\n"
            "[ 发布机构 ] 沂水县人民政府 [ 有效性 ]\n[ 成文日期 ] 2024-01-22 [ 发布日期 ] 2024-02-10\n"
            "沂水县2023年法治政府建设情况报告\n" + REPORT_BODY)
    cleaned = clean_article(page)
    assert cleaned.title_lines == ["沂水县2023年法治政府建设情况报告"]
    assert (cleaned.fields["publisher"], cleaned.fields["date"]) == ("沂水县人民政府", "2024-02-10")


@pytest.mark.parametrize("label", ["名 称: ", "信息名称: | ", "正在阅读:", "原标题：", "沂政发〔2024〕3号 "])
def test_an_info_panels_name_label_is_not_part_of_the_title(label):
    """名称 and 信息名称 label the title in an index panel; 正在阅读 a page's “now reading” bar; 原标题 a
    repost's original title; and a document's number may run on before it."""
    page = (f"{label}沂水县2023年法治政府建设情况报告\n索 引 号: 000014349/2025-17645 发布日期: 2025-02-28\n"
            + REPORT_BODY)
    assert source(page)["title"] == "沂水县2023年法治政府建设情况报告"


@pytest.mark.parametrize("header, title_lines", [
    # a site's 主办/承办 line is its header, not a headline line
    ("主办:沂水县人民政府办公室    承办:沂水日报\n沂水县召开法治政府建设推进会", ["沂水县召开法治政府建设推进会"]),
    # 主办 in a headline is a word of it, not a label
    ("沂水县主办全市法治政府建设推进会", ["沂水县主办全市法治政府建设推进会"]),
])
def test_a_sites_host_and_operator_line_is_not_a_headline_line(header, title_lines):
    cleaned = clean_article(header + "\n" + REPORT_BODY)
    assert (cleaned.title_lines, cleaned.fields.get("source")) == (title_lines, None)


def test_an_index_field_is_no_title_when_the_page_has_none():
    assert source("- 备注/文号: 沂政〔2025〕5号\n- 发布机构: 沂水县人民政府\n" + REPORT_BODY)["title"] is None


def test_a_sentence_above_the_headline_and_the_pages_info_line_is_a_banner_not_the_lead():
    page = draft("坚持以人民为中心，奋力谱写法治建设新篇章！\n工作动态\n沂水县2023年法治政府建设情况报告\n"
                 "时间:2024-02-03 来源:沂水县司法局\n" + REPORT_BODY)
    assert page.case["sources"][0]["title"] == "沂水县2023年法治政府建设情况报告"
    assert page.case["summary"].startswith("2023年，沂水县坚持依法行政。")
    assert "标题上方的标语" in page.case["sources"][0]["note"]


def test_without_a_headline_above_the_info_line_the_first_paragraph_stays():
    cleaned = clean_article("近日，沂水县推进诉前调解，全县建立调解室20个。\n来源:沂水县司法局\n培训调解员300人次。\n")
    assert cleaned.paragraphs == ["近日，沂水县推进诉前调解，全县建立调解室20个。", "培训调解员300人次。"]


def test_a_headline_printed_over_lines_is_joined_and_its_issuer_is_the_publisher():
    page = ("西政办〔2020〕20号\n西平县人民政府办公室\n关于印发西平县2020年度法治政府建设\n工作安排的通知\n"
            "各乡镇人民政府:\n《工作安排》已经县政府同意，现印发给你们，请认真贯彻执行。\n2020年7月8日\n"
            "西平县2020年度法治政府建设工作安排\n一、依法全面履行政府职能\n（一）加强备案审查。严格审查规范性文件。\n")
    found = source(page)
    assert found["title"] == "西平县人民政府办公室关于印发西平县2020年度法治政府建设工作安排的通知"
    assert (found["publisher"], found["date"], found["kind"]) == ("西平县人民政府办公室", dt.date(2020, 7, 8),
                                                                  "government-document")


def test_a_reports_issuer_printed_above_its_headline_is_its_subject_not_its_publisher():
    found = source("沂水县人民政府\n关于2023年度法治政府建设工作的报告\n" + REPORT_BODY)
    assert (found["title"], found.get("publisher")) == ("沂水县人民政府关于2023年度法治政府建设工作的报告", None)


def test_issuers_printed_above_a_headline_and_repeated_above_the_document_are_not_signatures():
    page = ("沂政发〔2024〕3号\n沂水县人民政府 沂水县人民法院印发\n关于建立府院联动机制的意见的通知\n各乡镇人民政府:\n"
            "《意见》已经县政府同意，现印发给你们，请认真贯彻执行。\n沂水县人民政府 沂水县人民法院\n2024年3月1日\n"
            "沂水县人民政府 沂水县人民法院\n关于建立府院联动机制的意见\n为推进依法行政，制定本意见。\n"
            "一、总体要求\n（一）健全制度。完善制度。\n")
    found = source(page)
    assert found["title"] == "沂水县人民政府沂水县人民法院印发关于建立府院联动机制的意见的通知"
    assert (found["publisher"], found["date"]) == ("沂水县人民政府沂水县人民法院", dt.date(2024, 3, 1))


@pytest.mark.parametrize("header, title", [
    ("沂水县许家湖镇人民政府\n2023年法治政府建设工作报告", "沂水县许家湖镇人民政府2023年法治政府建设工作报告"),
    # a title that names its own place is whole: the line above it is the site's name
    ("沂水县人民政府\n2023年沂水县法治政府建设工作报告", "2023年沂水县法治政府建设工作报告"),
])
def test_an_office_above_a_title_that_starts_with_its_year_is_the_titles_subject_not_its_publisher(header, title):
    found = source(header + "\n" + REPORT_BODY)
    assert (found["title"], found.get("publisher")) == (title, None)


@pytest.mark.parametrize("header, title", [
    # two offices issuing jointly, on one line or on two, are never a site's name: they head the title
    ("中共沂水县许家湖镇委员会 沂水县许家湖镇人民政府\n许家湖镇2023年法治政府建设工作情况报告",
     "中共沂水县许家湖镇委员会沂水县许家湖镇人民政府许家湖镇2023年法治政府建设工作情况报告"),
    ("中共沂水县委员会\n沂水县人民政府\n关于2023年度法治政府建设情况的报告",
     "中共沂水县委员会 沂水县人民政府关于2023年度法治政府建设情况的报告"),
])
def test_joint_issuers_above_a_headline_are_part_of_it(header, title):
    found = source(header + "\n" + REPORT_BODY)
    assert (found["title"], found.get("publisher")) == (title, None)


@pytest.mark.parametrize("header, title", [
    ("沂水县人民政府2023年度法治政府\n建设情况报告", "沂水县人民政府2023年度法治政府建设情况报告"),
    ("沂水县人民政府关于2023年度全县法治政府\n建设考核结果的通报", "沂水县人民政府关于2023年度全县法治政府建设考核结果的通报"),
])
def test_a_headline_wrapped_mid_word_is_joined(header, title):
    assert source(header + "\n" + REPORT_BODY)["title"] == title


def test_an_opening_flattened_into_one_line_gives_its_headline_addressee_and_text():
    page = ("沂水县许家湖镇人民政府关于2023年度法治政府建设情况的报告 中共沂水县委、沂水县人民政府: "
            "2023年，许家湖镇坚持依法行政。现将有关情况报告如下: 一、主要举措和成效 (一)规范执法。全年办理案件300件。\n")
    cleaned = clean_article(page)
    assert cleaned.title_lines == ["沂水县许家湖镇人民政府关于2023年度法治政府建设情况的报告"]
    assert cleaned.traced("addressee") == ["中共沂水县委、沂水县人民政府："]
    assert cleaned.paragraphs[0] == "2023年，许家湖镇坚持依法行政。现将有关情况报告如下："


def test_a_headline_the_page_prints_again_over_the_document_is_its_title_not_the_cover_notices():
    page = ("沂水县法治政府建设实施方案\n来源:某某政务网\n中共沂水县委 沂水县人民政府关于印发《沂水县法治政府建设实施方案》的通知\n"
            "各乡镇党委和人民政府:\n现将《沂水县法治政府建设实施方案》印发给你们，请结合实际认真贯彻落实。\n"
            "中共沂水县委 沂水县人民政府\n2021年9月1日\n沂水县法治政府建设实施方案\n为推进依法行政，制定本方案。\n"
            "一、总体要求\n（一）健全制度。完善依法行政制度体系。\n")
    assert source(page)["title"] == "沂水县法治政府建设实施方案"


def test_share_widget_lines_are_no_headline():
    page = "点击右上角分享给微信好友\n请使用浏览器的分享功能分享本页\n" + REPORT_BODY
    assert source(page).get("title") is None


def test_an_outlet_whose_name_joins_a_paper_and_its_app_is_the_source_beside_the_date():
    found = source("临沂日报·沂蒙客户端 2025-08-28 17:00:11\n" + REPORT_BODY)
    assert (found.get("title"), found["publisher"], found["date"]) == (None, "临沂日报·沂蒙客户端", dt.date(2025, 8, 28))


@pytest.mark.parametrize("info, publisher, date", [
    # the date's label printed without its colon after the source's value is not part of the source
    ("信息来源: 许家湖镇 发布时间 2024-01-26", "许家湖镇", dt.date(2024, 1, 26)),
    # a bare 发布: label dates the page
    ("发布:2024-07-28 13:40    来源:临沂时讯", "临沂时讯", dt.date(2024, 7, 28)),
    # an info panel printing labels and values on lines of their own; 文号's value is neither title nor date
    ("索引号\n文  号\n2024\n来 源\n许家湖镇\n公开日期\n2024-02-05", "许家湖镇", dt.date(2024, 2, 5)),
    # …also with their colons, an empty label's line (作者:) above the next
    ("发布时间:\n2024-02-05\n作者:\n来源:\n许家湖镇", "许家湖镇", dt.date(2024, 2, 5)),
    # values without labels: an office alone above the page's bare date is the issuer printed with it
    ("沂水县2023年法治政府建设情况报告\n113713/2024-001\n沂水县人民政府\n2024-03-19", "沂水县人民政府",
     dt.date(2024, 3, 19)),
    # a date labelled by when it was written or generated, run into the value before it; 源自 labels a source
    ("信息来源:临沂时讯 撰写时间:2024年2月5日 作者:张三", "临沂时讯", dt.date(2024, 2, 5)),
    ("发布机构: 沂水县人民政府 生成日期: 2024-02-05", "沂水县人民政府", dt.date(2024, 2, 5)),
    ("时间:2024-02-05 10:30作者:张三源自:县司法局", "县司法局", dt.date(2024, 2, 5)),
    # an outlet or an office printed before the info line's first label, without a label of its own
    ("临沂在线  发布时间:2024-02-05 10:14:25 Mon", "临沂在线", dt.date(2024, 2, 5)),
    ("沂水县人民政府 发布时间: 2024-02-05 09:36", "沂水县人民政府", dt.date(2024, 2, 5)),
    # 发表日期 dates a page as 发布日期 does
    ("发表日期:2024-02-05    文章来源:沂水县许家湖镇人民政府", "沂水县许家湖镇人民政府", dt.date(2024, 2, 5)),
    # a panel's long labels printed without colons, one a line, an empty 文号 between
    ("-\n发布机构沂水县许家湖镇人民政府\n-\n文号\n-\n发布日期2024-02-05\n-", "沂水县许家湖镇人民政府", dt.date(2024, 2, 5)),
])
def test_an_info_panel_gives_the_publisher_and_date_in_unusual_layouts(info, publisher, date):
    found = source("沂水县2023年法治政府建设情况报告\n" + info + "\n" + REPORT_BODY)
    assert (found["title"], found["publisher"], found["date"]) == ("沂水县2023年法治政府建设情况报告", publisher, date)


def test_an_info_panel_printed_as_a_numbered_list_is_no_numbered_text():
    page = ("1. [主题分类] 司法\n2. [发文机构] 中共沂水县委\n3. [联合发文单位] 沂水县人民政府\n4. [成文日期] 2024-01-26\n"
            "5. [发布日期] 2024-02-05\n中共沂水县委 沂水县人民政府关于印发《沂水县法治政府建设实施意见》的通知\n"
            "各乡镇党委和人民政府：\n现将《沂水县法治政府建设实施意见》印发给你们，请认真贯彻落实。\n中共沂水县委\n2024年1月26日\n"
            "沂水县法治政府建设实施意见\n为推进依法行政，制定本实施意见。\n一、总体要求\n（一）健全制度。完善制度。\n")
    found = source(page)
    assert (found["title"], found["date"], found["kind"]) == (
        "中共沂水县委沂水县人民政府关于印发《沂水县法治政府建设实施意见》的通知", dt.date(2024, 2, 5), "government-document")


def test_the_text_run_on_after_an_info_lines_buttons_is_the_first_paragraph():
    page = ("沂水县人大常委会视察法治政府建设\n时间:2025-12-23 来源: 作者: [收藏] [打印] [关闭]12月17日，县人大常委会"
            "视察法治政府建设，县领导出席。\n沂水县司法局推进依法行政，全年办理案件300件。\n")
    assert draft(page).year == 2025  # 12月17日 read against the page's date


def test_a_peoples_congress_inspection_reports_no_practice():
    page = ("沂水县人大常委会视察法治政府建设\n12月17日，县人大常委会开展法治政府建设工作视察。\n"
            "会议强调，建设法治政府是系统工程，要久久为功。\n")
    assert not draft(page).reports_practice


def test_a_notices_attachment_is_neither_its_title_nor_its_signature():
    page = ("各乡镇人民政府，县直各部门：\n2023年，全县推进依法行政，取得积极成效。为鼓励先进，县政府决定对许家湖镇等3个单位予以通报表扬。\n"
            "希望受表扬的单位再创佳绩。\n附件：2023年度沂水县依法行政工作先进单位名单\n沂水县人民政府\n2024年3月5日\n"
            "附 件\n2023年度沂水县依法行政工作先进单位名单\n许家湖镇人民政府\n县司法局\n县市场监管局\n")
    found = source(page)
    assert (found.get("title"), found["publisher"], found["kind"]) == (None, "沂水县人民政府", "government-document")
    assert not draft(page).reports_practice


def test_a_dispatch_about_a_report_is_news_from_the_paper_its_masthead_names():
    found = source("临沂日报 数字报纸\n市人大常委会审议法治政府建设情况报告\n"
                   "本报临沂3月26日讯 （记者 张三） 3月26日，市人大常委会会议审议市政府关于2023年法治政府建设情况的报告。\n")
    assert (found["title"], found["publisher"], found["kind"]) == ("市人大常委会审议法治政府建设情况报告", "临沂日报", "news")


def test_a_headline_opening_with_a_short_label_word_stays_a_headline():
    assert source("时间银行助力沂水县法治建设\n" + REPORT_BODY)["title"] == "时间银行助力沂水县法治建设"


def test_a_headline_with_the_info_line_run_on_after_it_is_the_title_over_that_line():
    found = source("沂水县命名首批法治政府建设示范乡镇发布时间:2024-02-05  来源:临沂日报  作者:张 三\n"
                   "记者从县司法局获悉，沂水县命名首批示范乡镇。\n")
    assert (found["title"], found["date"], found["publisher"], found["kind"]) == (
        "沂水县命名首批法治政府建设示范乡镇", dt.date(2024, 2, 5), "临沂日报", "news")


def test_a_signature_dated_in_chinese_numerals_dates_a_page_with_no_other_date():
    page = ("关于印发《沂水县法治政府建设规划》的通知\n沂政发〔2021〕3号\n各乡镇人民政府：\n"
            "现将《沂水县法治政府建设规划》印发给你们，请认真组织实施。\n二〇二一年三月十五日\n沂水县法治政府建设规划\n"
            "为加快建设法治政府，制定本规划。\n一、总体要求\n（一）健全制度。完善制度。\n")
    assert source(page)["date"] == dt.date(2021, 3, 15)


def test_a_reposted_documents_page_date_is_its_update_time_not_the_signature():
    page = ("沂水县法治政府建设实施方案\n来源:某某政务网 更新时间:2021-10-09\n各乡镇党委和人民政府:\n"
            "现将《沂水县法治政府建设实施方案》印发给你们，请结合实际认真贯彻落实。\n中共沂水县委\n2021年9月30日\n"
            "沂水县法治政府建设实施方案\n为推进依法行政，制定本方案。\n一、总体要求\n（一）健全制度。完善依法行政制度体系。\n")
    assert source(page)["date"] == dt.date(2021, 10, 9)


def test_a_notice_signed_above_the_list_it_publishes_takes_that_signature():
    page = ("关于沂水县法治政府建设示范乡镇名单的公示\n经评审，现将名单予以公示。如有意见，请在公示期间反映。\n"
            "中共沂水县委全面依法治县委员会办公室\n2021年4月9日\n示范乡镇名单\n一、示范乡镇\n许家湖镇、黄山铺镇。\n")
    found = source(page)
    assert (found["publisher"], found["date"], found["kind"]) == (
        "中共沂水县委全面依法治县委员会办公室", dt.date(2021, 4, 9), "government-document")


def test_a_document_after_its_cover_notice_takes_its_own_title_and_the_signature():
    page = ("各市、县(市、区)党委和人民政府:\n《实施方案》已经省委常委会会议审议通过，现印发给你们，请结合实际认真贯彻落实。\n"
            "中共江苏省委\n江苏省人民政府\n2021年12月31日\n江苏省法治政府建设实施方案\n"
            "法治政府建设是全面依法治省的重点任务。\n一、总体要求\n（一）健全制度。完善依法行政制度体系。\n")
    found = source(page)
    assert (found["title"], found["publisher"], found["date"]) == (
        "江苏省法治政府建设实施方案", "中共江苏省委、江苏省人民政府", dt.date(2021, 12, 31))


def test_a_newspapers_edition_line_above_the_headline_gives_its_date_and_publisher():
    found = source("《临沂日报》2025年11月29日03版\n沂水县召开法治政府建设推进会\n" + REPORT_BODY)
    assert (found["title"], found["date"], found["publisher"]) == (
        "沂水县召开法治政府建设推进会", dt.date(2025, 11, 29), "临沂日报")


def test_a_book_title_with_a_date_in_a_headline_is_no_edition_line():
    found = source("《沂水县法治政府建设规划》2025年11月29日起施行\n" + REPORT_BODY)
    assert found.get("date") is None


@pytest.mark.parametrize("subtitle, kind", [
    ("——沂水县“十四五”时期法治建设成就新闻发布会举行", "press-conference"),  # the subtitle says what it was
    ("——沂水县“十四五”时期法治建设成就综述", "news"),
])
def test_a_subtitle_under_the_headline_is_not_the_title(subtitle, kind):
    page = f"以高水平法治护航高质量发展\n{subtitle}\n来源:临沂日报\n“十四五”期间，沂水县全面推进依法行政。\n"
    found = source(page)
    assert (found["title"], found["kind"]) == ("以高水平法治护航高质量发展", kind)


def test_the_lines_a_label_introduces_under_the_headline_are_not_headline_lines():
    page = ("以高水平法治护航高质量发展\n主持人:\n市委宣传部副部长、市融媒体中心主任 刘光健\n新闻发布人:\n"
            "市委依法治市办副主任、市司法局局长 李静波\n“十四五”期间，沂水县全面推进依法行政。\n")
    assert clean_article(page).title_lines == ["以高水平法治护航高质量发展"]


@pytest.mark.parametrize("header, date", [
    # when and where the report was delivered, perhaps over two lines, dates a page that shows no other date
    ("沂水县2023年法治政府建设情况报告\n2024年3月17日在沂水县第十六届人民代表大会\n常务委员会第二十四次会议上\n主任、各位副主任、委员:",
     dt.date(2024, 3, 17)),
    ("沂水县2023年法治政府建设情况报告\n2024年3月17日在沂水县人大常委会会议上\n发布日期:2024-04-01", dt.date(2024, 4, 1)),
])
def test_an_occasion_note_under_the_headline_dates_the_report_as_its_signature(header, date):
    found = source(header + "\n" + REPORT_BODY)
    assert (found["title"], found["date"]) == ("沂水县2023年法治政府建设情况报告", date)


def test_an_untitled_cover_notice_above_its_two_line_signature_is_no_banner():
    page = ("各市、县(市、区)党委和人民政府:\n现将《江苏省法治政府建设实施方案》印发给你们，请结合实际认真贯彻落实。\n"
            "中共江苏省委员会\n江苏省人民政府\n2021年12月31日\n为推进依法行政，结合江苏实际，制定本实施方案。\n"
            "一、总体要求\n（一）健全制度。完善依法行政制度体系。\n")
    found = source(page)
    assert (found.get("title"), found["publisher"], found["date"]) == (
        None, "中共江苏省委员会、江苏省人民政府", dt.date(2021, 12, 31))


def test_a_slogan_above_a_headline_and_a_date_is_still_a_banner():
    cleaned = clean_article("坚持以人民为中心，奋力谱写法治建设新篇章！\n沂水县2023年法治政府建设情况报告\n2024-02-03\n"
                            + REPORT_BODY)
    assert cleaned.traced("banner") == ["坚持以人民为中心，奋力谱写法治建设新篇章！"]


# Dates: the page's own, from anywhere in the header, never a widget's or the body's


@pytest.mark.parametrize("header, date", [
    ("沂水县2023年法治政府建设情况报告\n2023-01-13 10:04:14", dt.date(2023, 1, 13)),
    ("沂水县2023年法治政府建设情况报告\n25.02.2016  10:00", dt.date(2016, 2, 25)),  # day first
    ("沂水县2023年法治政府建设情况报告\n——2024年01月16日 王辉", dt.date(2024, 1, 16)),
    ("沂水县2023年法治政府建设情况报告\n沂水县人民政府 2024年01月08日", dt.date(2024, 1, 8)),
    ("沂水县2023年法治政府建设情况报告\n发布日期 | 2025-06-30", dt.date(2025, 6, 30)),
    ("沂水县2023年法治政府建设情况报告\n作者:刘村 来源:滨海日报 浏览次数:7137 发布时间:[2024-8-5] |", dt.date(2024, 8, 5)),
    ("沂水县2023年法治政府建设情况报告\n浏览次数:信息来源: 区司法局发布时间:2025-11-07 16:34", dt.date(2025, 11, 7)),
    ("稿源:津滨网 编辑:白璐 2025-11-21 11:04\n沂水县2023年法治政府建设情况报告", dt.date(2025, 11, 21)),  # no label
    # the date first, then the source with a label or without, or the outlet first; buttons after
    ("沂水县2023年法治政府建设情况报告\n2024-02-03 09:15 沂水县人民政府网", dt.date(2024, 2, 3)),
    ("沂水县2023年法治政府建设情况报告\n2024-02-03 09:15:20 来源: 沂水县司法局 打印", dt.date(2024, 2, 3)),
    ("沂水县2023年法治政府建设情况报告\n临沂法治报 2024-02-03 08:30 大字", dt.date(2024, 2, 3)),
    ("今天是：2024年1月16日 星期二\n沂水县2023年法治政府建设情况报告", None),  # the day the page was read
    # …but on a newspaper's page the day and its weekday are the issue's
    ("第01版:要闻\n2024年3月5日 星期二\n沂水县2023年法治政府建设情况报告", dt.date(2024, 3, 5)),
    # a hit counter after the time, or run into it (10:11, then 4857 reads)
    ("沂水县2023年法治政府建设情况报告\n2023-07-10 10:114857阅读", dt.date(2023, 7, 10)),
    ("沂水县2023年法治政府建设情况报告\n2023-07-10 10:11 4857次浏览", dt.date(2023, 7, 10)),
    # the document's own date (成文日期) gives way to the page's; alone, it is the only date there is
    ("成文日期: 2026-01-22 发布日期: 2026-02-10\n沂水县2023年法治政府建设情况报告", dt.date(2026, 2, 10)),
    ("成文日期: 2026-01-22\n沂水县2023年法治政府建设情况报告", dt.date(2026, 1, 22)),
    ("- 公文生成日期: 2025-02-07\n沂水县2023年法治政府建设情况报告", dt.date(2025, 2, 7)),
    ("沂水县2023年法治政府建设情况报告 发布时间:2025-02-24", dt.date(2025, 2, 24)),  # on the title's line
    # the hosting site's name and domain before the info line's label
    ("沂水县2023年法治政府建设情况报告\n临沂司法局 sfj.linyi.gov.cn 时间:2023年03月28日 10:00 【字体:",
     dt.date(2023, 3, 28)),
    # …with the page's date between the domain and the first label (a gateway's Traditional copy)
    ("沂水县2023年法治政府建设情况报告\n臨沂政務網 www.linyi.gov.cn   2023年03月28日   來源:臨沂日報", dt.date(2023, 3, 28)),
])
def test_the_pages_date_is_read_in_any_layout(header, date):
    assert source(header + "\n" + REPORT_BODY).get("date") == date


def test_a_headline_dated_on_its_line_is_not_taken_for_an_outlet():
    found = source("关于全县行政执法情况的通报 2024-03-01\n" + REPORT_BODY)
    assert (found["title"], found["date"], found.get("publisher")) == ("关于全县行政执法情况的通报", dt.date(2024, 3, 1), None)


@pytest.mark.parametrize("header, publisher", [
    ("沂水县2023年法治政府建设情况报告\n时间:2023-03-28\n来源:沂水县司法局", "沂水县司法局"),
    ("沂水县2023年法治政府建设情况报告\n浏览次数:信息来源: 区司法局发布时间:2025-11-07 16:34", "区司法局"),
    ("沂水县2023年法治政府建设情况报告\n| 发文机关:沂水县人民政府 | 主题词: |", "沂水县人民政府"),
    ("沂水县2023年法治政府建设情况报告\n沂水县人民政府 2024年01月08日", "沂水县人民政府"),
    # separators and hit counters between fields are not part of a value
    ("沂水县2023年法治政府建设情况报告\n来源: 沂水县司法局 ┆ 时间: 2021-12-13 15:38:36", "沂水县司法局"),
    ("沂水县2023年法治政府建设情况报告\n日期:2023年05月11日   作者:党政办   来源:沂水县    点击:[]", "沂水县"),
    ("稿源:津滨网 编辑:白璐 2025-11-21 11:04\n沂水县2023年法治政府建设情况报告", "津滨网"),
    # a source printed beside the page's date without a label, on either side of it
    ("沂水县2023年法治政府建设情况报告\n2024-02-03 09:15 沂水县人民政府网", "沂水县人民政府网"),
    ("沂水县2023年法治政府建设情况报告\n2024-02-03 沂水县司法局 关闭", "沂水县司法局"),
    ("沂水县2023年法治政府建设情况报告\n临沂法治报 2024-02-03 08:30 大字", "临沂法治报"),
    ("沂水县2023年法治政府建设情况报告\n2024-02-03 09:15:20 来源: 沂水县司法局 打印", "沂水县司法局"),
    ("沂水县2023年法治政府建设情况报告\n臨沂政務網 www.linyi.gov.cn   2024年02月03日   來源:臨沂日報", "临沂日报"),
    ("沂水县2023年法治政府建设情况报告\n——2024年01月16日 王辉", None),  # a byline's name is no source
    ("来源: 沂水微博 打印\n沂水县2023年法治政府建设情况报告", "沂水微博"),  # only the page's buttons go
    ("[ 发布机构 ] 沂水县人民政府 [ 有效性 ]\n沂水县2023年法治政府建设情况报告", "沂水县人民政府"),
    # a site template's unfilled placeholder is no source; a name in brackets is one
    ("沂水县2023年法治政府建设情况报告\n来源:[db:来源] 发布时间 2018-09-25 13:43 编辑:系统采集", None),
    ("沂水县2023年法治政府建设情况报告\n来源:{dede:field name='source'/} 时间:2018-09-25", None),
    ("沂水县2023年法治政府建设情况报告\n来源:[沂水县司法局] 时间:2018-09-25", "沂水县司法局"),
    # 发布机构 short, 来源 the same office with its place: the fuller name
    ("沂水县2023年法治政府建设情况报告\n发布机构：县政府办公室\n来源：沂水县政府办公室", "沂水县政府办公室"),
    ("沂水县2023年法治政府建设情况报告", None),
    # a reporter's byline led by the outlet names it; a byline without one names none
    ("沂水县2023年法治政府建设情况报告\n沂水融媒客户端记者 张三 通讯员 李四", "沂水融媒客户端"),
    ("沂水县2023年法治政府建设情况报告\n本报记者 张三 通讯员 李四", None),
    ("推进依法治县 建设法治沂水\n临沂日报评论员", "临沂日报"),  # a paper's commentary, signed by its commentator
])
def test_the_publisher_is_what_the_page_states(header, publisher):
    assert source(header + "\n" + REPORT_BODY).get("publisher") == publisher


@pytest.mark.parametrize("credit", ["本台记者:张三 李四", "本网记者 王五"])
def test_a_stations_or_websites_reporter_credit_is_no_title_of_an_untitled_page(credit):
    """As 本报记者 is a newspaper's: 本台 a radio or television station's, 本网 a website's."""
    page = ("12月10日，沂水县法治政府建设新闻发布会在县新闻发布厅举行。\n会上，县司法局局长王五通报了全县法治政府"
            f"建设情况，解读了《沂水县法治政府建设实施方案》。\n{credit}\n编辑:赵六\n制作:钱七\n责任编辑:孙八\n")
    assert source(page).get("title") is None


@pytest.mark.parametrize("line", ["沂水县司法局", "■ 沂水县司法局"])
def test_an_office_named_alone_above_an_untitled_text_is_its_writer(line):
    page = f"{line}\n近年来，沂水县坚持依法行政，法治建设取得明显成效。\n“法者，治之端也”，全县办理案件300件。\n"
    assert source(page).get("publisher") == "沂水县司法局"


def test_the_office_credited_for_supplying_a_piece_is_its_source():
    page = "沂水县召开推进会\n时间:2023-03-28\n3月20日，沂水县召开推进会。\n会上，王五作了部署。\n\n（沂水县司法局供稿）\n"
    assert source(page).get("publisher") == "沂水县司法局"
    assert "供稿" not in "".join(clean_article(page).paragraphs)


@pytest.mark.parametrize("source_line, publisher", [
    ("来源: 人民网-山东频道", "人民网-山东频道"),  # the outlet's channel, as the source names it
    ("来源: 沂水县司法局", "人民网"),  # another source: the dateline's outlet is the publisher
])
def test_a_datelines_outlet_keeps_the_channel_its_source_line_names(source_line, publisher):
    page = f"沂水县开展行政执法检查\n发布时间:2022-04-18 15:19:00{source_line}\n人民网临沂4月14日电 沂水县开展行政执法检查。\n"
    assert source(page)["publisher"] == publisher


def test_a_datelines_place_run_into_its_outlets_name_is_not_the_outlets():
    page = "烟台市开展行政执法检查\n来源：胶东网\n胶东网烟台讯（记者王五）近日，市司法局开展执法检查。\n"
    assert source(page)["publisher"] == "胶东网"  # not 胶东网烟台: 台 ends a station's name too


@pytest.mark.parametrize("page, publisher, date", [
    # the site's address between the page's date and its 来源; a 稿源时间 label
    ("沂水县召开推进会\n2024-04-28 10:09:43 http://www.example.cn/ 来源:临沂日报\n27日上午，沂水县召开推进会。\n",
     "临沂日报", dt.date(2024, 4, 28)),
    ("沂水县召开推进会\n稿源时间:2024-04-28 08:30:31 文章来源:临沂新闻网 作者:佚名\n27日上午，沂水县召开推进会。\n",
     "临沂新闻网", dt.date(2024, 4, 28)),
    # closing credits: the supplying section with its writer's name, the outlet a piece comes from
    ("沂水县召开推进会\n27日上午，沂水县召开推进会。\n会上，王五作了部署。\n供稿:法宣科 张三\n编辑:李四\n", "法宣科", None),
    ("沂水县召开推进会\n27日上午，沂水县召开推进会。\n会上，王五作了部署。\n本文来源于沂水新闻网[www.example.cn]\n",
     "沂水新闻网", None),
])
def test_a_publisher_in_an_info_line_or_a_closing_credit_is_the_pages(page, publisher, date):
    found = source(page)
    assert (found.get("publisher"), found.get("date")) == (publisher, date)


def test_any_number_of_picture_captions_above_a_dateline_are_not_the_text():
    page = ("县司法局开展普法宣传。\n县法院巡回审判。\n县检察院开放日。\n县公安局窗口服务。本版图片均由采访单位提供\n"
            "沂水日报3月30日讯 法治是最好的营商环境。\n近年来，沂水县坚持依法行政。\n")
    found = source(page)
    assert (found.get("publisher"), found.get("kind")) == ("沂水日报", "news")
    assert clean_article(page).paragraphs[0].startswith("法治是最好的营商环境")


def test_a_dateline_naming_its_place_after_the_day_is_a_news_dispatch_of_its_outlet():
    found = source("沂水融媒网6月3日临沂讯 6月2日上午，沂水县召开法治政府建设推进会。\n会上，王五作了部署。\n")
    assert (found.get("publisher"), found.get("kind")) == ("沂水融媒网", "news")


def test_a_letters_signature_names_its_author_rather_than_the_reposting_bureau():
    page = ("信息来源:区司法局 日期:2023-07-25\n致全市人民的一封公开信\n亲爱的市民朋友们:\n"
            "法治兴则国兴，法治强则国强。让我们携手共建法治开封！\n开封市法治政府建设领导小组办公室\n2023年7月10日\n")
    found = source(page)
    assert (found["publisher"], found["date"], found["kind"]) == (
        "开封市法治政府建设领导小组办公室", dt.date(2023, 7, 25), "government-document")


def test_a_signed_document_ends_at_its_signature_and_the_pages_tail_after_it_goes():
    page = ("创建法治政府建设示范市倡议书\n市民朋友们:\n让我们争做法治政府示范创建的坚定支持者！\n"
            "中共长沙市委全面依法治市委员会办公室\n2019年12月\n小伙伴们\n赶紧扫码二维码\n")
    found, cleaned = source(page), clean_article(page)
    assert (found["publisher"], found.get("date")) == ("中共长沙市委全面依法治市委员会办公室", None)  # no day: no date
    assert cleaned.paragraphs == ["让我们争做法治政府示范创建的坚定支持者！"]


# Kinds of source, from the document's own structure


@pytest.mark.parametrize("page, kind", [
    ("2023年，全县推进依法行政。现将2023年度法治政府建设情况报告如下：\n一、规范执法\n（一）办理案件。办理案件30件。",
     "annual-report"),
    ("沂水县2023年法治政府建设情况\n2023年，全县推进依法行政。\n一、规范执法\n（一）办理案件。办理案件30件。", "annual-report"),
    ("2023年，全县推进依法行政。\n一、主要举措和成效\n（一）办理案件。办理案件30件。", "annual-report"),
    ("沂水县召开法治政府建设新闻发布会\n近日，沂水县召开新闻发布会。\n以规范执法树形象。办理案件30件。", "press-conference"),
    ("沂水县法治政府建设实施方案\n为推进依法行政，制定本方案。\n一、总体要求\n（一）健全制度。完善制度。", "government-document"),
    ("为推进依法行政，结合本县实际，制定本方案。\n一、总体要求\n（一）健全制度。完善制度。", "government-document"),
    # opinions say what they are as plans do (制定本实施意见, 现提出如下意见), after a history of the work
    ("党的十八大以来，我县推进依法行政。为深化法治建设，制定本实施意见。\n一、总体要求\n（一）健全制度。完善制度。",
     "government-document"),
    ("为加快建设法治沂水，现提出如下意见。\n一、总体要求\n（一）健全制度。完善制度。", "government-document"),
    # a note by the title that a meeting adopted the text: a document, though its body tells of a report heard
    ("（2025年3月1日沂水县人大常委会第九次主任会议通过）\n县人大常委会听取并审议了县政府关于2024年度法治政府建设情况的报告。\n"
     "一、深化认识，强化责任。要自觉树牢法治信仰。", "government-document"),
    ("9月26日，我县召开法治政府建设工作调度会议。\n会上，司法局汇报了工作情况。", "news"),
    ("2023年9月26日上午，市司法局副局长王五一行到许家湖镇检查法治政府建设情况。\n检查组查阅了台账。", "news"),  # with its year
    ("沂水县揭牌成立法治办\n沂水融媒客户端记者 张三\n7日上午，沂水县司法局揭牌成立法治办。", "news"),  # a byline
    ("2020年，全县推进依法行政。现将考核优秀等次单位通报如下：\n一、乡镇\n许家湖镇、黄山铺镇。", "government-document"),
    # a lead that says the press conference was held, however far into its first paragraph
    ("科学导报讯 记者张三 法治是中国式现代化的重要保障。11月20日，中共沂水县委宣传部、沂水县人民政府新闻办公室举行“十四五”系列主题"
     "第六场新闻发布会，介绍沂水县法治建设成就。\n以法治之力优化营商环境。出台条例3部。", "press-conference"),
    # …or in the paragraph after one of background
    ("为贯彻落实全会精神，10月16日，中共沂水县委召开了十二届五次全会，审议通过了实施意见。\n"
     "11月18日，沂水县举行系列主题新闻发布会（第一场），县司法局相关负责人介绍了有关情况。\n"
     "县司法局局长王五表示，要突出抓好四方面工作。\n", "press-conference"),
    ("科学导报讯 记者张三 法治是中国式现代化的重要保障。11月20日，记者从沂水县司法局获悉，沂水县法治政府建设取得新成效，"
     "相关情况已在此前的新闻发布会上介绍。\n以法治之力优化营商环境。出台条例3部。", "news"),
    # an untitled text opening with its year, numbered in sections reporting 情况 or 成效: a year's report
    ("2024年，我县统筹推进法治政府建设。\n一、工作开展情况\n（一）健全机制。召开会议3次。", "annual-report"),
    ("2024年，我县统筹推进法治政府建设。\n一、规范执法\n（一）健全机制。召开会议3次。", None),
    # …or whose lead sums up the year's results, or that opens saying what the year was
    ("2024年，我县统筹推进法治政府建设，依法行政取得明显成效。\n一、规范执法\n（一）健全机制。召开会议3次。", "annual-report"),
    ("2024年是法治建设攻坚之年。我县统筹推进。\n一、2024年工作开展情况\n（一）健全机制。召开会议3次。", "annual-report"),
    ("沂水县2023年度法治政府建设报告\n2023年，全县推进依法行政。\n办理案件30件。", "annual-report"),
    # a note explaining a matter (…的情况说明) is a document
    ("关于第5项考核指标的情况说明\n沂水县没有制定规章的权限。\n沂水县严格审查规范性文件。", "government-document"),
    ("关于沂水县法治政府建设示范乡镇名单的公示\n经评审，现将名单予以公示。\n许家湖镇、黄山铺镇。", "government-document"),
    # a document's title with notes after its genre: the years it covers, its state
    ("沂水县法治建设规划（2026-2030年）（草案）\n现将草案公开征求意见。\n一、意见可寄送县司法局。\n二、截止日期为12月23日。",
     "government-document"),
    # a reporter's credit opening the lead; a headline saying who held a meeting
    ("（记者 王五）3月20日上午，沂水县法治政府建设工作汇报会举行。\n全县办理案件30件。", "news"),
    ("沂水县召开法治政府建设工作推进会\n为推进依法行政，沂水县召开推进会。\n会议还培训了42名责任人。", "news"),
    # a headline that is the document's name in book-title marks is that document
    ("《沂水县法治建设规划（2026—2030年）》\n来源:沂水县司法局\n为推进依法治县，结合实际，编制本规划。\n"
     "一、总体要求\n（一）健全制度。完善制度。", "government-document"),
    # a number marking a submission to the office above (呈) heads a report of work, not a notice
    ("沂政呈〔2025〕3号\n临沂市人民政府：\n2024年以来，我县推进依法行政。\n一、加强党的领导\n一是健全机制。召开会议3次。",
     "annual-report"),
    # a notice to the public (公告), by its title or by the words that announce it
    ("关于公开征集2027年度立法建议项目的公告\n为扩大公众参与，县司法局面向社会征集建议。\n一、建议可寄送县司法局。", "government-document"),
    ("为扩大公众参与，县司法局面向社会征集建议。现将有关事项公告如下：\n一、建议可寄送县司法局。\n二、截止日期为12月23日。",
     "government-document"),
    # a press conference said to be held somewhere (…发布会在某礼堂举行), after a line of the site's
    ("沂水县公布法治建设路线图\n扫码关注沂水融媒客户端，即可免费订阅每日要闻。\n"
     "3月2日下午，在全县上下深入推进依法治县之际，沂水县首场新闻发布会在县会议中心举行。\n会上，县司法局介绍了有关情况。",
     "press-conference"),
    # a text that sums up its year's work as done: a year's report
    ("现对2023年所做工作总结如下：\n一、规范执法\n（一）办理案件。办理案件30件。", "annual-report"),
    ("2024年，我县统筹推进法治政府建设，法治建设取得了长足进步。\n一、规范执法\n（一）健全机制。召开会议3次。", "annual-report"),
    ("2024年，我县统筹推进法治政府建设，较好地完成了全年各项工作任务。\n一、规范执法\n（一）健全机制。召开会议3次。",
     "annual-report"),
    # …or whose section heading names one year's 法治政府建设情况, whatever its lead
    ("今年以来，我县统筹推进依法行政。\n一、2025年法治政府建设情况\n（一）健全机制。召开会议3次。", "annual-report"),
    # …or that says what the year's work has done (任务基本完成, 提供了…保障): a year's report
    ("2024年，我县统筹推进法治政府建设，年度各项任务基本完成。\n一、规范执法\n（一）健全机制。召开会议3次。", "annual-report"),
    ("2024年，我县统筹推进法治政府建设，为发展提供了有力法治保障。\n一、规范执法\n（一）健全机制。召开会议3次。",
     "annual-report"),
    # a text that says it reports, without 现将 (具体情况报告如下)
    ("我县统筹推进依法行政，具体情况报告如下。\n一、规范执法\n（一）办理案件。办理案件30件。", "annual-report"),
    # news: a lead whose purpose is a sentence of its own before the day; what a reporter learnt today
    ("为深入推进依法治县。6月2日，沂水县召开法治政府建设推进会，各乡镇负责人参会。\n会议要求，各单位抓好落实。", "news"),
    ("记者今天（3月8日）从县司法局获悉：2025年，沂水县办理法律援助案件300件。\n一是规范执法。办理案件30件。", "news"),
    # a headline saying a report was released reports on it
    ("沂水县发布2025年法治政府建设情况 依法行政再上台阶\n3月1日，县政府发布年度报告。\n办理案件30件。", "news"),
    # a paper's commentary, signed by its commentator
    ("临沂日报评论员\n法治是最好的营商环境。沂水县坚持依法行政。\n全县办理案件300件。", "news"),
    # a headline saying who came to study or inspect the work (…建设情况调研) reports the visit
    ("市司法局到沂水县开展法治政府建设情况调研\n沂水县介绍了工作开展情况。\n调研组查阅了台账。", "news"),
    ("2025沂水县法治发展报告正式发布\n县司法局发布了这份报告。\n报告收录案例30件。", "news"),
    # a lead opening with its day, the page's numbers spaced apart (5月8 日)
    ("5月8 日，沂水县法治论坛在县会议中心举行。\n与会专家作了发言。", "news"),
    # a feature on several years' work, after a slogan, and one credited to its writer
    ("法治兴则县域兴。\n党的十八大以来，沂水县坚持依法行政，法治建设取得新成效。\n抓规范执法，树执法形象。办理案件30件。", "news"),
    ("文/张三\n2019年，沂水县坚持依法行政。\n抓规范执法，树执法形象。办理案件30件。", "news"),
])
def test_the_kind_comes_from_the_documents_own_structure(page, kind):
    assert source(page).get("kind") == kind


def test_a_plan_reports_no_practice_and_none_is_forced():
    plan = draft("沂水县法治政府建设实施方案\n为推进依法行政，制定本方案。\n一、总体要求\n（一）健全制度。完善制度10项。\n"
                 "（二）规范执法。推行三项制度。\n")
    assert plan.case["practices"] == [] and not plan.reports_practice and plan.year is None
    assert any(note.loc == ("practices",) and "不报告做法" in note.message for note in plan.notes)


@pytest.mark.parametrize("attendance", ["", "县委常委、政法委书记王五出席会议并讲话，副县长赵六主持。\n"])
def test_a_meeting_report_of_speeches_reports_no_practice(attendance):
    meeting = draft("沂水县召开法治政府建设推进会\n11月23日上午，县长李昊组织召开全县法治政府建设推进会。\n" + attendance +
                    "会上，刘伟对创建工作进度进行通报。\n李昊强调，要提高认识，切实增强依法行政的责任感。\n")
    assert meeting.case["practices"] == [] and not meeting.reports_practice


def test_relaying_a_notice_and_who_attended_are_meeting_paragraphs():
    meeting = draft("沂水县召开法治政府建设推进会\n12月18日，县委依法治县办组织召开了“全县法治政府建设推进工作会议”。\n"
                    "县委依法治县办副主任、县司法局局长陈杰传达了省委依法治省办关于做好实地评估工作的通知。\n"
                    "会议要求，各单位要认真抓好落实。\n各乡镇分管领导及县直各有关单位的分管领导等90余人参会。\n")
    assert not meeting.reports_practice


@pytest.mark.parametrize("paragraph", [
    "座谈会上，县司法局汇报了工作情况。",  # what was said at the meeting, named by its kind
    "会议还研究了其他事项。",
    "会议以视频会议形式召开，各乡镇设分会场。",  # how the meeting was held
    "沂水县将持续发力，打造特色亮点。",  # the pledge a report of a meeting ends with
    "王教授指出，沂水县工作扎实。她强调：一是要坚持党建引领；二是要强化基层治理。",  # a speech numbering its requirements
    "会前，调研组先后来到许家湖镇、县市场监管局实地查看。",  # what was done before the meeting
    "会议充分肯定了去年以来全县取得的成绩。",  # the meeting's praise, and a speaker's
    "县委副书记王五对全县工作表示肯定，并就下一阶段工作提出要求。",
    "最后，县依法治县办对该镇工作给予肯定。",
    "会议首先由县司法局局长介绍全县推进情况。",  # the agenda, in order
    "县委常委、常务副县长赵六表示，全县要坚持依法行政。",  # a speaker named after his offices
    "现场检查主要采取查阅台账、听取汇报的方式进行。",  # how the inspection went
    "目前，全县正全力争创示范县。会议强调，各单位要对标对表。",  # a sentence of background before the meeting's words
    "王五对市司法局的指导表示感谢。他指出，要提高政治站位。",  # a speaker's words, in the sentence after his thanks
    "在县综治中心，赵六详细了解了矛盾调解工作。",  # a stop of a visit, and what the visitor did there
    "调研组一行实地查看了许家湖镇调解室。",
    "会议总结了全县法治宣传工作的经验。",
    "会议强调，各单位要抓好落实。\n某ICP备12345678号某公网安备37000002001234号",  # the site's registration numbers
    "副县长赵六主持推进会议。",  # who chaired the meeting, named by its kind
    "当天，调研组一行首先深入许家湖镇，了解基层法治建设情况。",  # where the group went that day
])
def test_more_meeting_paragraphs_report_no_practice(paragraph):
    meeting = draft("沂水县召开法治政府建设座谈会\n6月5日上午，沂水县召开法治政府建设座谈会。\n"
                    f"会议要求，各单位要认真抓好落实。\n{paragraph}\n")
    assert not meeting.reports_practice


@pytest.mark.parametrize("page", [
    # a meeting of any name that ends in 会 (动员会, 培训会, 全会)
    "6月5日，沂水县召开全县法治政府建设示范创建工作动员部署暨专题培训会，县委副书记、县长王五出席并讲话。\n会议要求，各单位要认真抓好落实。\n",
    # a text that opens inside the meeting, and a last paragraph cut off too short to say anything
    "沂水县人大常委会视察法治政府建设\n会议指出，此次视察是履行监督职责的重要举措。\n会议强调，要久久为功。\n各乡镇长、县直相关单",
    # a meeting named before it is said to be held, and one whose name a garbled mark follows
    "6月5日，沂水县法治政府建设推进会在县行政中心召开。\n会议要求，各单位要认真抓好落实。\n",
    "6月5日，沂水县司法局组织召开法治宣传座谈会？县人大、县政协有关负责人出席。\n会议要求，各单位要认真抓好落实。\n",
    # a leader's visit to study the work (深入…调研)
    "6月5日，市委常委王五深入沂水县许家湖镇调研。\n王五强调，要夯实基层法治。\n",
    # the points a speaker announced, each a paragraph of its own
    "6月5日，沂水县召开法治政府建设推进会。\n县长王五针对下一步工作提出三点意见：\n"
    "坚持党的领导，高站位谋划工作。要持续学习。\n坚持服务大局，高起点推进工作。要紧扣中心。\n",
])
def test_meetings_of_any_name_and_their_speeches_report_no_practice(page):
    assert not draft(page).reports_practice


@pytest.mark.parametrize("second, reports", [
    ("根据要点的要求，今年全县将围绕规范执法、强化监督等方面开展工作。", False),  # what the plan asks
    ("今年以来，全县组织执法培训30场次，办理案件300件。", True),  # work done is still reported
])
def test_news_of_a_plan_issued_that_sets_out_what_it_asks_reports_no_practice(second, reports):
    page = f"日前，沂水县出台2027年法治政府建设工作要点，明确目标任务。\n{second}\n"
    assert draft(page).reports_practice is reports


def test_a_paragraph_after_a_meeting_that_reports_a_measure_still_reports_practice():
    page = ("6月5日，沂水县召开法治政府建设推进会。\n县长王五针对下一步工作提出要求。\n"
            "今年以来，全县组织执法培训30场次，办理案件300件，群众满意度持续提升。\n")
    assert draft(page).reports_practice


@pytest.mark.parametrize("line", [
    "8月3日，沂水县召开法治政府建设推进会。县融媒体中心记者 王五摄",  # a photo's caption above the text
    "文| 县融媒体中心记者 赵六",  # a credit saying what it credits
    "沂水新媒体记者王五摄",  # a photo's credit on a line of its own
    "精彩评论 文明上网理性发言，请遵守评论服务协议",  # a comment box
    "共0条评论",
    "现场照片_20240803101500.jpg",  # a picture's file name printed where the picture was
    # the site's terms of reprinting, however long
    "①凡本网注明“来源：沂水新闻网”的所有文字、图片和视频，版权均属沂水新闻网所有，任何媒体、网站或个人未经本网协议授权不得转载、链接或以其他方式复制发表。",
])
def test_captions_credits_and_comment_boxes_are_not_article_text(line):
    text = "8月3日，沂水县召开法治政府建设推进会。\n会议强调，各单位要抓好落实。"
    assert clean_article(f"{line}\n{text}").paragraphs == text.split("\n")
    assert clean_article(f"{text}\n{line}").paragraphs == text.split("\n")


def test_a_meeting_report_that_also_reports_work_done_reports_practice():
    meeting = draft("沂水县召开法治政府建设推进会\n11月23日上午，县长李昊组织召开全县法治政府建设推进会。\n"
                    "副县长赵六主持会议。\n今年以来，沂水县建立调解室20个，培训调解员300人次。\n")
    assert meeting.reports_practice


@pytest.mark.parametrize("page, year", [
    ("沂水县法治政府建设工作动态\n发布日期：2024-06-18\n今年以来，沂水县推进依法行政。\n以规范执法树形象。办理案件30件。", 2024),
    ("沂水县获评示范县\n发布日期：2024-06-18\n近年来，沂水县推进依法行政。\n以规范执法树形象。办理案件30件。", None),
    ("关于《沂水县人民政府关于2023年度法治政府建设情况的报告》的政策解读\n按照要求，现解读如下：\n一、起草背景\n略。", 2023),
    ("自2019年起，沂水县推进依法行政，荣获2021年度先进单位。\n以规范执法树形象。办理案件30件。", None),
    # a headline may open with its year and no 年; a number that is no year (12345) is not one
    ("2023沂水县法治政府建设评估结果发布\n沂水县推进依法行政。\n以规范执法树形象。办理案件30件。", 2023),
    ("12345热线推动沂水县依法行政\n沂水县推进依法行政。\n以规范执法树形象。办理案件30件。", None),
    # an event dated by month and day: the year by the page's date (the day before it, so last year in January)
    ("沂水县举办开放日活动\n时间: 2021-12-13 15:38:36\n为增强宪法意识，12月1日上午，沂水县司法局开展开放日活动。", 2021),
    ("沂水县举办开放日活动\n时间: 2022-01-05\n12月30日，沂水县司法局开展开放日活动。", 2021),
    # a lead that gives the day alone: the page's month, or the month before
    ("沂水县揭牌成立法治办\n2023-07-10 10:11\n7日上午，沂水县司法局揭牌成立法治办。", 2023),
    ("沂水县揭牌成立法治办\n时间: 2023-01-05\n28日上午，沂水县司法局揭牌成立法治办。", 2022),
    ("沂水县推进诉前调解\n时间: 2023-01-05\n30日内办结纠纷20件，沂水县推进诉前调解。", None),  # a span of days
    # what a reporter has learnt (记者…获悉) is recent, as 近日 is: the page's year
    ("沂水县命名示范乡镇\n发布日期：2024-06-18\n记者从县司法局获悉，经过一年多创建，沂水县命名首批示范乡镇。", 2024),
    # a lead opening with the event's full date gives its year, without the page's date too; 号 is 日 too
    ("沂水县检查许家湖镇法治政府建设\n2019年12月25日上午，县司法局一行到许家湖镇检查。\n检查组查阅了2018年的台账。", 2019),
    ("沂水县召开推进会\n时间: 2019-09-13\n9月12号，沂水县召开推进会。\n会上，王五作了部署。", 2019),
    # a year after the page's date is a target, not the year of the work
    ("沂水县人大视察法治政府建设\n时间: 2025-12-23\n会议指出，全县工作取得成效，要对标2035年法治建设目标。\n会议强调，要久久为功。", None),
    # no date: the one year a first paragraph names, not one of several
    ("沂水县召开推进会\n5月9日，沂水县召开推进会，全面安排了2022年示范创建工作。\n会上，王五作了部署。", 2022),
    ("沂水县召开推进会\n5月9日，沂水县召开推进会，总结2021年工作，安排2022年工作。\n会上，王五作了部署。", None),
    # …but not when the work reported is of several years
    ("沂水县召开新闻发布会\n发布日期:2023-03-24\n3月1日上午，新闻发布会举行。\n近年来，沂水县坚持依法行政。", None),
    # …nor is the one year a first paragraph names that tells of several years' work
    ("沂水县法治建设纪实\n近年来，沂水县坚持依法行政，2020年荣获全省先进县。\n以规范执法树形象。办理案件30件。", None),
    # 近日 after a first paragraph telling a history of years dates an event in it, not the work
    ("聚焦法治建设“沂水经验”\n2021-04-15 10:54:00\n2016年至2018年，沂水县连续获评先进县，2019年获评示范县。\n"
     "近日，沂水县县长接受专访。", None),
    # a press conference's day dates the conference, not the work it presents
    ("沂水县召开普法工作新闻发布会\n发布时间:2025-11-18\n日前，沂水县召开新闻发布会，介绍普法工作开展情况。\n县司法局局长王五介绍了有关情况。", None),
    ("沂水县法治建设成就新闻发布会\n2022年10月13日，沂水县举行新闻发布会，介绍法治建设成就。\n县司法局局长王五介绍了有关情况。", None),
    ("沂水县法治建设成就新闻发布会\n时间: 2026-02-09\n2月6日，沂水县举行新闻发布会，介绍法治建设成就。\n县司法局局长王五介绍了有关情况。", None),
    # …but a speaker telling this year's work (今年以来) dates it by the page's date
    ("沂水县普法工作新闻发布会\n时间: 2026-05-09\n5月6日，沂水县举行新闻发布会，介绍普法工作。\n今年以来，全县开展普法活动30场。", 2026),
    # a deadline set as a target, and a session's number in its series, are not the year of the work
    ("沂水县公布法治建设路线图 2030年前基本建成法治政府\n沂水县推进依法行政。\n以规范执法树形象。办理案件30件。", None),
    ("沂水县要求如期实现2030年法治政府建设目标\n沂水县推进依法行政。\n以规范执法树形象。办理案件30件。", None),
    ("沂水县法治政府建设新闻发布会（2025年总第3场）\n沂水县推进依法行政。\n以规范执法树形象。办理案件30件。", None),
    ("沂水县2023年前三季度办理行政复议案件情况\n沂水县推进依法行政。\n以规范执法树形象。办理案件30件。", 2023),
    # a report whose lead says only that it reports: its year where its account begins
    ("沂水县人民政府关于法治政府建设情况的报告\n县人大常委会：\n现就法治政府建设情况报告如下。\n一、主要举措和成效\n"
     "2025年，全县各级行政机关坚持依法行政。\n（一）健全机制。召开会议3次。", 2025),
])
def test_the_year_is_only_what_the_page_states(page, year):
    assert draft(page).year == year


# Places


@pytest.mark.parametrize("title, region", [
    ("", ("沂水县", "许家湖镇", "乡镇级")),  # the opening's town, in the county named more often
    ("沂水县人民政府关于2024年度法治政府建设情况的报告", ("沂水县", None, "县级")),  # the headline's county
])
def test_the_town_an_opening_names_is_the_subject_over_its_county_named_more_often(title, region):
    text = ("2024年，在沂水县委、沂水县政府的领导下，许家湖镇推进依法行政。\n"
            "沂水县司法局给予指导，按照沂水县的部署开展执法培训20场次。\n")
    found = find_region(title, text)
    assert (found.county, found.town, found.level) == region


@pytest.mark.parametrize("title, region", [
    ("萧县圣泉镇人民政府关于2024年法治政府建设情况的报告", ("宿州市", "萧县", "圣泉镇")),  # one of its towns after it
    ("沛县司法局召开2024年度法治政府建设推进会", ("徐州市", "沛县", None)),  # one of its offices after it
    ("沛县大屯街道2024年度法治政府建设情况报告", ("徐州市", "沛县", "大屯街道")),  # a town of four characters
    ("萧县之前的文字与沛县后来的字", (None, None, None)),  # once, alone: as likely a phrase cut wrongly
])
def test_a_two_character_county_named_once_is_confirmed_by_its_office_or_town_after_it(title, region):
    found = find_region(title, "2024年，全面推进依法行政，开展执法培训20场次。\n")
    assert (found.city, found.county, found.town) == region


def test_the_end_of_a_longer_countys_name_confirms_no_two_character_county():
    """宁县 is not written before its office in 永宁县人民政府: named once and alone, it stays unconfirmed."""
    assert _confirmed_short_names("永宁县人民政府召开会议，宁县代表参加", "", Counter()) == Counter()
    assert _confirmed_short_names("宁县人民政府召开会议", "", Counter()) == Counter({"宁县": 3})


@pytest.mark.parametrize("opening", [
    "2024年，在沂水县委、县政府的领导下，我镇推进依法行政，沂水县司法局给予指导。",  # the county named more often
    "2024年，在镇党委、镇人大的监督支持下，我镇推进依法行政。",  # 在镇党委: no town named 在镇
])
def test_a_text_speaking_as_a_town_is_the_towns_it_names_further_on(opening):
    region = find_region("", opening + "\n许家湖镇开展执法培训20场次。\n")
    assert (region.county, region.town, region.level) == ("沂水县", "许家湖镇", "乡镇级")


@pytest.mark.parametrize("title, text, url, region", [
    # a town the town list has once: its county and city from the list
    ("黎侯镇2025年法治政府建设情况的报告", "2025年，在县委、县政府的领导下，黎侯镇坚持依法行政。", "",
     {"province": "山西省", "city": "长治市", "county": "黎城县", "town": "黎侯镇", "level": "乡镇级"}),
    # a town six counties have: the one the web address spells
    ("三都镇2025年法治政府建设年度报告", "2025年，三都镇坚持依法行政。", "http://www.liujiang.gov.cn/a.html",
     {"province": "广西壮族自治区", "city": "柳州市", "county": "柳江区", "town": "三都镇", "level": "乡镇级"}),
    # …or its first folder, where a site group keeps each county (柳江区's initials); a file's name is no folder
    ("三都镇2025年法治政府建设年度报告", "2025年，三都镇坚持依法行政。", "http://www.lzzq.gov.cn/ljq/fzzfjs/a.html",
     {"province": "广西壮族自治区", "city": "柳州市", "county": "柳江区", "town": "三都镇", "level": "乡镇级"}),
    ("三都镇2025年法治政府建设年度报告", "2025年，三都镇坚持依法行政。", "http://www.lzzq.gov.cn/ljq.html",
     {"town": "三都镇", "level": "乡镇级"}),
    # …and without an address only the town: its county is not guessed
    ("三都镇2025年法治政府建设年度报告", "2025年，三都镇坚持依法行政。", "", {"town": "三都镇", "level": "乡镇级"}),
    # a town several counties have: the one of which the page names most, itself and its parents…
    ("刘二堡镇2024年法治政府建设工作报告", "2024年，刘二堡镇落实辽宁省和辽中区的部署，坚持依法行政。", "",
     {"province": "辽宁省", "city": "沈阳市", "county": "辽中区", "town": "刘二堡镇", "level": "乡镇级"}),
    # …also when the county's own name is shared (新华区 is in four cities; the town in one of them only)
    ("革新街道2024年法治政府建设情况报告", "2024年，革新街道落实新华区的部署，坚持依法行政。", "",
     {"province": "河北省", "city": "石家庄市", "county": "新华区", "town": "革新街道", "level": "乡镇级"}),
    # a town of a city without counties
    ("", "2025年，小榄镇坚持依法行政。出台《中山市小榄镇人民政府合法性审查办法》。", "",
     {"province": "广东省", "city": "中山市", "town": "小榄镇", "level": "乡镇级"}),
    # a district of a municipality sits under it, with no city
    ("2024年杨浦区法治政府建设工作情况报告", "杨浦区坚持依法行政。", "",
     {"province": "上海市", "county": "杨浦区", "level": "县级"}),
    # the most-named place wins over one named in passing
    ("", "开封市推进法治政府建设。开封市出台办法。开封市开展培训。开封市建立机制。开封市组织考试。顺河回族区参加。", "",
     {"province": "河南省", "city": "开封市", "level": "地市级"}),
    # names are found as words: 政和(县) is not in 行政和事业, 大厂 is the short name the county uses
    ("", "我县调剂使用行政和事业编制，为建设美丽大厂提供保障，县长出席。", "",
     {"province": "河北省", "city": "廊坊市", "county": "大厂回族自治县", "level": "县级"}),
    # a county of two characters counts as a whole word the page names twice, or with its city or province…
    ("沛县推进法治政府建设", "沛县司法局开展培训，全县调解纠纷100件。", "",
     {"province": "江苏省", "city": "徐州市", "county": "沛县", "level": "县级"}),
    ("", "江苏省沛县司法局开展培训，全县调解纠纷100件。", "",
     {"province": "江苏省", "city": "徐州市", "county": "沛县", "level": "县级"}),
    # places of one level listed as often as each other: the province they share, which the page names…
    ("", "按照河北省的考核办法，承德市、唐山市为优秀；市直部门承德市交通运输局、唐山市公安局为优秀。", "",
     {"province": "河北省", "level": "省级"}),
    # …or names only by its short form (法治河北 for 河北省)
    ("关于法治河北建设示范地区名单的公示", "省委依法治省办组织法治河北建设示范评审。示范市：承德市、唐山市。示范县：滦平县、迁西县。", "",
     {"province": "河北省", "level": "省级"}),
    # …but one city named more than the others is the subject
    ("", "按照河北省的部署，承德市推进依法行政，承德市开展培训，唐山市派员参加。", "",
     {"province": "河北省", "city": "承德市", "level": "地市级"}),
    # a county named only as its party committee's (中共某县委: segmenters read 县委 as one word)
    ("", "结合《中共临朐县委全面依法治县委员会工作要点》和《山东省法治督察办法》，开展督察。", "",
     {"province": "山东省", "city": "潍坊市", "county": "临朐县", "level": "县级"}),
    # a page speaking as a county (我县) is the county's it names, not the province's whose rules it applies more often
    ("", "2024年，我县落实《山东省规范性文件管理办法》《山东省行政执法监督办法》，沂水县司法局开展培训。", "",
     {"province": "山东省", "city": "临沂市", "county": "沂水县", "level": "县级"}),
    # …and a page speaking as a city (我市) is its city's over a county it names as often
    ("", "临沂市人民政府召开会议，沂水县人民政府作经验介绍，我市将持续推进依法行政。", "",
     {"province": "山东省", "city": "临沂市", "level": "地市级"}),
    # a municipality written before its district (上海市普陀区) says where the district the page keeps naming is
    ("", "中共上海市普陀区委正在制定规划。根据《上海市重大行政决策程序规定》，普陀区司法局征求意见。地址：上海市大渡河路。", "",
     {"province": "上海市", "county": "普陀区", "level": "县级"}),
    # the short forms official writing gives autonomous areas: 红河州, 金平县 (红河 alone is also 红河县)
    ("", "按照红河州的部署，印发《金平县领导干部述法办法》，金平县推进依法行政。", "",
     {"province": "云南省", "city": "红河哈尼族彝族自治州", "county": "金平苗族瑶族傣族自治县", "level": "县级"}),
    ("", "红河县推进依法行政，红河县开展培训。", "", {"province": "云南省", "city": "红河哈尼族彝族自治州",
                                                 "county": "红河县", "level": "县级"}),
    # …also written after a parent's name (海南省陵水县), which then says where it is
    ("", "海南省陵水县推进依法行政，陵水县开展执法培训。", "",
     {"province": "海南省", "county": "陵水黎族自治县", "level": "县级"}),
    # no name at all: the place of the level the page calls itself by (我区) that the web address spells…
    ("", "考核组来我区考核法治政府建设工作，副区长陪同。", "http://luozhuang.gov.cn/info/1078/2622.htm",
     {"province": "山东省", "city": "临沂市", "county": "罗庄区", "level": "县级"}),
    # …not one of another level (我省), nor any without an address
    ("", "考核组来我省考核法治政府建设工作。", "http://luozhuang.gov.cn/info/1078/2622.htm", {}),
    ("", "考核组来我区考核法治政府建设工作，副区长陪同。", "", {}),
    # …but not once and alone, and a district of two characters (城区, 矿区) is an ordinary word
    ("", "学习借鉴沛县经验，推进依法行政。", "", {}),
    ("", "城区和矿区的执法队伍参加培训，城区执法队调解纠纷100件，矿区执法队调解纠纷50件。", "", {}),
])
def test_the_region(title, text, url, region):
    assert find_region(title, text, url).as_case_field() == region


@pytest.mark.parametrize("reported, region", [
    ("现将龙固镇2025年度法治政府建设情况报告如下。",
     {"province": "江苏省", "city": "徐州市", "county": "沛县", "town": "龙固镇", "level": "乡镇级"}),
    # the county's own report, naming a town in passing
    ("龙固镇承办了现场会。现将2025年度法治政府建设情况报告如下。",
     {"province": "江苏省", "city": "徐州市", "county": "沛县", "level": "县级"}),
])
def test_an_untitled_report_names_its_subject_where_it_says_what_it_reports(reported, region):
    page = draft("中共沛县县委、沛县人民政府:\n2025年，按照沛县的部署，紧扣沛县法治政府建设工作要求，推进依法行政。" + reported +
                 "\n一、主要举措和成效\n（一）规范执法。全年办理案件300件。\n")
    assert page.case["region"] == region


def test_a_datelines_outlet_names_the_place_and_a_tie_goes_to_the_level_the_article_calls_itself():
    page = draft("仪陇新闻网讯(记者 唐枭)11月4日上午,我县召开新闻发布会。会议邀请四川日报等媒体参加。\n"
                 "会上，相关部门负责人作了介绍，要落实省委省政府、市委市政府的部署。\n")
    assert page.case["region"] == {"province": "四川省", "city": "南充市", "county": "仪陇县", "level": "县级"}
    assert page.case["sources"][0]["publisher"] == "仪陇新闻网"


@pytest.mark.parametrize("lead, outlet", [
    ("據《臨沂日報》消息 近日，县司法局组织开展执法检查。", "临沂日报"),  # Traditional, as mirrors print it
    ("据沂蒙晚报报道，近日，县司法局组织开展执法检查。", "沂蒙晚报"),
    ("星报讯 近日，县司法局组织开展执法检查。", "星报"),  # an outlet's name of one character and its kind
    ("临沂日报3月5日讯(记者 王五)近日，县司法局组织开展执法检查。", "临沂日报"),  # the day before 讯
    ("沂水新闻网3月5日消息（记者 王五）近日，县司法局组织开展执法检查。", "沂水新闻网"),  # 消息 for 讯, a …新闻网
])
def test_a_piece_reported_from_an_outlet_is_news_with_that_outlet_as_publisher(lead, outlet):
    cleaned = clean_article(lead + "\n检查组查阅了执法案卷50卷。\n")
    found = source(lead + "\n检查组查阅了执法案卷50卷。\n")
    assert (found["publisher"], found["kind"]) == (outlet, "news")
    assert cleaned.paragraphs[0] == "近日，县司法局组织开展执法检查。"


def test_an_outlet_of_any_name_whose_dispatch_gives_the_day_after_its_xun_is_the_publisher():
    page = "沂蒙头条讯3月5日，县司法局组织开展执法检查。\n检查组查阅了执法案卷50卷。\n"
    found = source(page)
    assert (found["publisher"], found["kind"]) == ("沂蒙头条", "news")
    assert clean_article(page).paragraphs[0] == "3月5日，县司法局组织开展执法检查。"


def test_text_a_copying_site_put_above_a_news_pieces_dateline_is_not_the_piece():
    page = ("各级工会要把学习宣传作为首要任务，团结职工不懈奋斗。\n"
            "沂蒙网沂水5月6日电 (记者 王五)5月6日，沂水县2024年法治政府建设情况报告发布。\n检查组查阅了执法案卷50卷。\n")
    found = source(page)
    assert (found.get("publisher"), found.get("kind")) == ("沂蒙网", "news")
    assert clean_article(page).paragraphs[0] == "5月6日，沂水县2024年法治政府建设情况报告发布。"


def test_a_dateline_below_the_headline_opens_the_first_paragraph():
    page = "沂水县开展行政执法检查\n南方网讯 (全媒体记者/刘冠南)9月20日，县司法局组织开展执法检查。\n检查组查阅了执法案卷50卷。\n"
    assert (source(page)["publisher"], source(page)["title"]) == ("南方网", "沂水县开展行政执法检查")
    assert clean_article(page).paragraphs[0] == "9月20日，县司法局组织开展执法检查。"


@pytest.mark.parametrize("lead", ["本报讯 近日，县司法局组织开展执法检查。", "喜讯 近日，县司法局组织开展执法检查。"])
def test_a_paper_calling_itself_by_本报_or_a_word_before_讯_names_no_outlet(lead):
    assert source(lead + "\n检查组查阅了执法案卷50卷。\n").get("publisher") is None


def test_a_county_read_from_the_web_address_is_marked_inferred():
    page = draft("三都镇2025年法治政府建设年度报告\n" + REPORT_BODY.replace("沂水县", "三都镇"),
                 url="http://www.liujiang.gov.cn/a.html")
    assert page.case["inferred"] == [{"field": "region.county",
                                      "reason": "原文没有写明，据原文网址（www.liujiang.gov.cn）和全国行政区划表推定"}]
    assert page.case["sources"][0]["url"] == "http://www.liujiang.gov.cn/a.html"
    assert page.case["title"] == "柳江区三都镇：2025年法治政府建设年度报告"


def test_a_web_address_spelling_the_province_and_the_districts_full_initials_places_a_town():
    page = draft("人民路街道2025年法治政府建设年度报告\n" + REPORT_BODY.replace("沂水县", "人民路街道"),
                 url="https://xxgk.hnjsq.gov.cn/a.html")  # 河南 + 金水区: one of a dozen 人民路街道
    assert (page.case["region"]["province"], page.case["region"]["county"]) == ("河南省", "金水区")


# 下一步 passages and footers


def test_a_next_step_passage_inside_a_paragraph_goes_to_next_steps():
    page = draft("沂水县推进诉前调解\n近日，沂水县推进诉前调解。\n建立调解室。全县建立调解室20个。\n"
                 "开展培训。培训调解员300人次。下一步，沂水县将继续深化诉前调解。\n")
    assert page.case["next_steps"] == ["下一步，沂水县将继续深化诉前调解。"]
    assert page.case["practices"][-1]["description"] == "培训调解员300人次。"


@pytest.mark.parametrize("tail", ["关键词：调解 责任编辑：张三", "\n（版权所有 不得转载）\n[关闭窗口]", "\n终审:司同\n分享到:\n【打印正文】\n×"])
def test_footers_are_not_article_text(tail):
    cleaned = clean_article("近日，沂水县推进诉前调解。\n建立调解室。全县建立调解室20个。" + tail)
    assert cleaned.paragraphs[-1] == "建立调解室。全县建立调解室20个。"


def test_slogans_and_introductions_are_not_practices():
    page = draft("沂水县推进法治政府建设\n3月1日，沂水县召开新闻发布会。\n近年来，沂水县坚持以人民满意为目标。\n"
                 "法治兴则国兴。法治强则国强。\n以规范执法树形象。全县办理案件30件。\n以化解纠纷促和谐。调解纠纷100件。\n")
    assert [p["title"] for p in page.case["practices"]] == ["以规范执法树形象", "以化解纠纷促和谐"]
    assert page.case["summary"].startswith("3月1日，沂水县召开新闻发布会。近年来")


def test_measures_enumerated_in_parallel_clauses_are_practices():
    page = draft("一年来，我省深入推进依法行政，取得明显成效。\n始终坚持依法履行政府职能，取消审批事项665项。\n"
                 "梳理办事清单2725项；始终坚持完善制度建设，完成67个立法项目。\n"
                 "积极服务改革，修改规章103件；始终坚持推进依法决策，出台文件4195份；\n")
    assert [p["title"] for p in page.case["practices"]] == [
        "始终坚持依法履行政府职能", "始终坚持完善制度建设", "始终坚持推进依法决策"]
    assert page.case["summary"] == "一年来，我省深入推进依法行政，取得明显成效。"
    assert page.case["practices"][0]["description"] == "始终坚持依法履行政府职能，取消审批事项665项。梳理办事清单2725项；"


# Figures: results only, each with its source phrase


@pytest.mark.parametrize("text", [
    "全国法治政府评估指标体系包括10项一级指标、34项二级指标。",
    "全县空气优良天数300天，地区生产总值增长5.2%，参保人数达到50万人。",
    "力争2025年行政复议纠错率达到100%，全年至少举办讲座2期以上。",
    "位列全国300余家地级城市第22名，全国仅命名50个综合地区，全市12个县区中有6个县区获评。",
    "在全省16个城市中排名第4位，在西北5个省会城市中位列第一。",
    "本次评估范围涉及4个直辖市、27个省会城市。",
    "印发实施方案，制定了7个方面58项具体措施，明确35个量化目标，共推出168项改革任务。",
    "对12项重点任务实行清单化管理，明确了部署、点评等7个环节工作任务。",
    "以每两月1次的频次开展集中学习。",
    # earlier batches; a rank after the figure; a stock whose example is used; a number in a rule's name
    "在前两批示范创建中，我县已有3个乡镇被命名为示范乡镇。",
    "20项评估指标中有9项列全省第一。",
    "充分发挥12个省级、40个市级民主法治示范村示范作用。",
    "对落实中央八项规定精神情况进行督查。",
    # a programme's standing rule; the few places allowed; an agenda
    "栏目每期邀请3名乡镇党委书记做客。",
    "我县成功申报示范县（全省仅5家）。",
    "今天的发布会有三项议程。",
])
def test_figures_that_set_the_scene_are_not_results(text):
    assert [m for m in find_metrics(text) if m.value not in (6,)] == []


@pytest.mark.parametrize(("text", "kept"), [
    ("全年完成改革任务30项，办结重点工作事项12项。", [30, 12]),  # items done are results
    ("以每两月1次的频次开展集中学习5次。", [5]),  # the rule is context, what was held a result
    ("开展法治政府建设评估2次，全市16个城市率先实现全覆盖。", [2, 16]),
    ("在6个行政村开展法治流动课堂18次，推出便民服务事项50项，覆盖20个民生领域。", [6, 18, 50, 20]),
    ("办理时限由原来的15天压缩至3天，新建示范村5个。", [3, 5]),  # where a reform started from is no result
    ("审批事项从260项削减至120项，开展培训8次。", [120, 8]),  # …said with 从 too
    ("召开县委十五届四次全会，开展培训8次。", [8]),  # a session's number in its term is no count
    ("我县2个项目在参评的18个项目中脱颖而出，开展培训8次。", [2, 8]),  # the set a place competed in
])
def test_results_beside_scene_setting_words_are_kept(text, kept):
    assert [m.value for m in find_metrics(text)] == kept


def test_every_kept_figure_quotes_the_phrase_it_was_read_from():
    assert [(m.name, m.quote) for m in find_metrics(
        "开展走访调研，全年调解纠纷100件，调解成功率98%。通过举办法治讲座4次、挂宣传横幅12条、发放小册子2000余册，扩大影响。")] == [
        ("调解纠纷", "全年调解纠纷100件"), ("调解成功率", "调解成功率98%"),
        ("通过举办法治讲座", "通过举办法治讲座4次、挂宣传横幅12条、发放小册子2000余册"),
        ("挂宣传横幅", "通过举办法治讲座4次、挂宣传横幅12条、发放小册子2000余册"),
        ("发放小册子", "通过举办法治讲座4次、挂宣传横幅12条、发放小册子2000余册"),
    ]
    assert find_metrics("调解纠纷100件。") == [FoundMetric("调解纠纷", 100, "件")]  # the quote is evidence, not identity


# Categories on words


def test_category_keywords_are_matched_as_words():
    assert suggest("开展走访调研", "深入基层走访调研，了解群众诉求", taxonomy()).evidence == ()  # not 访调
    assert suggest("推进访调对接", "", taxonomy()).evidence == (("访调", 2, 3),)  # the title counts twice
    # a keyword at the start or end of a longer word still counts (执法 in 执法人员, 复议 in 行政复议)
    assert find_words(["执法", "复议", "访调"], "培训执法人员，办理行政复议案件，走访调研") == ["执法", "复议"]


def test_an_index_tables_label_with_its_colon_alone_in_a_cell_takes_the_next_cell_as_its_value():
    page = ("| 索 引 号: | 113713/2024-001 | 分 类: | 其他 |\n| 发布机构: | 许家湖镇人民政府 | 发文日期: | 2024-02-05 |\n"
            "| 标 题: | 许家湖镇2023年法治政府建设年度报告 | ||\n" + REPORT_BODY)
    found = source(page)
    assert (found["title"], found["publisher"], found["date"]) == (
        "许家湖镇2023年法治政府建设年度报告", "许家湖镇人民政府", dt.date(2024, 2, 5))


def test_an_index_panels_labels_printed_without_colons_are_still_labels():
    page = ("沂水县2023年法治政府建设情况报告\n索 引 号  yss/2024-00017  发布机构  县司法局\n"
            "文  号  沂政〔2024〕3号  公开日期  2024-02-05\n公开方式  主动公开  有效性  有效\n" + REPORT_BODY)
    found = source(page)
    assert (found["title"], found["publisher"], found["date"]) == (
        "沂水县2023年法治政府建设情况报告", "县司法局", dt.date(2024, 2, 5))


def test_a_document_issuing_body_label_names_the_publisher():
    assert source("- 发文机构:许家湖镇人民政府\n- 发布日期:2024-02-05\n" + REPORT_BODY)["publisher"] == "许家湖镇人民政府"


@pytest.mark.parametrize("header", [
    "标      题 沂水县人民政府关于2023年度法治政府建设情况的报告",  # a panel's title label without its colon
    # a panel's summary field repeating the title is no title line of its own
    "• 内容概述: 沂水县人民政府关于2023年度法治政府建设情况的报告\n沂水县人民政府关于2023年度法治政府建设情况的报告",
])
def test_an_info_panels_label_is_not_run_into_the_title(header):
    assert source(header + "\n" + REPORT_BODY)["title"] == "沂水县人民政府关于2023年度法治政府建设情况的报告"


def test_a_source_the_title_names_as_its_author_is_the_publisher_over_the_office_that_filed_the_page():
    page = ("沂水县人民政府关于2023年度法治政府建设情况的报告\n发布机构: 沂水县依法治县办公室 发布日期: 2024-02-05\n"
            "来源: 沂水县人民政府\n" + REPORT_BODY)
    assert source(page)["publisher"] == "沂水县人民政府"


def test_a_correspondents_piece_is_published_by_the_office_the_source_line_names_not_the_datelines_site():
    page = ("时间:2023-03-28 09:10 作者: 通讯员 王五 来源:许家湖镇人民政府\n"
            "沂蒙政法网(通讯员 王五)3月20日，许家湖镇开展行政执法检查。\n")
    assert source(page)["publisher"] == "许家湖镇人民政府"


@pytest.mark.parametrize("credit", ["(来源:沂水县许家湖镇 王五)", "(来源:沂水县许家湖镇)"])
def test_a_source_credit_naming_a_place_and_its_writer_gives_the_place(credit):
    page = "3月20日，沂水县许家湖镇召开法治政府建设推进会。\n会上，王五作了部署。\n" + credit + "\n"
    assert source(page)["publisher"] == "沂水县许家湖镇"


@pytest.mark.parametrize("page, kind", [
    # a plan that calls itself 本计划 or 本工作要点
    ("为推进依法行政，结合本县实际，制定本计划。\n一、总体要求\n（一）健全制度。完善制度。", "government-document"),
    ("为推进依法行政，结合本县实际，制定本工作要点。\n一、总体要求\n（一）健全制度。完善制度。", "government-document"),
    # a headline saying a meeting was held, the verb last
    ("沂水县人民政府第12次常务会议召开\n会议听取了法治政府建设情况汇报。\n会议强调，要依法行政。", "news"),
    # the government's spokesman named at the end of a long first sentence
    ("3月20日上午，沂蒙晚报、临沂日报、沂水融媒、临沂电视台、齐鲁网、大众网等十余家新闻媒体齐聚一堂，听取沂水县人民政府新闻发言人"
     "王五介绍法治政府建设情况。\n会上，县司法局通报了工作情况。", "press-conference"),
])
def test_more_of_a_pages_own_words_tell_its_kind(page, kind):
    assert source(page).get("kind") == kind


def test_a_credit_line_of_correspondents_and_a_multimedia_reporter_is_no_headline():
    page = "通讯员张小华李文明全媒体记者王五\n3月20日，沂水县召开法治政府建设推进会。\n全县办理案件30件。\n"
    found = source(page)
    assert (found.get("title"), found["kind"]) == (None, "news")


@pytest.mark.parametrize("page, kind", [
    # a speech addressed to the press is a press conference's
    ("各位领导、新闻界的朋友们：\n大家上午好！现将我县法治建设情况作简要介绍。\n一、健全机制\n一是完善制度。出台制度5项。", "press-conference"),
    # a news lead may date its event after an opening purpose clause
    ("为推进行政执法规范化，3月20日上午，县司法局带队到许家湖镇开展督导。\n督导组听取了汇报。", "news"),
])
def test_how_a_text_opens_tells_its_kind(page, kind):
    assert source(page).get("kind") == kind


def test_a_date_and_a_labelled_source_apart_by_a_bar_are_the_pages_not_its_title():
    found = source("沂水县推进乡镇法治建设\n2025年10月31日09:04 | 来源:临沂日报\n小字号\n" + REPORT_BODY)
    assert (found["title"], found["publisher"], found["date"]) == ("沂水县推进乡镇法治建设", "临沂日报", dt.date(2025, 10, 31))


def test_an_outlet_printed_with_a_separator_before_the_date_is_the_source_beside_it():
    found = source("沂水县推进乡镇法治建设\n临沂日报·2025-10-31 09:04\n" + REPORT_BODY)
    assert (found["publisher"], found["date"]) == ("临沂日报", dt.date(2025, 10, 31))


@pytest.mark.parametrize("page", [
    # a superior's inspection visit: the inspectors' words and the report they heard
    "3月20日，县司法局副局长王五一行4人对许家湖镇法治政府建设工作进行督导检查。\n"
    "督导组就法治政府建设相关要求进行了传达。\n在听取汇报后，督导组对许家湖镇的工作给予肯定。\n",
    # a standing meeting's agenda and what the meeting concluded
    "3月20日，县长王五主持召开县人民政府第12次常务会议。\n一、第一议题\n传达学习全省法治政府建设工作会议精神\n"
    "会议强调，要依法行政。\n（二）县司法局通报《沂水县2025年度法治政府建设工作报告》\n"
    "会议对上半年依法行政工作进行了总结，并要求落实学法制度。\n关联稿件：\n",
])
def test_a_meetings_agenda_and_an_inspection_visit_report_no_practice(page):
    assert draft(page).reports_practice is False


def test_a_press_conference_said_as_held_by_an_office_after_a_question_is_one():
    page = ("《沂水县营商环境工作方案》已经发布，各部门有哪些举措？\n"
            "3月20日，在县政府新闻办举办的新闻发布会上，县司法局有关负责人答记者问。\n记者：全县有哪些举措？\n")
    assert source(page).get("kind") == "press-conference"


def test_a_broadcast_pieces_producers_credit_is_no_headline_over_its_text():
    text = ["为推进普法，3月20日，沂水县法治建设新闻发布会在县新闻发布厅举行。", "会上，县司法局局长介绍了有关情况。",
            "县融媒体中心、沂水发布等媒体出席发布会。"]
    credits = "本台记者:王五 赵六\n编辑:李四\n制作:张三 钱七 孙八\n责任编辑:孙八\n"
    assert clean_article("\n".join(text) + "\n" + credits).paragraphs == text


@pytest.mark.parametrize("page", [
    # the conference presents and interprets a plan, named in its lead…
    "沂水县召开新闻发布会\n3月20日，沂水县召开新闻发布会。县司法局局长王五发布并解读《沂水县法治建设规划（2026—2030年）》。\n"
    "规划提出，到2030年建成法治政府，完善制度10项。\n",
    # …or a set of measures it introduces, the document's name first
    "3月20日，县政府新闻办召开新闻发布会。王五围绕《沂水县优化营商环境十条措施》怎么干进行介绍。\n"
    "十条措施包括依法保护企业权益、开展专项整治。\n",
    # …or in its headline
    "《沂水县普法工作方案（2026—2030年）》新闻发布会\n3月20日，沂水县召开新闻发布会。\n王五介绍，全县将开展普法活动100场。\n",
    # …or a regulation the congress adopted, or a plan said to be issued, named without book-title marks
    "3月20日，沂水县召开新闻发布会。县人大常委会法工委主任王五介绍，县人大常委会表决通过了《沂水县文明行为促进条例》。\n"
    "条例共六章，将于5月1日起施行。\n",
    "3月20日，沂水县召开新闻发布会。\n沂水县2027年立法工作计划已于3月10日以县政府办公室文件印发。\n计划安排立法项目5件。\n",
])
def test_a_press_conference_presenting_a_plan_reports_no_practice(page):
    found = draft(page)
    assert found.case["sources"][0]["kind"] == "press-conference" and not found.reports_practice


def test_a_press_conference_publishing_a_report_of_work_done_reports_practice():
    page = "3月20日，沂水县召开新闻发布会，发布《沂水县法治政府建设状况报告（2020-2025年）》。\n五年来，全县办理案件300件。\n"
    assert draft(page).reports_practice


@pytest.mark.parametrize("page", [
    # an office's head leading (带领) an inspection group; what the group did next
    "10月24日，市司法局副局长王五带领市督察组，来沂水县实地督查法治政府建设工作。\n"
    "汇报会上，县司法局局长汇报了工作情况。\n督察组还到县人民法院等单位查看台账资料。\n",
    # what a meeting studied (会议学习了…)
    "11月7日，县农业农村局召开法治政府建设推进会，副局长王五出席会议。\n"
    "会议学习了省委办公厅印发的《关于加强行政审判工作的意见》。\n王五强调：要提高政治站位。\n",
])
def test_an_inspection_led_by_a_head_and_a_meeting_that_studied_a_document_report_no_practice(page):
    assert draft(page).reports_practice is False


@pytest.mark.parametrize("lead", [
    "推进依法行政，是建设法治政府的必然要求。5月31日，记者从县司法局获悉，沂水县正全力争创示范县。",  # a reporter learned it
    "昨天是全省第六个司法日，沂水县司法局开展多样的法律宣传活动。",  # a paper's report of the day before
])
def test_a_lead_a_reporter_learned_or_that_tells_of_yesterday_is_news(lead):
    assert source(lead + "\n全县办理案件300件，组织培训20场次。\n").get("kind") == "news"


def test_a_reposts_transferred_from_line_is_its_source_and_date():
    page = "沂水县交出法治答卷\n转自：沂水融媒 2025-10-05 21:14:13\n“八五”普法期间，沂水县开展普法活动100场。\n"
    found = source(page)
    assert (found["publisher"], found["date"], found["kind"]) == ("沂水融媒", dt.date(2025, 10, 5), "news")


def test_an_outlets_name_run_into_the_date_after_a_source_label_is_the_source_and_the_date():
    found = source("沂水县推进乡镇法治建设\n来源:临沂日报客户端2025-10-31 09:04\n" + REPORT_BODY)
    assert (found["publisher"], found["date"]) == ("临沂日报客户端", dt.date(2025, 10, 31))


@pytest.mark.parametrize("credit, publisher", [("供稿：法制股", "法制股"), ("供稿:沂水县司法局", "沂水县司法局")])
def test_an_office_credited_as_supplier_on_a_line_of_its_own_is_the_source(credit, publisher):
    page = "3月20日，沂水县司法局召开推进会。\n会上，王五作了部署。\n" + credit + "\n"
    assert source(page)["publisher"] == publisher


def test_a_publishing_office_that_is_the_website_yields_to_the_labelled_source():
    page = ("沂水县2023年法治政府建设情况报告\n2024-01-30 20:57\n来源: 沂水县人民政府\n发布机构: 沂水县人民政府门户网站\n"
            + REPORT_BODY)
    assert source(page)["publisher"] == "沂水县人民政府"


def test_a_share_button_ending_with_a_colon_is_no_addressee_before_the_headline():
    page = "政务微信\n分享到:\n沂水县2023年法治政府建设情况报告\n2024-01-30 20:57\n" + REPORT_BODY  # a menu item above
    assert source(page)["title"] == "沂水县2023年法治政府建设情况报告"


@pytest.mark.parametrize("lead, kind", [
    ("2024年，沂水县聚焦发展大局，全面深化法治政府建设，营造良好法治环境。", "annual-report"),
    ("2024年，沂水县聚焦发展大局，营造良好营商环境。", None),  # the year of some other work
])
def test_an_untitled_text_opening_with_the_years_rule_of_law_government_work_is_its_report(lead, kind):
    page = (lead + "\n坚持立法先行，夯实良法善治之基。建立协同立法机制，出台条例3部。\n"
            "坚持依法行政，提升营商环境。公布执法事项清单4835项，办理案件300件。\n")
    assert source(page).get("kind") == kind


@pytest.mark.parametrize("page, title", [
    # a headline exclaiming, once or in two parts, atop a page whose text runs in short lines
    ("沂水县获评全国示范县！法治建设再上新台阶\n近日\n中央依法治国办印发\n《关于示范地区命名的决定》\n沂水县成功入选\n"
     "前期，经过申报、评估等程序，沂水县成功入选，全县办理案件300件。\n", "沂水县获评全国示范县！法治建设再上新台阶"),
    ("为宪法日送上祝福！法治宣传沂水县一直在路上……\n2018年12月4日，沂水县开展宪法宣传活动，发放资料3000份。\n",
     "为宪法日送上祝福！法治宣传沂水县一直在路上……"),
])
def test_a_short_exclaiming_line_atop_the_page_is_its_headline(page, title):
    assert source(page)["title"] == title


@pytest.mark.parametrize("banner", ["欢迎访问沂水县人民政府网站!", "IE版本小于11,为了不影响您的浏览效果,请升级IE版本! x"])
def test_a_sites_welcome_and_browser_notice_are_not_the_headline(banner):
    page = banner + "\n沂水县召开法治政府建设推进会\n2019-09-13 浏览次数:\n9月12日，沂水县召开推进会。\n会议强调，要依法行政。\n"
    assert source(page)["title"] == "沂水县召开法治政府建设推进会"


def test_a_wires_dateline_in_chinese_numerals_names_the_wire_as_publisher():
    page = "中新社临沂十月十九日电(记者王五)今天上午，沂水县人民政府新闻发言人发布消息，通报政府信息公开制度建设情况。\n全县公开信息300条。\n"
    assert source(page)["publisher"] == "中新社"


@pytest.mark.parametrize("label", ["发布机构", "来源"])
def test_a_prefix_a_copying_site_put_before_the_office_with_a_colon_is_not_the_publisher(label):
    page = f"沂水县2023年法治政府建设情况报告\n{label}:某某娱乐:许家湖镇人民政府\n" + REPORT_BODY
    assert source(page)["publisher"] == "许家湖镇人民政府"


def test_a_date_line_with_its_time_in_hours_and_minutes_written_out_dates_the_page():
    found = source("沂水县2023年法治政府建设情况报告\n• 2024年03月19日 09时07分\n• 来源: 司法局\n" + REPORT_BODY)
    assert (found["date"], found["publisher"]) == (dt.date(2024, 3, 19), "司法局")


@pytest.mark.parametrize("opening, county", [
    ("2024年，沂水县坚持依法行政。", "沂水县"),  # who did the year's work, named once, over a partner named twice
    ("2024年，在县委的领导下，全县坚持依法行政。", None),  # under whose leadership: no subject named
])
def test_an_untitled_texts_year_opening_names_its_subject(opening, county):
    page = draft(opening + "现将有关情况报告如下：\n一、主要举措和成效\n（一）规范执法。与临沂市兰山区建立执法协作机制，"
                 "同兰山区开展联合执法10次。\n")
    assert (page.case["region"] or {}).get("county") == (county or "兰山区")


def test_a_kicker_saying_who_stressed_it_at_a_meeting_is_not_the_headline_under_it():
    page = ("王五在2024年县推进依法行政工作领导小组会议上强调\n全面推进法治政府建设 不断提高依法行政水平\n"
            "本报讯（记者 赵六）4月13日，沂水县推进依法行政工作领导小组会议召开。\n会议强调，要依法行政。\n")
    assert source(page)["title"] == "全面推进法治政府建设不断提高依法行政水平"
