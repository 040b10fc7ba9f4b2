"""`casebook import` as editors run it: a draft file validated like any case, and a summary."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from support import FIXTURES, casebook

pytestmark = pytest.mark.build  # each test builds a site or runs the casebook command

ARTICLES = FIXTURES / "articles"


def test_import_writes_a_draft_that_passes_validation_into_cases(project):
    result = casebook(project, "import", str(ARTICLES / "report-numbered.txt"))
    assert result.returncode == 0, result.stdout + result.stderr
    draft = project / "cases" / "shandong" / "shandong-yishui-2023.yml"
    text = draft.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/case.schema.json"
    assert "category: law-making-decisions  # 建议分类依据：" in text
    assert yaml.safe_load(text)["status"] == "draft"
    assert result.stdout.splitlines()[:3] == [
        "已写入草稿 cases/shandong/shandong-yishui-2023.yml（status: draft）",
        "做法 4 项（依法决策与制度建设 1、矛盾纠纷化解 2、法治化营商环境 1）；指标 9 个；"
        "问题 2 条；下一步打算 2 条；未归入做法的原文段落 1 段",
        "待编辑补充或核对：无（仍须改写摘录的原文）",
    ]
    assert result.stdout.splitlines()[-1] == "校验通过。"
    assert casebook(project, "validate").returncode == 0
    # The paragraph that fits no practice is shown to the editor in the file.
    assert "#   全县统筹调解力量，做到小事不出村。" in text


def test_fields_the_article_does_not_state_are_listed_and_only_they_fail(project):
    result = casebook(project, "import", str(ARTICLES / "fictional-place.txt"), "--out", str(project / "drafts"))
    assert result.returncode == 1
    shown = "drafts/xxxx-xxxx.yml"  # as editors see it: relative to the project
    assert f"  {shown}:8: period: 原文没有写明年份；请填写 start 和 end（YYYY-MM-DD）" in result.stdout.splitlines()
    failing = [re.match(rf"  {shown}:\d+: ([^:]+):", line).group(1) for line in result.stdout.splitlines()
               if line.startswith(f"  {shown}:") and "（现为 None）" in line]
    assert failing == ["region", "sources[0].kind"]  # a draft may lack its period


def test_an_existing_file_is_kept_unless_forced(project, tmp_path):
    out = tmp_path / "draft.yml"
    out.write_text("# 编辑已经改过的草稿\n", encoding="utf-8")
    refused = casebook(project, "import", str(ARTICLES / "news-sentence-led.txt"), "--out", str(out))
    assert refused.returncode == 1 and "已存在" in refused.stderr
    assert out.read_text(encoding="utf-8") == "# 编辑已经改过的草稿\n"
    forced = casebook(project, "import", str(ARTICLES / "news-sentence-led.txt"), "--out", str(out), "--force")
    assert "status: draft" in out.read_text(encoding="utf-8")
    # A file name other than the case id is itself a validation problem, and is reported as one.
    assert forced.returncode == 1 and "与文件名不一致" in forced.stdout


def test_html_from_standard_input(project, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "casebook", "--root", str(project), "import", "-", "--out", str(tmp_path)],
        input=(ARTICLES / "page.html").read_bytes(), capture_output=True,
    )
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    draft = yaml.safe_load((tmp_path / "shanxi-shangdang-2024.yml").read_text(encoding="utf-8"))
    assert [p["title"] for p in draft["practices"]] == ["以规范执法行为树形象", "以数字赋能提效率"]
    assert "草稿：由 casebook import 从 标准输入 生成" in (tmp_path / "shanxi-shangdang-2024.yml").read_text(encoding="utf-8")


def test_an_unreadable_article_is_refused_plainly(project, tmp_path):
    result = casebook(project, "import", str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert "找不到这个文件" in result.stderr


def dev_set_counts() -> tuple[int, int]:
    """Pages in the dev set, and how many of them are held back, as its index lists them."""
    index = yaml.safe_load((FIXTURES / "import-dev" / "index.yml").read_text(encoding="utf-8"))
    return len(index), sum(entry["held_back"] for entry in index)


def test_evaluate_prints_accuracy_per_field_and_page(project):
    result = casebook(project, "import", "--evaluate", str(FIXTURES / "import-dev"))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    pages, held_back = dev_set_counts()
    assert f"全部 {pages} 页" in lines[0] and f"保留（held back） {held_back} 页" in lines[0]
    assert lines[1].startswith("province") and lines[12].startswith("reports_practice")
    assert any(line.startswith("01-anhui-province-2022") for line in lines)


def test_evaluate_for_tuning_leaves_the_held_back_pages_unread(project):
    result = casebook(project, "import", "--evaluate", str(FIXTURES / "import-dev"), "--tuning-only")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    pages, held_back = dev_set_counts()
    assert f"全部 {pages - held_back} 页" in lines[0] and "保留" not in lines[0] and "（保留）" not in result.stdout


def test_an_article_or_evaluate_is_needed(project):
    result = casebook(project, "import")
    assert result.returncode == 2 and "--evaluate" in result.stderr
