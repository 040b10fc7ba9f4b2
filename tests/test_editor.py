"""The editor's interface: scaffolding, canonical layout, warnings, forms, workflows, and the
schema and edit links on the site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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
def test_new_refuses_to_overwrite(project: Path):
    assert casebook(project, *NEW_CASE).returncode == 0
    again = casebook(project, *NEW_CASE)
    assert again.returncode != 0 and "已存在" in again.stderr


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
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action} is not pinned to a commit"
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
