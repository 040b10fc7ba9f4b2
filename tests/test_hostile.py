"""Hostile or careless contributions: each is refused with a message naming file, line and what to
do, or neutralised so the page shows it as plain text; nothing outside cases/ reaches the site."""

from __future__ import annotations

import copy
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from casebook.core.problems import CaseErrors, Problem
from casebook.core.project import Project
from casebook.core.text_rules import HIDDEN_CHARACTER
from casebook.library import load_library
from casebook.sources.normalise import normalise_text
from casebook.sources.yaml_loader import MAX_CASE_BYTES, MAX_NESTING
from support import REPO, casebook, good_case_text, make_project, problems_of

CASE = "zhejiang/ceshi-shili-2024.yml"
SHOWN = f"cases/{CASE}"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


def write_case(root: Path, text: str, rel: str = CASE) -> Path:
    path = root / "cases" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def replaced(old: str, new: str) -> str:
    text = good_case_text()
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# -- files that are not what they seem ------------------------------------------------------------


@pytest.mark.build
def test_case_file_linking_outside_the_repository_is_refused(project: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.yml"
    outside.write_text(replaced("这是供测试使用的虚构案例", "仓库外的秘密内容"), encoding="utf-8")
    (project / "cases" / CASE).unlink()
    (project / "cases" / CASE).symlink_to(outside)
    assert problems_of(project) == [f"{SHOWN}:1: cases/ 中不允许符号链接（它可能指向仓库以外的文件）；请提交普通文件或文件夹"]
    result = casebook(project, "build")
    assert result.returncode != 0 and "符号链接" in result.stderr
    assert not (project / "site").exists()


def test_case_file_linking_inside_the_repository_is_refused(project: Path):
    (project / "cases" / "zhejiang" / "copy.yml").symlink_to(project / "mkdocs.yml")
    assert problems_of(project) == ["cases/zhejiang/copy.yml:1: cases/ 中不允许符号链接（它可能指向仓库以外的文件）；请提交普通文件或文件夹"]


def test_folder_linking_outside_is_refused_not_followed(project: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "ceshi-waibu-2024.yml").write_text(
        replaced("id: ceshi-shili-2024", "id: ceshi-waibu-2024"), encoding="utf-8")
    (project / "cases" / "elsewhere").symlink_to(outside, target_is_directory=True)
    assert problems_of(project) == ["cases/elsewhere:1: cases/ 中不允许符号链接（它可能指向仓库以外的文件）；请提交普通文件或文件夹"]


def test_cases_folder_itself_a_link_is_refused(tmp_path: Path):
    real = make_project(tmp_path / "real", {CASE: good_case_text()})
    linked = make_project(tmp_path / "linked", {})
    shutil.rmtree(linked / "cases")
    (linked / "cases").symlink_to(real / "cases", target_is_directory=True)
    assert problems_of(linked) == ["cases:1: cases/ 中不允许符号链接（它可能指向仓库以外的文件）；请提交普通文件或文件夹"]


def test_vocabulary_file_linked_from_elsewhere_is_refused(project: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "_taxonomy.yml"
    shutil.copy2(project / "cases" / "_taxonomy.yml", outside)
    (project / "cases" / "_taxonomy.yml").unlink()
    (project / "cases" / "_taxonomy.yml").symlink_to(outside)
    assert problems_of(project) == ["cases/_taxonomy.yml:1: cases/ 中不允许符号链接（它可能指向仓库以外的文件）；请提交普通文件或文件夹"]


def test_folder_named_like_a_case_file_is_refused(project: Path):
    (project / "cases" / "zhejiang" / "folder.yml").mkdir()
    (project / "cases" / "zhejiang" / "folder.yml" / "x.txt").write_text("x", encoding="utf-8")
    assert problems_of(project) == ["cases/zhejiang/folder.yml:1: 不是普通文件；案例应是一个 .yml 文本文件"]


def test_oversized_file_is_refused_before_it_is_parsed(project: Path):
    text = good_case_text() + "# " + "长" * MAX_CASE_BYTES + "\n"
    write_case(project, text)
    [problem] = problems_of(project)
    assert problem.startswith(f"{SHOWN}:1: 文件过大（") and f"应小于 {MAX_CASE_BYTES} 字节" in problem


# -- YAML that attacks the parser ---------------------------------------------------------------------


def test_alias_bomb_is_refused_without_expanding_it(project: Path):
    bomb = (HOSTILE / "billion-laughs.yml").read_text(encoding="utf-8")
    write_case(project, bomb)
    assert problems_of(project) == [
        f"{SHOWN}:{line_of(bomb, '*a')}: 不允许使用 YAML 锚点和别名（&、*）；请把内容直接写出"]


def test_deep_nesting_is_refused(project: Path):
    text = good_case_text() + "extra: " + "[" * (MAX_NESTING * 50) + "]" * (MAX_NESTING * 50) + "\n"
    write_case(project, text)
    assert problems_of(project) == [
        f"{SHOWN}:{line_of(text, 'extra:')}: 嵌套超过 {MAX_NESTING} 层；案例文件最多嵌套五层，请检查缩进和括号"]


def test_integer_of_thousands_of_digits_is_refused(project: Path):
    write_case(project, replaced("batch: 1", "batch: " + "9" * 5000))
    assert problems_of(project) == [f"{SHOWN}:1: 有位数过多、无法读取的数字；请写出来源中的数字"]


@pytest.mark.parametrize("value,message", [
    (".inf", "应为有限的数字"), (".nan", "应为有限的数字"), ("1e300", "应不大于"), ("-1e300", "应不小于"),
])
def test_numbers_beyond_any_statistic_are_refused(project: Path, value, message):
    text = replaced("value: 300,", f"value: {value},")
    write_case(project, text)
    [problem] = problems_of(project)
    assert problem.startswith(f"{SHOWN}:{line_of(text, f'value: {value},')}: practices[0].metrics[1].value: {message}")


@pytest.mark.parametrize("tagged,tag", [
    ("!!binary 56S65L6L5biC", "tag:yaml.org,2002:binary"),  # base64 a reviewer cannot read
    ("!!python/object/apply:os.system [ls]", "tag:yaml.org,2002:python/object/apply:os.system"),
    ("!include ../../mkdocs.yml", "!include"),
])
def test_yaml_tags_are_refused(project: Path, tagged, tag):
    text = replaced("title: 湖州市：测试用案例", f"title: {tagged}")
    write_case(project, text)
    assert problems_of(project) == [
        f"{SHOWN}:{line_of(text, 'title: !')}: 不允许使用 YAML 标签（{tag}）；请直接写出值，需要时加引号"]


def test_merge_key_is_refused_at_its_line(project: Path):
    text = good_case_text() + "<<: {reviewer: 张三}\n"
    write_case(project, text)
    assert problems_of(project) == [f"{SHOWN}:{line_of(text, '<<:')}: 不允许使用 YAML 合并键（<<）；请把字段直接写出"]


def test_duplicate_field_is_refused_at_its_second_line(project: Path):
    text = good_case_text() + "title: 第二个标题\n"
    write_case(project, text)
    assert problems_of(project) == [
        f"{SHOWN}:{line_of(text, 'title: 第二')}: YAML 语法错误：字段 “title” 写了两次；请只保留一处"]


# -- ids and anchors that would leave their folder ---------------------------------------------------


@pytest.mark.parametrize("field,value", [
    ("id", "../../etc/passwd"), ("id", "cases/ceshi-shili-2024"), ("id", "ceshi-shili-2024/.."),
    ("practices[0].id", "../index"), ("practices[0].id", "a/b"), ("practices[0].id", 'x" onclick="alert(1)'),
    ("practices[0].id", "test-mediation\\n"), ("practices[0].id", "test\\tmediation"),
])
def test_ids_are_slugs_only(project: Path, field, value):
    old = "id: ceshi-shili-2024" if field == "id" else "id: test-mediation"
    text = replaced(old, f'id: "{value}"' if "\\" in value else f"id: '{value}'")
    write_case(project, text)
    assert problems_of(project) == [
        f"{SHOWN}:{line_of(good_case_text(), old)}: {field}: 格式不对：只能用小写拉丁字母、数字和连字符，如 shandong-zibo-2021"]


@pytest.mark.build
def test_file_name_with_control_characters_cannot_forge_lines_or_workflow_commands(project: Path):
    name = "zhejiang/x\n::error file=README.md,line=1::forged\x1b[31m.yml"
    write_case(project, good_case_text(), name)
    with pytest.raises(CaseErrors) as raised:
        load_library(Project(project))
    [problem] = raised.value.problems
    shown, annotation = str(problem), problem.annotation()
    assert "\n" not in shown and "\x1b" not in shown
    assert "x\\u000a::error" in shown and "\\u001b[31m" in shown
    assert "\n" not in annotation
    assert annotation.startswith(
        "::error file=cases/zhejiang/x\\u000a%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged\\u001b[31m.yml,line=4::id: ")
    result = casebook(project, "validate", "--github")
    assert [line for line in result.stdout.splitlines() if line.startswith("::")] == [annotation]


def test_value_quoted_in_a_message_cannot_forge_a_line():
    problem = Problem(Path(SHOWN), 3, "year", "应为整数（现为 “1\n::warning::forged\u202e”）")
    assert str(problem) == f"{SHOWN}:3: year: 应为整数（现为 “1\\u000a::warning::forged\\u202e”）"
    assert problem.annotation().count("\n") == 0


# -- characters that hide what a reviewer approves (Trojan Source) -----------------------------------


@pytest.mark.parametrize("char", [
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u200b",  # ZERO WIDTH SPACE
    "\u2060",  # WORD JOINER
    "\ufeff",  # ZERO WIDTH NO-BREAK SPACE, not at the start
    "\u00ad",  # SOFT HYPHEN
    "\U000e0041",  # TAG LATIN CAPITAL LETTER A
    "\x1b",  # ESCAPE (terminal colours)
    "\x00", "\x7f", "\x85",
    "\u2028",  # LINE SEPARATOR
])
@pytest.mark.parametrize("where", ["summary: 这是", "url: https://example.org/re", "# A fictional case"])
def test_hidden_characters_are_refused_anywhere(project: Path, char, where):
    text = replaced(where, where + char)
    write_case(project, text)
    name = unicodedata.name(char, "")
    line = line_of(text, where)
    column = text.split("\n")[line - 1].index(char) + 1
    assert problems_of(project) == [
        f"{SHOWN}:{line}: 第 {column} 个字符是看不见的控制字符 U+{ord(char):04X}{' ' + name if name else ''}"
        f"（全文共 1 处）；它会让审阅者看到的与实际内容不同，请删除"]


def test_hidden_characters_written_as_yaml_escapes_are_refused_in_the_field(project: Path):
    text = replaced("summary: 这是供测试使用的虚构案例", 'summary: "这是\\u202e供测试使用的虚构案例')
    text = text.replace("内容均为虚构。\n", '内容均为虚构。"\n', 1)
    write_case(project, text)
    assert problems_of(project) == [
        f"{SHOWN}:{line_of(text, 'summary:')}: summary: 含有看不见的控制字符 U+202E RIGHT-TO-LEFT OVERRIDE；"
        "它会让读者看到的与实际内容不同，请删除"]


def test_leading_byte_order_mark_is_harmless(project: Path):
    (project / "cases" / CASE).write_bytes(b"\xef\xbb\xbf" + good_case_text().encode("utf-8"))
    assert [c.id for c in load_library(Project(project)).cases] == ["ceshi-shili-2024"]


def test_hidden_character_list_matches_unicode():
    """HIDDEN_CHARACTER spells out Unicode categories Cc (but tab and line breaks), Cf, Zl, Zp, Cs and
    the first plane's non-characters; this keeps the spelled-out list true to Python's tables."""
    expected = {
        chr(cp) for cp in range(sys.maxunicode + 1)
        if (unicodedata.category(chr(cp)) in {"Cc", "Cf", "Zl", "Zp", "Cs"} and chr(cp) not in "\t\n\r")
        or 0xFDD0 <= cp <= 0xFDEF or cp in (0xFFFE, 0xFFFF)
    }
    found = {chr(cp) for cp in range(sys.maxunicode + 1) if HIDDEN_CHARACTER.match(chr(cp))}
    assert found == expected


# -- links and markup --------------------------------------------------------------------------------


NOT_A_LINK = "应为以 http:// 或 https:// 开头的网址"
NO_HOST_NAME = "不是公开网站的域名，如 www.gov.cn"


@pytest.mark.parametrize("url,message", [
    ("javascript:alert(1)", NOT_A_LINK), ("JavaScript:alert(1)", NOT_A_LINK), (" javascript:alert(1)", NOT_A_LINK),
    ("data:text/html;base64,PHNjcmlwdD4=", NOT_A_LINK), ("vbscript:msgbox(1)", NOT_A_LINK),
    ("//evil.example/x", NOT_A_LINK), ("file:///etc/passwd", NOT_A_LINK), ("ftp://example.org/x", NOT_A_LINK),
    ('https://example.org/" onmouseover="alert(1)', "网址中不能有空格或换行；空格请写成 %20"),
    ('https://example.org/"onmouseover="alert(1)', "网址中不能有 < > \" ` 这些字符"),
    ("https://example.org/<script>", "网址中不能有 < > \" ` 这些字符"),
    ("https://user:secret@example.org/report", "网址中不能含有用户名或密码"),
    ("https://example.org@evil.example/", "网址中不能含有用户名或密码"),
    ("https://example.org\\@evil.example/", "网址中不能有反斜杠"),
    ("http://localhost:8000/admin", "不能是本机或内网地址"), ("http://intranet.local/x", "不能是本机或内网地址"),
    ("http://127.0.0.1/x", "不能是 IP 地址"), ("http://[::1]/x", "不能是 IP 地址"), ("http://10.0.0.8/x", "不能是 IP 地址"),
    ("http://2130706433/x", NO_HOST_NAME), ("http://intranet/x", NO_HOST_NAME), ("https:///x", "网址缺少域名"),
])
def test_only_public_web_addresses_are_links(project: Path, url, message):
    text = replaced("url: https://example.org/report", f"url: '{url}'")
    write_case(project, text)
    [problem] = problems_of(project)
    assert problem.startswith(f"{SHOWN}:{line_of(text, 'url: ')}: sources[0].url: ") and message in problem


def test_a_web_address_is_kept_percent_encoded_with_nothing_markdown_or_html_reads(project: Path):
    text = replaced("url: https://example.org/report", "url: 'http://中国政府网.中国/政策/文件(1)_[2]*.html?q=行政复议&a=1|2#第1节'")
    write_case(project, text)
    [case] = load_library(Project(project)).cases
    assert case.sources[0].url == ("http://xn--fiqs8sirgfmhq98a.xn--fiqs8s/%E6%94%BF%E7%AD%96/%E6%96%87%E4%BB%B6%281%29"
                                   "_%5B2%5D%2A.html?q=%E8%A1%8C%E6%94%BF%E5%A4%8D%E8%AE%AE&a=1%7C2#%E7%AC%AC1%E8%8A%82")


@pytest.mark.parametrize("markup", [
    "<iframe src=https://evil.example/></iframe>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">点我</a>', "< script>alert(1)</script>", "<!-- 注释 -->", "<javascript:alert(1)>",
])
def test_html_in_text_is_refused(project: Path, markup):
    text = replaced("description: 虚构的审批改革做法。", f"description: '虚构的{markup}做法。'")
    write_case(project, text)
    assert problems_of(project) == [
        f"{SHOWN}:{line_of(text, 'description: ' + chr(39))}: practices[1].description: 不允许 HTML 或脚本标记（如 <script>）；请只写纯文本"]


# Markdown and HTML that pass validation (no tag in them) and must reach the page as plain text.
NEUTRALISED = {
    "description": "[点我](javascript:alert(1)) ![图](data:text/html;base64,PHNjcmlwdD4=) {: onclick=\"alert(1)\" }",
    "summary": "&lt;iframe src=x&gt; &#60;script&#62; \" onmouseover=\"alert(1)",
    "title": "--8<-- \"mkdocs.yml\"",
    "next_steps": ["{{ config.site_name }} {% include 'base.html' %} ${x} ::: note"],
}
ODD_UNICODE = "阿拉伯文 مرحبا 希伯来文 שלום 组合符 é̸̢ 表情 ⚖️📜 扩展区 𠀀𪚥 全角　空格"


@pytest.mark.build
def test_markup_that_passes_validation_is_shown_as_text(tmp_path: Path):
    case = yaml.safe_load(good_case_text())
    case["practices"][1]["description"] = NEUTRALISED["description"]
    case["summary"] = NEUTRALISED["summary"] + " " + ODD_UNICODE
    case["practices"][1]["title"] = NEUTRALISED["title"]
    case["next_steps"] = NEUTRALISED["next_steps"]
    root = make_project(tmp_path, {CASE: yaml.safe_dump(case, allow_unicode=True)})
    result = casebook(root, "build")
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "cases" / "ceshi-shili-2024" / "index.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    assert not re.search(r"<(iframe|script|img)\b[^>]*(evil|alert|data:)", article)
    assert not re.search(r"\son\w+\s*=", article)
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|data):""", article, re.IGNORECASE)
    assert "site_name:" not in article  # the snippet syntax did not include mkdocs.yml
    shown = _visible_text(article)
    for text in [NEUTRALISED["description"], NEUTRALISED["title"], *NEUTRALISED["next_steps"]]:
        assert text in shown
    # Odd Unicode is shown as normalised text is: the spaces between Han characters (Extension B's too) go.
    assert "&lt;iframe src=x&gt; &#60;script&#62;" in shown and normalise_text(ODD_UNICODE) in shown


def _visible_text(html: str) -> str:
    """The article as a reader sees it: tags dropped, character references decoded."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


# -- workflows (test_editor.py checks actionlint, pull_request_target and read-only defaults) ----------


def test_no_job_that_runs_for_pull_requests_can_write():
    for path in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = workflow.get(True) or workflow.get("on")  # YAML 1.1 reads the key `on` as true
        assert "workflow_run" not in triggers, path.name  # runs with write access after a pull request
        if "pull_request" in triggers:
            for name, job in workflow["jobs"].items():
                granted = {**workflow["permissions"], **job.get("permissions", {})}
                assert set(granted.values()) <= {"read", "none"}, f"{path.name}: {name}"


# -- values that pass a loose check and break something later ------------------------------------------


def case_with(**changes) -> str:
    """The fixture case with top-level fields changed (None removes one)."""
    case = yaml.safe_load(good_case_text())
    for key, value in changes.items():
        if value is None:
            case.pop(key, None)
        else:
            case[key] = value
    return yaml.safe_dump(case, allow_unicode=True, sort_keys=False)


def set_in(text: str, old: str, new: str) -> tuple[str, int]:
    """`text` with `old` replaced, and the line it is on."""
    changed = replaced(old, new) if text == good_case_text() else text.replace(old, new, 1)
    return changed, line_of(changed, new.splitlines()[0])


# Dates and years stay within what has happened; numbers are numbers; text is never blank and has limits.
@pytest.mark.parametrize("old,new,field,words", [
    ("last_reviewed: 2026-11-23", "last_reviewed: 2106-01-01", "last_reviewed", "日期应在 1949-10-01 至 2100-12-31 之间"),
    ("last_reviewed: 2026-11-23", "last_reviewed: 2099-01-01", "last_reviewed", "日期不能晚于今天"),
    ("date: 2025-01-15", "date: 2099-01-15", "sources[0].date", "日期不能晚于今天"),
    ("start: 2024-01-01", "start: 0001-01-01", "period.start", "日期应在 1949-10-01"),
    ("end: 2024-12-31", "end: 9999-12-31", "period.end", "日期应在 1949-10-01"),
    ("period:\n  start: 2024-01-01", "period:\n  start: 2001-01-01", "period", "时期跨度超过 10 年"),  # at period
    ('unit: "%", year: 2024', 'unit: "%", year: 2099', "practices[0].metrics[0].year", "年份不能晚于今年"),
    ("value: 300,", "value: true,", "practices[0].metrics[1].value", "应为数字，不带单位、不加引号"),
    ("value: 300,", 'value: "200",', "practices[0].metrics[1].value", "应为数字，不带单位、不加引号"),
    ("batch: 1,", 'batch: "1",', "honours[0].batch", "应为整数，不加引号"),
    ('unit: "%", year: 2024', 'unit: "%", year: \'2024\'', "practices[0].metrics[0].year", "应为整数"),
    ('unit: "%"', 'unit: "<b>%</b>"', "practices[0].metrics[0].unit", "不允许 HTML"),
    ('unit: "%"', 'unit: "%\\u200b"', "practices[0].metrics[0].unit", "看不见的控制字符"),
    ('unit: "%"', 'unit: "   "', "practices[0].metrics[0].unit", "不能只有空白"),
    ("title: 湖州市：测试用案例", "title: '   '", "title", "不能只有空白"),
    ("- 虚构的问题。", "- ' '", "problems[0]", "不能只有空白"),
    ("publisher: 湖州市测试局", "publisher: '　'", "sources[0].publisher", "不能只有空白"),  # an ideographic space
    ("title: 湖州市：测试用案例", "title: " + "长" * 81, "title", "过长：最多 80 个字符"),
    ("tags: [行政审批]", "tags: [" + ", ".join(["行政审批"] * 11) + "]", "practices[1].tags", "最多 10 项"),
])
def test_values_outside_their_rules_are_refused_at_their_line(project: Path, old, new, field, words):
    text, line = set_in(good_case_text(), old, new)
    write_case(project, text)
    problems = problems_of(project)
    assert any(p.startswith(f"{SHOWN}:{line}: {field}: ") and words in p for p in problems), problems


def test_the_number_of_practices_has_a_limit(project: Path):
    case = yaml.safe_load(good_case_text())
    case["practices"] = [{**copy.deepcopy(case["practices"][1]), "id": f"p-{n}"} for n in range(101)]
    write_case(project, yaml.safe_dump(case, allow_unicode=True))
    [problem] = problems_of(project)
    assert ": practices: 最多 100 项" in problem


def test_limits_are_in_the_published_schema_for_editors_tools():
    schema = yaml.safe_load((REPO / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["practices"]["maxItems"] == 100
    assert schema["properties"]["summary"]["maxLength"] == 1000


# -- generated addresses ----------------------------------------------------------------------------------


def county_case(case_id: str, county: str) -> str:
    case = yaml.safe_load(good_case_text())
    case.update(id=case_id, region={"province": "甘肃省", "city": "临夏回族自治州", "county": county, "level": "县级"})
    return yaml.safe_dump(case, allow_unicode=True, sort_keys=False)


@pytest.mark.build
def test_two_places_whose_pinyin_is_the_same_are_one_problem_naming_both_files(project: Path):
    # Both real, both in 临夏回族自治州: the national list has four such pairs of neighbours.
    write_case(project, county_case("ceshi-linxia-2024", "临夏市"), "gansu/ceshi-linxia-2024.yml")
    write_case(project, county_case("ceshi-linxia2-2024", "临夏县"), "gansu/ceshi-linxia2-2024.yml")
    [problem] = problems_of(project)
    line = line_of(county_case("x", "临夏市"), "county:")
    assert problem == (f"cases/gansu/ceshi-linxia-2024.yml:{line}: region.county: 生成的页面地址 /regions/gansu/linxiahuizu/linxia/ "
                       f"已被 cases/gansu/ceshi-linxia2-2024.yml 第 {line} 行（region.county）占用；请换一个 id 或短名"
                       "（地名拼音相同时，在 scripts/casebook/vocabularies/place_readings.yml 中为其中一个写明不同的拼音）")
    result = casebook(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr and problem in result.stderr
    assert not (project / "site").exists() and not (project / "docs" / "cases").exists()


def test_a_place_name_without_a_latin_spelling_is_a_problem(project: Path):
    # Only a town can be: a province, city or county comes from the national list.
    text = replaced("  city: 湖州市\n  level: 地市级", "  city: 湖州市\n  county: 吴兴区\n  town: ㄅㄆ镇\n  level: 乡镇级")
    write_case(project, text)
    assert problems_of(project) == [f"{SHOWN}:{line_of(text, 'town: ')}: region.town: 地名“ㄅㄆ镇”无法转写为拼音网址；"
                                    "请核对地名，或在 scripts/casebook/vocabularies/place_readings.yml 中写明它的拼音"]


@pytest.mark.parametrize("case_id,words", [
    ("index", "网站自身的页面名"), ("page-3", "网站自身的页面名"), ("con", "Windows 保留的文件名"),
    ("aux", "Windows 保留的文件名"), ("nul", "Windows 保留的文件名"), ("com1", "Windows 保留的文件名"),
])
def test_ids_the_site_or_windows_reserve_are_refused(project: Path, case_id, words):
    (project / "cases" / CASE).unlink()
    text = replaced("id: ceshi-shili-2024", f"id: {case_id}")
    write_case(project, text, f"zhejiang/{case_id}.yml")
    [problem] = problems_of(project)
    assert problem.startswith(f"cases/zhejiang/{case_id}.yml:{line_of(text, 'id: ')}: id: “{case_id}” ") and words in problem


# -- the vocabulary and registry files ----------------------------------------------------------------------


def edit_cases_file(project: Path, name: str, old: str, new: str) -> int:
    path = project / "cases" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return line_of(text, new.splitlines()[0])


def test_a_repeated_tag_slug_is_a_problem_at_its_line(project: Path):
    line = edit_cases_file(project, "_taxonomy.yml", "{name: 示范创建, slug: demonstration,",
                           "{name: 示范创建, slug: leadership-duty,")
    assert problems_of(project) == [f"cases/_taxonomy.yml:{line}: tags[1].slug: 标签 slug “leadership-duty” "
                                    "已在 tags[0].slug 使用；每个标签 slug只能出现一次"]


@pytest.mark.parametrize("slug,words", [("index", "网站自身的页面名"), ("page-2", "网站自身的页面名"), ("prn", "Windows")])
def test_a_reserved_category_slug_is_a_problem_not_a_traceback(project: Path, slug, words):
    line = edit_cases_file(project, "_taxonomy.yml", "  - slug: enforcement\n", f"  - slug: {slug}\n")
    [problem] = problems_of(project)
    assert problem.startswith(f"cases/_taxonomy.yml:{line}: categories[1].slug: “{slug}” ") and words in problem


def test_markup_in_the_taxonomy_is_refused_at_its_line(project: Path):
    line = edit_cases_file(project, "_taxonomy.yml", "name: 矛盾纠纷化解", "name: 矛盾<img src=x onerror=alert(1)>")
    assert problems_of(project) == [f"cases/_taxonomy.yml:{line}: categories[2].name: 不允许 HTML 或脚本标记（如 <script>）；请只写纯文本"]


def registry(project: Path, text: str) -> None:
    (project / "cases" / "_permalinks.yml").write_text(text, encoding="utf-8")


def test_a_moved_entry_naming_a_case_that_still_exists_is_a_problem(project: Path):
    registry(project, "published:\n  ceshi-shili-2024: [test-mediation, test-approval]\n"
                      "moved:\n  ceshi-shili-2024: ceshi-other-2024\n")
    assert problems_of(project) == [
        "cases/_permalinks.yml:4: moved.ceshi-shili-2024: ceshi-shili-2024 仍然存在，不能再写作已移动；请删去这条 moved，或确认旧 id 已改名",
        "cases/_permalinks.yml:4: moved.ceshi-shili-2024: 新位置 ceshi-other-2024 不是已发布的案例或做法；"
        "请写明现有的 案例id 或 案例id#做法id"]


@pytest.mark.build
@pytest.mark.parametrize("entry", ["'../../outside': ceshi-shili-2024", "ceshi-old: '../x\" onclick=\"alert(1)'",
                                   "'a/b': ceshi-shili-2024", "ceshi-old: ceshi-shili-2024#Bad Anchor"])
def test_registry_entries_are_links_or_problems_never_paths(project: Path, entry):
    registry(project, "published:\n  ceshi-shili-2024: [test-mediation, test-approval]\nmoved:\n  " + entry + "\n")
    [problem] = problems_of(project)
    assert problem.startswith("cases/_permalinks.yml:4: moved.") and "格式不对：应为 案例id 或 案例id#做法id" in problem
    assert casebook(project, "build").returncode == 1
    assert not (project / "outside.md").exists() and not (project / "docs" / "cases").exists()


# -- nothing under cases/ is ignored silently ----------------------------------------------------------------


@pytest.mark.parametrize("name,words", [
    ("zhejiang/ceshi-other-2024.YML", "案例文件名应为 <id>.yml"), ("zhejiang/ceshi-other-2024.yaml", "案例文件名应为 <id>.yml"),
    ("zhejiang/notes.txt", "省份文件夹中只能有案例文件"), ("zhejiang/drafts/ceshi-other-2024.yml", "不能再有文件夹"),
    ("_tags.yml", "cases/ 中的未知文件"), ("ceshi-other-2024.yml", "cases/ 中的未知文件"),
    ("山东/ceshi-other-2024.yml", "省份文件夹应以省份的拼音短名命名"),
])
def test_files_the_build_would_not_read_are_each_a_problem(project: Path, name, words):
    path = project / "cases" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(good_case_text(), encoding="utf-8")
    problems = problems_of(project)
    shown = {"zhejiang/drafts/ceshi-other-2024.yml": "zhejiang/drafts", "山东/ceshi-other-2024.yml": "山东"}.get(name, name)
    assert any(p.startswith(f"cases/{shown}:1: ") and words in p for p in problems), problems


def test_tab_indentation_is_named_in_chinese(project: Path):
    text = replaced("  province: 浙江省", "\tprovince: 浙江省")
    write_case(project, text)
    assert problems_of(project) == [f"{SHOWN}:{line_of(text, 'province:')}: 这一行用制表符（Tab）缩进；YAML 只能用空格缩进，请把 Tab 换成空格"]


# -- open data ------------------------------------------------------------------------------------------------


@pytest.mark.build
def test_spreadsheet_formulas_in_the_csv_are_shown_as_text_and_json_is_unchanged(tmp_path: Path):
    formulas = ["=HYPERLINK(\"http://evil.example\",\"here\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)"]
    case = yaml.safe_load(good_case_text())
    case["title"], case["summary"] = formulas[0], formulas[1]
    case["practices"][0]["title"], case["practices"][0]["description"] = formulas[2], formulas[3]
    case["practices"][0]["metrics"][0]["value"] = -12.5  # a number stays a number
    root = make_project(tmp_path, {CASE: yaml.safe_dump(case, allow_unicode=True)})
    assert casebook(root, "build").returncode == 0
    import csv
    rows = list(csv.DictReader((root / "site/data/cases.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["title"] == "'" + formulas[0] and rows[0]["summary"] == "'" + formulas[1]
    practice = next(csv.DictReader((root / "site/data/practices.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert practice["title"] == "'" + formulas[2] and practice["description"] == "'" + formulas[3]
    metric = next(csv.DictReader((root / "site/data/metrics.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert metric["value"] == "-12.5"
    import json
    [from_json] = json.loads((root / "site/data/cases.json").read_text(encoding="utf-8"))
    assert from_json["title"] == formulas[0] and from_json["practices"][0]["title"] == formulas[2]
