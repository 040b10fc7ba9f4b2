"""`casebook check-copy`: the runs of 20 or more characters a case shares with its article, compared as
readers see them (Simplified, without pinyin readings, spaces or punctuation), quotations by design exempt."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.editor.check_copy import MIN_RUN, read_article_text, shared_runs
from support import FIXTURES, REPO, casebook

CASE = FIXTURES / "copy-check" / "case.yml"
ARTICLE = FIXTURES / "copy-check" / "article.txt"
# The article's sentence, as the case copies it (with another comma): 35 letters and digits.
COPIED = "示例市坚持把行政复议作为化解行政争议的主渠道、全面推行案前调解和听证审理"


def runs(texts: dict[tuple, str], article: str = "") -> list[tuple[tuple, int, str]]:
    return [(r.loc, r.length, r.text) for r in shared_runs(list(texts.items()), article or ARTICLE.read_text("utf-8"))]


def test_a_copied_sentence_is_found_through_traditional_characters_pinyin_and_punctuation():
    assert runs({("summary",): f"据介绍，{COPIED}。"}) == [(("summary",), 35, COPIED)]


def test_a_shared_run_counts_from_twenty_characters():
    sentence = "示例市坚持把行政复议作为化解行政争议的主渠道"  # 22 letters: its first 19 and 20 are shared
    assert runs({("summary",): sentence[:MIN_RUN - 1] + "。"}) == []
    assert runs({("summary",): sentence[:MIN_RUN] + "。"}) == [(("summary",), MIN_RUN, sentence[:MIN_RUN])]


def test_quotations_by_design_are_exempt():
    """A figure's quote, a source's title, a document title in 《》: nothing else."""
    title = "《示例市行政复议案件审理规则（试行）与办案指引》"
    assert runs({
        ("practices", 0, "metrics", 0, "quote"): COPIED,
        ("sources", 0, "title"): "示例市推进行政复议规范化建设工作情况的报告",
        ("practices", 0, "description"): f"依照{title}办案。",
    }) == []
    assert runs({("sources", 0, "note"): COPIED}) == [(("sources", 0, "note"), 35, COPIED)]


def test_a_run_does_not_join_across_a_document_title():
    before, after = "示例市坚持把行政复议作为化解", "行政争议的主渠道全面推行"  # 14 + 12 letters the article has in a row
    assert runs({("summary",): f"{before}《某文件》{after}"}) == []
    assert runs({("summary",): f"{before}{after}"}) != []


def test_a_web_page_is_read_as_its_text(tmp_path: Path):
    page = tmp_path / "article.html"
    page.write_text(f"<html><body><p>{COPIED[:10]}<b>{COPIED[10:]}</b></p></body></html>", encoding="utf-8")
    assert read_article_text(page) == COPIED
    assert runs({("summary",): COPIED}, read_article_text(page)) == [(("summary",), 35, COPIED)]


@pytest.mark.build
def test_the_command_prints_one_line_per_run_and_fails(tmp_path: Path):
    result = casebook(REPO, "check-copy", str(CASE), str(ARTICLE))
    line = next(n for n, text in enumerate(CASE.read_text("utf-8").splitlines(), 1) if "description:" in text)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"tests/fixtures/copy-check/case.yml:{line}: practices[0].description: 与原文连续 35 字相同：「{COPIED}」"]
    rewritten = tmp_path / "case.yml"
    rewritten.write_text(CASE.read_text("utf-8").replace(COPIED, "示例市以行政复议为化解行政争议的主要途径，普遍实行案前调解和听证审理"),
                         encoding="utf-8")
    passed = casebook(REPO, "check-copy", str(rewritten), str(ARTICLE))
    assert passed.returncode == 0 and "未发现" in passed.stdout
