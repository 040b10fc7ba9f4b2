"""`casebook check-copy CASE ARTICLE`: the runs of text a case shares with the article it was written from.

A case is written in the editor's own words; a run of 20 or more characters found in the article as well
is copied prose, to be rewritten. Both texts are compared as readers see them: Traditional characters
folded to Simplified, pinyin readings after characters dropped, and only letters and digits kept (so
spaces, punctuation and line breaks neither hide a copy nor make one). Quotations by design are exempt:
a figure's `quote` (the source's words for it), a source's title (the article's own name) and a document
title in 《》 anywhere in the case.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from casebook.core.problems import CaseErrors, Problem
from casebook.core.project import Project
from casebook.sources.normalise import normalise_text, reader_text
from casebook.sources.validate import field_path, parse_case
from casebook.sources.yaml_loader import load_case
from casebook.vocabularies.measures import load_metrics
from casebook.vocabularies.taxonomy import load_taxonomy

MIN_RUN = 20  # characters: shorter shared runs are names, terms and set phrases

_DOCUMENT_TITLE = re.compile(r"《[^《》]*》")
_HTML_START = re.compile(r"^\s*<(?:!doctype html|html|head|body|meta|div|p[\s>])", re.IGNORECASE)


@dataclass(frozen=True)
class SharedRun:
    loc: tuple[str | int, ...]
    length: int  # characters compared: letters and digits
    text: str    # the run as the case shows it, punctuation included


def shared_runs(case_text: list[tuple[tuple[str | int, ...], str]], article: str) -> list[SharedRun]:
    """The runs of `MIN_RUN` or more characters that the case's texts (where, text) share with the article."""
    compared, _ = _folded(normalise_text(article))
    starts = {compared[i: i + MIN_RUN] for i in range(len(compared) - MIN_RUN + 1)}
    runs = []
    for loc, text in case_text:
        if _exempt(loc):
            continue
        shown = normalise_text(text)
        for part_start, part in _outside_titles(shown):
            folded, positions = _folded(part)
            for start, length in _runs_in(folded, compared, starts):
                first, last = positions[start] + part_start, positions[start + length - 1] + part_start
                runs.append(SharedRun(loc, length, shown[first: last + 1]))
    return runs


def _exempt(loc: tuple[str | int, ...]) -> bool:
    return loc[-1] == "quote" or (loc[0] == "sources" and loc[-1] == "title")


def _outside_titles(text: str) -> list[tuple[int, str]]:
    """The parts of `text` between document titles in 《》, each with where it starts."""
    parts, start = [], 0
    for title in _DOCUMENT_TITLE.finditer(text):
        parts.append((start, text[start: title.start()]))
        start = title.end()
    return parts + [(start, text[start:])]


def _folded(text: str) -> tuple[str, list[int]]:
    """Only the letters and digits of `text`, lower-cased, and where each one is in `text`."""
    kept = [(i, char.lower()) for i, char in enumerate(text) if unicodedata.category(char)[0] in "LN"]
    return "".join(char for _, char in kept), [i for i, _ in kept]


def _runs_in(folded: str, article: str, starts: set[str]) -> list[tuple[int, int]]:
    """(start, length) of each longest run of `folded` found in `article`, left to right."""
    runs, i = [], 0
    while i + MIN_RUN <= len(folded):
        if folded[i: i + MIN_RUN] not in starts:
            i += 1
            continue
        length = MIN_RUN
        while i + length < len(folded) and folded[i: i + length + 1] in article:
            length += 1
        runs.append((i, length))
        i += length
    return runs


def read_article_text(path: Path) -> str:
    """An article saved as text or as a web page (then its whole text: copying from any part counts)."""
    text = path.read_bytes().decode("utf-8-sig")
    if path.suffix.lower() in (".htm", ".html") or _HTML_START.match(text[:2048]):
        return lxml.html.fromstring(text).text_content()
    return text


def check_copy_command(project: Project, args: argparse.Namespace) -> int:
    shown = project.shown(args.case.resolve())
    loaded = load_case(args.case, shown)
    if isinstance(loaded, Problem):
        raise CaseErrors([loaded])
    taxonomy = load_taxonomy(project.cases_dir)
    case, problems = parse_case(loaded, taxonomy, load_metrics(project.cases_dir, taxonomy))
    if case is None:
        raise CaseErrors(problems)
    try:
        article = read_article_text(args.article)
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.article}：无法读取文章（{error}）；请给出 UTF-8 编码的文本或网页文件", file=sys.stderr)
        return 2
    runs = shared_runs(list(reader_text(case)), article)
    for run in runs:
        print(Problem(shown, loaded.line_of(run.loc), field_path(run.loc), f"与原文连续 {run.length} 字相同：「{run.text}」"))
    if runs:
        print(f"共 {len(runs)} 处与原文连续 {MIN_RUN} 字以上相同；请用自己的话改写（数字、专有名称和《》中的文件名可以照录）。",
              file=sys.stderr)
        return 1
    print(f"未发现与原文连续 {MIN_RUN} 字以上相同的文字。")
    return 0
