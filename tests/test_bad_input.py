"""Broken case files: one line per problem naming file, line, field and what is expected;
every problem in one run; nothing written to site/."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import casebook, file_contents, good_case_text

pytestmark = pytest.mark.build  # each test builds a site or runs the casebook command

CASE = "zhejiang/ceshi-shili-2024.yml"
SHOWN = f"cases/{CASE}"


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(next(l for l in text.splitlines() if needle in l)) + 1


def broken(old: str, new: str) -> str:
    text = good_case_text()
    assert old in text, old
    return text.replace(old, new, 1)


# (what is broken, new file text, field named, expected line marker, words the message must hold)
CASES = [
    ("missing required field", broken("summary: 这是供测试使用的虚构案例，地名真实，内容均为虚构。\n", ""),
     "summary", "id: ceshi-shili-2024", "缺少必填字段"),
    ("wrong type", broken("value: 300, unit: 件", "value: 三百, unit: 件"),
     "practices[0].metrics[1].value", "value: 三百", "应为数字"),
    ("unknown category", broken("category: business-environment", "category: tax"),
     "practices[1].category", "category: tax", "未知分类"),
    ("category by its name", broken("category: dispute-resolution", "category: 矛盾纠纷化解"),
     "practices[0].category", "category: 矛盾纠纷化解", "“矛盾纠纷化解”是分类的名称；category 应写它的 slug：dispute-resolution"),
    ("tag by its slug", broken("tags: [行政审批]", "tags: [peoples-mediation]"),
     "practices[1].tags", "tags: [peoples-mediation]", "标签写中文名称：“peoples-mediation”应为 人民调解"),
    ("unknown tag", broken("tags: [行政审批]", "tags: [不存在的标签]"),
     "practices[1].tags", "tags: [不存在的标签]", "未知标签"),
    ("impossible date", broken("start: 2024-01-01", "start: 2024-02-30"),
     "period.start", "start: 2024-02-30", "日期不存在"),
    ("url not http(s)", broken("url: https://example.org/report", "url: javascript:alert(1)"),
     "sources[0].url", "url: javascript", "http://"),
    ("raw html in text", broken("title: 审批改革测试做法", "title: 审批<script>alert(1)</script>"),
     "practices[1].title", "title: 审批<script>", "不允许 HTML"),
    ("id not the file name", broken("id: ceshi-shili-2024", "id: ceshi-other-2024"),
     "id", "id: ceshi-other-2024", "与文件名不一致"),
    ("unknown status", broken("status: published", "status: 已发布"),
     "status", "status: 已发布", "应为以下之一：draft、published（现为 “已发布”）"),
    ("unknown field", broken("status: published", "status: published\nreviewer: 张三"),
     "reviewer", "reviewer: 张三", "未知字段"),
]


@pytest.mark.parametrize("name,text,field,marker,words", CASES, ids=[c[0] for c in CASES])
def test_one_problem_named_with_file_line_field_and_expectation(project: Path, name, text, field, marker, words):
    (project / "cases" / CASE).write_text(text, encoding="utf-8")
    result = casebook(project, "validate")
    assert result.returncode != 0
    lines = [l for l in result.stderr.splitlines() if l.startswith(SHOWN)]
    assert lines == [f"{SHOWN}:{line_of(text, marker)}: {field}: {lines[0].split(': ', 2)[2]}"]
    assert words in lines[0]


def test_not_yaml(project: Path):
    (project / "cases" / CASE).write_text(good_case_text() + "\nfoo: [unclosed\n", encoding="utf-8")
    result = casebook(project, "validate")
    assert result.returncode != 0
    assert f"{SHOWN}:" in result.stderr and "YAML 语法错误" in result.stderr


def test_not_utf8(project: Path):
    (project / "cases" / CASE).write_bytes(good_case_text().encode("gb18030"))
    result = casebook(project, "validate")
    assert result.returncode != 0
    assert "UTF-8" in result.stderr and SHOWN in result.stderr


def test_case_in_another_provinces_folder_names_the_folder_it_belongs_in(project: Path):
    (project / "cases" / "other").mkdir()
    (project / "cases" / CASE).rename(project / "cases" / "other" / "ceshi-shili-2024.yml")
    result = casebook(project, "validate")
    assert result.returncode != 0
    line = line_of(good_case_text(), "province: 浙江省")
    assert result.stderr.splitlines()[0] == (f"cases/other/ceshi-shili-2024.yml:{line}: region.province: "
                                             "浙江省的案例应放在 cases/zhejiang/ 文件夹中（现在在 cases/other/）")


def test_all_problems_in_one_run(project: Path):
    text = broken("category: business-environment", "category: tax")
    text = text.replace("start: 2024-01-01", "start: 2024-13-01").replace("value: 300,", "value: x,")
    (project / "cases" / CASE).write_text(text, encoding="utf-8")
    result = casebook(project, "validate")
    problem_lines = [l for l in result.stderr.splitlines() if l.startswith(SHOWN)]
    assert len(problem_lines) == 3, result.stderr
    assert "共 3 处问题" in result.stderr


def test_github_annotations_point_at_the_line(project: Path):
    text = broken("category: business-environment", "category: tax")
    (project / "cases" / CASE).write_text(text, encoding="utf-8")
    result = casebook(project, "validate", "--github")
    line = line_of(text, "category: tax")
    assert f"::error file={SHOWN},line={line}::practices[1].category: 未知分类" in result.stdout


def test_broken_case_leaves_last_good_site_intact(project: Path):
    assert casebook(project, "build").returncode == 0
    site = project / "site"
    before = file_contents(site)
    (project / "cases" / CASE).write_text(broken("category: business-environment", "category: tax"),
                                          encoding="utf-8")
    result = casebook(project, "build")
    assert result.returncode != 0
    assert "practices[1].category" in result.stderr
    after = file_contents(site)
    assert after == before
    assert not list(project.glob(".site-build-*"))


def test_plain_mkdocs_build_stops_before_writing(project: Path):
    """`mkdocs build` run directly validates too, and writes nothing when a case is broken."""
    import subprocess
    import sys

    (project / "cases" / CASE).write_text(broken("category: business-environment", "category: tax"),
                                          encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "practices[1].category" in result.stderr + result.stdout
    assert not (project / "site").exists()
