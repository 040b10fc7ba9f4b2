"""`casebook import ARTICLE [--out …]`: a published article (text or HTML, or standard input)
→ a draft case file, validated like any hand-written case, and a summary for the editor.

The heavy parts (HTML extraction, the gazetteer, word segmentation) are imported when the
command runs, so the other `casebook` commands do not pay for them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from casebook.core import routes
from casebook.core.problems import CaseErrors, Problem
from casebook.core.project import Project
from casebook.library import load_library
from casebook.sources.validate import check_file, field_path
from casebook.sources.yaml_loader import load_case
from casebook.vocabularies.measures import MetricVocabulary, load_metrics
from casebook.vocabularies.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    from .draft import Draft

_CASE_SUFFIXES = (".yml", ".yaml")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help="把一篇已发表的文章（文本或 HTML）转成案例草稿（status: draft）")
    parser.add_argument("article", nargs="?", help="文章文件（文本或 HTML）；- 表示从标准输入读入")
    parser.add_argument("--url", default="", help="文章的网址（已知时给出：写入来源，网址中的地名可补全所属地区）")
    parser.add_argument("--out", type=Path,
                        help="草稿写到这里：一个 .yml 文件，或一个文件夹（文件名取案例 id）；默认 cases/<省>/<id>.yml")
    parser.add_argument("--force", action="store_true", help="目标文件已存在时覆盖它")
    parser.add_argument("--evaluate", type=Path, metavar="DIR",
                        help="不导入，而是在一组人工核对过的网页（DIR/*/page.txt 与 expected.yml）上逐字段统计识别正确率")
    parser.add_argument("--tuning-only", action="store_true",
                        help="与 --evaluate 同用：只统计调试用的网页，保留（held_back）的网页不读取，调试时用")


def run(project: Project, args: argparse.Namespace) -> int:
    from .draft import make_draft
    from .source import ArticleUnreadable, read_article
    from .writer import draft_yaml

    taxonomy = load_taxonomy(project.cases_dir)
    metrics = load_metrics(project.cases_dir, taxonomy)
    today = dt.date.today()
    if args.evaluate:
        return _evaluate(args.evaluate, taxonomy, metrics, today, held_back=not args.tuning_only)
    if not args.article:
        print("请给出要导入的文章文件（或用 --evaluate DIR 统计识别正确率）", file=sys.stderr)
        return 2
    try:
        article = read_article(args.article, url=args.url)
        draft = make_draft(article, taxonomy, today, metrics)
    except ArticleUnreadable as error:
        print(error, file=sys.stderr)
        return 1
    target = _target(project, args.out, draft.case["id"], draft.province_slug)
    if target.exists() and not args.force:
        print(f"{project.shown(target)} 已存在；如要覆盖请加 --force，或用 --out 指定别的位置", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(draft_yaml(draft, article.name, _schema_ref(project, target), today), encoding="utf-8")
    problems = _validate(project, target, taxonomy, metrics)
    _report(project, target, draft, taxonomy, problems)
    return 1 if problems else 0


def _evaluate(folder: Path, taxonomy: Taxonomy, metrics: MetricVocabulary, today: dt.date, held_back: bool) -> int:
    from .evaluate import evaluate, report

    if not folder.is_dir():
        print(f"{folder}：不是文件夹", file=sys.stderr)
        return 1
    results = evaluate(folder, taxonomy, metrics, today, held_back)
    if not results:
        print(f"{folder}：没有找到 */expected.yml", file=sys.stderr)
        return 1
    print(report(results))
    return 0


def _target(project: Project, out: Path | None, case_id: str, province: str | None) -> Path:
    if out is None:
        return project.cases_dir / (province or "") / f"{case_id}.yml"
    return out if out.suffix in _CASE_SUFFIXES else out / f"{case_id}.yml"


def _schema_ref(project: Project, target: Path) -> str:
    """The schema as the draft's editor finds it: relative inside the project, else absolute."""
    schema = project.root / routes.SCHEMA
    if not target.resolve().is_relative_to(project.root):
        return schema.as_posix()
    return Path(os.path.relpath(schema, target.parent.resolve())).as_posix()


def _validate(project: Project, target: Path, taxonomy: Taxonomy, metrics: MetricVocabulary) -> list[Problem]:
    """The checks every case gets; inside cases/ also against the other cases (a taken id)."""
    if target.resolve().is_relative_to(project.cases_dir.resolve()):
        try:
            load_library(project, paths=[target])
        except CaseErrors as errors:
            return errors.problems
        return []
    return check_file(load_case(target, project.shown(target)), taxonomy, metrics).problems


def _report(project: Project, target: Path, draft: Draft, taxonomy: Taxonomy, problems: list[Problem]) -> None:
    shown = project.shown(target)
    per_category = draft.practices_per_category
    categories = "、".join(f"{c.name} {per_category[c.slug]}" for c in taxonomy.categories if per_category[c.slug])
    case = draft.case
    print(f"已写入草稿 {shown.as_posix()}（status: draft）")
    print(f"做法 {len(case['practices'])} 项（{categories or '无'}）；指标 {draft.metric_count} 个；"
          f"问题 {len(case['problems'])} 条；下一步打算 {len(case['next_steps'])} 条；"
          f"未归入做法的原文段落 {len(draft.unplaced)} 段")
    notes = _located_notes(target, shown, draft)
    print(f"待编辑补充或核对 {len(notes)} 项：" if notes else "待编辑补充或核对：无（仍须改写摘录的原文）")
    for note in notes:
        print(f"  {note}")
    if problems:
        print(f"校验未通过，共 {len(problems)} 处（草稿已写入，补全上述字段后再运行 casebook validate）：")
        for problem in problems:
            print(f"  {problem}")
    else:
        print("校验通过。")


def _located_notes(target: Path, shown: Path, draft: Draft) -> list[Problem]:
    loaded = load_case(target, shown)
    line_of = loaded.line_of if not isinstance(loaded, Problem) else (lambda loc: 1)
    return [Problem(shown, line_of(note.loc), field_path(note.loc), note.message) for note in draft.notes]
