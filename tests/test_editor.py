"""The editor's interface: scaffolding, canonical layout, warnings, forms, workflows, and the
schema and edit links on the site."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook import cli
from casebook.editor.canonical import canonical_text
from support import REPO, casebook, good_case_text

NEW_CASE = ["new", "--province", "浙江省", "--city", "湖州市", "--county", "吴兴区", "--year", "2024",
            "--source-title", "吴兴区2024年法治政府建设报告", "--source-kind", "annual-report"]
NEW_PATH = Path("cases/zhejiang/zhejiang-wuxing-2024.yml")


def problem_fields(stderr: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^\S+:\d+: (\S+):", stderr, re.MULTILINE)}


@pytest.mark.build
def test_new_case_fails_only_where_the_editor_must_write(project: Path):
    result = casebook(project, *NEW_CASE)
    assert result.returncode == 0, result.stderr
    text = (project / NEW_PATH).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/case.schema.json\n")
    assert "id: zhejiang-wuxing-2024" in text and "level: 县级" in text
    validation = casebook(project, "validate")
    assert validation.returncode != 0
    assert problem_fields(validation.stderr) == {
        "title", "summary", "practices[0].id", "practices[0].title", "practices[0].category",
        "practices[0].description"}


@pytest.mark.build
def test_new_case_is_filled_validated_formatted_and_built(project: Path):
    casebook(project, *NEW_CASE)
    path = project / NEW_PATH
    text = path.read_text(encoding="utf-8")
    for field, value in [('title: ""', "title: 吴兴区：测试案例"), ('summary: ""', "summary: 虚构的概述。"),
                         ('id: ""', "id: test-practice"), ('title: ""', "title: 虚构做法"),
                         ('category: ""', "category: enforcement"), ('description: ""', "description: 虚构描述。")]:
        text = text.replace(field, value, 1)
    path.write_text(text.replace("status: draft", "status: published").replace("tags: []", "tags: [执法规范化, 综合执法]"),
                    encoding="utf-8")
    assert casebook(project, "validate").returncode == 0
    assert casebook(project, "fmt", "--check").returncode != 0  # the tags list is now on one line
    assert casebook(project, "fmt").returncode == 0
    assert casebook(project, "fmt", "--check").returncode == 0
    assert "# 永久 id，与文件名一致" in path.read_text(encoding="utf-8")  # comments survive formatting
    assert casebook(project, "build").returncode == 0
    assert "吴兴区：测试案例" in (project / "site/cases/zhejiang-wuxing-2024/index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_second_case_of_the_same_place_and_year_takes_the_next_id(project: Path):
    first = casebook(project, *NEW_CASE)
    assert first.returncode == 0 and first.stderr == ""
    written = (project / NEW_PATH).read_text(encoding="utf-8")
    again = casebook(project, *NEW_CASE)
    assert again.returncode == 0
    assert (project / NEW_PATH).read_text(encoding="utf-8") == written  # never overwritten
    second = project / NEW_PATH.with_name("zhejiang-wuxing-2024-2.yml")
    assert "id: zhejiang-wuxing-2024-2" in second.read_text(encoding="utf-8")
    assert again.stderr.splitlines() == [f"{NEW_PATH.as_posix()} 已有同一地区、年份的案例；新案例的 id 是 "
                                         "zhejiang-wuxing-2024-2（若是同一内容，请改为编辑原文件，并删除新文件）"]


@pytest.mark.build
@pytest.mark.parametrize("changed, line", [
    ({"--year": "2024年"}, None),  # accepted: the year as it is often written
    ({"--source-kind": "年度报告"}, None),  # accepted: the kind's Chinese name
    ({"--year": "二〇二四"}, "--year：应为 1949 到 {this_year} 之间的四位年份，如 2023（现为 “二〇二四”）"),
    ({"--year": "2999"}, "--year：应为 1949 到 {this_year} 之间的四位年份，如 2023（现为 “2999”）"),
    ({"--province": "浙江"}, "--province：“浙江”不是省级行政区的全称，应为 浙江省"),
    ({"--city": "湖州"}, "--city：“湖州”不是浙江省的行政区名称，应为 湖州市"),
    ({"--city": "太原市"}, "--city：太原市不在浙江省，在山西省"),
    ({"--county": "济阳区"}, "--county：济阳区不在湖州市，在山东省济南市"),
    ({"--source-kind": "report"}, "--source-kind：应为 news 新闻报道 / annual-report 年度报告 / "
                                  "press-conference 新闻发布会 / government-document 政府文件 之一（现为 “report”）"),
    ({"--source-kind": None}, "缺少 --source-kind（来源类型：news 新闻报道 / annual-report 年度报告 / "
                              "press-conference 新闻发布会 / government-document 政府文件）"),
    ({"--source-date": "2024-02-30"}, "--source-date：应为真实的日期，格式 YYYY-MM-DD，如 2022-02-23（现为 “2024-02-30”）"),
    ({"--source-url": "www.huzhou.gov.cn"}, "--source-url：应为以 http:// 或 https:// 开头的网址"),
    ({"--yaer": "2024"}, "casebook：无法识别的参数：--yaer 2024；运行 casebook --help 查看用法"),
])
def test_new_accepts_answers_as_editors_write_them_and_refuses_the_rest_in_one_line(project: Path, changed, line):
    options = dict(zip(NEW_CASE[1::2], NEW_CASE[2::2]))
    for option, value in changed.items():
        options.pop(option, None) if value is None else options.__setitem__(option, value)
    result = casebook(project, "new", *[part for pair in options.items() for part in pair])
    if line is None:
        assert result.returncode == 0 and (project / NEW_PATH).is_file(), result.stderr
        text = (project / NEW_PATH).read_text(encoding="utf-8")
        assert "start: 2024-01-01" in text and "kind: annual-report" in text
        return
    assert result.returncode == 2 and not (project / NEW_PATH).exists()
    assert result.stderr.splitlines() == [line.format(this_year=dt.date.today().year)]


def test_new_asks_for_what_is_missing_the_source_kind_too_and_again_for_a_wrong_answer(
        project: Path, monkeypatch, capsys):
    answers = iter(["浙江", "湖州市", "", "", "2024", "湖州市2024年法治政府建设年度报告", "年度报告", "", "", "",
                    "浙江省"])
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    assert cli.main(["--root", str(project), "new"]) == 0
    assert capsys.readouterr().err.splitlines() == ["--province：“浙江”不是省级行政区的全称，应为 浙江省"]
    assert [prompt.split("：")[0].split("（")[0] for prompt in asked] == [
        "省级行政区的全称，如 山东省", "地级市的全称，如 淄博市", "区县的全称，如 济阳区", "乡镇或街道，如 莒镇",
        "年份，如 2023", "来源标题", "来源类型", "发布机构或媒体", "发布日期 YYYY-MM-DD", "来源网址",
        "省级行政区的全称，如 山东省"]  # asked again
    text = (project / "cases/zhejiang/zhejiang-huzhou-2024.yml").read_text(encoding="utf-8")
    assert "kind: annual-report" in text and "province: \"浙江省\"" in text


def test_fmt_orders_fields_as_the_schema_and_keeps_comments():
    shuffled = "# yaml-language-server: $schema=../../schema/case.schema.json\n" \
               "status: published  # 状态\nid: x\ntitle: 标题\n"
    assert canonical_text(shuffled) == ("# yaml-language-server: $schema=../../schema/case.schema.json\n"
                                        "id: x\ntitle: 标题\nstatus: published  # 状态\n")


@pytest.mark.build
def test_bundled_cases_are_in_canonical_form():
    assert casebook(REPO, "fmt", "--check").returncode == 0


@pytest.mark.build
def test_same_region_and_period_and_shared_source_are_warned_not_refused(project: Path):
    twin = good_case_text().replace("id: ceshi-shili-2024", "id: ceshi-shili-2024b")
    (project / "cases/zhejiang/ceshi-shili-2024b.yml").write_text(twin, encoding="utf-8")
    result = casebook(project, "validate")
    assert result.returncode == 0
    assert "ceshi-shili-2024b.yml:1: period: 警告：与 cases/zhejiang/ceshi-shili-2024.yml 地区相同、时期重叠" in result.stderr
    assert "来源 https://example.org/report 也被 cases/zhejiang/ceshi-shili-2024.yml 引用" in result.stderr


def test_site_publishes_the_schema_and_links_each_case_to_its_file(bundled_site: Path):
    published = json.loads((bundled_site / "schema/case.schema.json").read_text(encoding="utf-8"))
    assert published == json.loads((REPO / "schema/case.schema.json").read_text(encoding="utf-8"))
    repository = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["repository"]
    page = (bundled_site / "cases/shandong-zibo-2021/index.html").read_text(encoding="utf-8")
    assert f'href="{repository}/edit/main/cases/shandong/shandong-zibo-2021.yml"' in page
    assert f'href="{repository}/issues/new?template=report-error.yml&amp;case=shandong-zibo-2021"' in page


def test_workflows_pass_actionlint_and_never_build_contributions_with_write_access():
    workflows = sorted((REPO / ".github/workflows").glob("*.yml"))
    actionlint = Path(sys.executable).parent / "actionlint"  # installed with the test extras
    result = subprocess.run([str(actionlint), *map(str, workflows)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for workflow in workflows:
        text = workflow.read_text(encoding="utf-8")
        assert "pull_request_target" not in text
        assert re.search(r"^permissions:\n  contents: read$", text, re.MULTILINE), workflow.name
        # A tag can be moved to other code; a commit cannot. The tag stays beside it for readers
        # and for Dependabot, which updates both.
        for action, tag in re.findall(r"uses: (\S+)(.*)", text):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w.-]+)*@[0-9a-f]{40}", action), f"{action} is not pinned to a commit"
            assert re.fullmatch(r" # v\d+\.\d+\.\d+", tag), f"{action} does not name its release"
    dependabot = yaml.safe_load((REPO / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert "github-actions" in {update["package-ecosystem"] for update in dependabot["updates"]}


def test_issue_forms_parse_and_ask_what_an_editor_needs():
    forms = REPO / ".github/ISSUE_TEMPLATE"
    propose = yaml.safe_load((forms / "propose-case.yml").read_text(encoding="utf-8"))
    ids = {item.get("id") for item in propose["body"]}
    assert {"region", "level", "year", "source-title", "source-publisher", "source-date", "source-url",
            "practices", "contact"} <= ids
    report = yaml.safe_load((forms / "report-error.yml").read_text(encoding="utf-8"))
    assert {"case", "problem", "evidence"} <= {item.get("id") for item in report["body"]}
    for form in (propose, report):
        assert form["name"] and form["description"]
        assert all(item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"} for item in form["body"])


@pytest.mark.build
def test_validate_checks_exactly_the_files_named_wherever_they_are(project: Path):
    missing = casebook(project, "validate", str(project / "drafts/none.yml"))
    assert missing.returncode == 1 and missing.stderr.splitlines() == [f"{project}/drafts/none.yml：没有这个文件"]
    (project / "drafts").mkdir()
    draft = project / "drafts/ceshi-shili-2024.yml"  # where `casebook import --out` may put one
    draft.write_text(good_case_text().replace("status: published", "status: 待定"), encoding="utf-8")
    refused = casebook(project, "validate", str(draft))
    assert refused.returncode == 1
    line = good_case_text().splitlines().index("status: published") + 1
    assert [problem.split(": ")[0] for problem in refused.stderr.splitlines()[:-1]] == [f"drafts/ceshi-shili-2024.yml:{line}"]
    draft.write_text(good_case_text(), encoding="utf-8")
    (project / "cases/zhejiang/ceshi-other-2024.yml").write_text("id: [broken", encoding="utf-8")  # not asked about
    passed = casebook(project, "validate", str(draft))
    assert passed.returncode == 0 and passed.stderr == ""
    assert passed.stdout.splitlines() == [
        "drafts/ceshi-shili-2024.yml 通过校验；它不在 cases/ 中，发布前请移到 cases/zhejiang/ceshi-shili-2024.yml"]
    inside = casebook(project, "validate", str(project / "cases/zhejiang/ceshi-shili-2024.yml"))
    assert inside.returncode == 0 and inside.stdout.splitlines() == ["cases/zhejiang/ceshi-shili-2024.yml 通过校验。"]


@pytest.mark.build
def test_fmt_registers_the_links_of_newly_published_cases_so_ci_passes(project: Path):
    """CI runs `casebook permalinks --check`; the editor runs `casebook fmt`, which registers them."""
    assert casebook(project, "permalinks", "--check").returncode == 1
    assert casebook(project, "fmt", "--check").returncode == 1
    formatted = casebook(project, "fmt")
    assert formatted.returncode == 0 and "cases/_permalinks.yml: 已登记 2 个新的永久链接" in formatted.stdout
    assert casebook(project, "permalinks", "--check").returncode == 0
    assert casebook(project, "fmt", "--check").returncode == 0
