"""Step 2, validate: turn loaded documents into Case models, or into problems an editor can fix.

Every problem names file, line, field (as written in the YAML) and what is expected, and all
problems of all files are reported in one run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .load import RawCase
from .problems import Problem
from .schema import PUBLISHED_NEEDS, SLUG_PATTERN, Case
from .taxonomy import Taxonomy

if TYPE_CHECKING:  # metrics.py reports its own problems through this module: no import cycle
    from .metrics import MetricVocabulary

_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段；请检查拼写（可用字段见 schema/case.schema.json）",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_too_long": "过长：最多 {max_length} 个字符",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字，不带单位，如 66.46",
    "float_parsing": "应为数字，不带单位，如 66.46",
    "finite_number": "应为有限的数字",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表（每项以“- ”开头）",
    "dict_type": "应为“字段: 值”的映射",
    "model_type": "应为“字段: 值”的映射",
    "model_attributes_type": "应为“字段: 值”的映射",
    "too_short": "至少需要 {min_length} 项",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "literal_error": "应为以下之一：{expected}",
    "date_from_datetime_parsing": "日期不存在或格式不对；应为真实日期，格式 YYYY-MM-DD",
    "date_parsing": "日期不存在或格式不对；应为真实日期，格式 YYYY-MM-DD",
    "date_from_datetime_inexact": "应为日期，格式 YYYY-MM-DD",
    "date_type": "应为日期，格式 YYYY-MM-DD",
}
_PATTERN_MESSAGES = {
    SLUG_PATTERN: "格式不对：只能用小写拉丁字母、数字和连字符，如 shandong-zibo-2021",
}
_URL_MESSAGE = "应为以 http:// 或 https:// 开头的网址"


@dataclass(frozen=True)
class CheckedFile:
    """One case file, checked on its own: its valid case, or the problems found in it."""

    path: Path  # as shown to editors
    case: Case | None
    problems: list[Problem]
    id_line: int  # where a clash of its id with another file's is reported


def check_file(loaded: RawCase | Problem, taxonomy: Taxonomy,
               metrics: MetricVocabulary | None = None) -> CheckedFile:
    """A loaded document checked against the schema (a file that could not be loaded is already
    a problem). Only the result is kept: a large library never holds every file's parsed YAML
    and line numbers at once."""
    if isinstance(loaded, Problem):
        return CheckedFile(loaded.path, None, [loaded], loaded.line)
    case, problems = validate_case(loaded, taxonomy, metrics)
    return CheckedFile(loaded.path, case, problems, loaded.line_of(("id",)))


def validate_cases(checked: Iterable[CheckedFile]) -> tuple[list[Case], list[Problem]]:
    """The valid cases of checked files, and every problem found, with what only shows across
    files: an id used by two of them."""
    cases: list[Case] = []
    problems: list[Problem] = []
    first_file_of_id: dict[str, Path] = {}
    for file in checked:
        problems += file.problems
        if file.case is None:
            continue
        if file.case.id in first_file_of_id:
            problems.append(Problem(file.path, file.id_line, "id",
                                    f"id “{file.case.id}” 已被 {first_file_of_id[file.case.id].as_posix()} 使用；每个案例的 id 须唯一"))
            continue
        first_file_of_id[file.case.id] = file.path
        cases.append(file.case)
    return cases, problems


def validate_case(raw: RawCase, taxonomy: Taxonomy,
                  metrics: MetricVocabulary | None = None) -> tuple[Case | None, list[Problem]]:
    try:
        case = Case.model_validate(raw.plain(), context={"taxonomy": taxonomy, "metrics": metrics})
    except ValidationError as error:
        return None, [_problem(raw, detail) for detail in error.errors()]
    missing = unpublishable(case)
    if missing:
        return None, [Problem(raw.path, raw.line_of(loc), _field_path(loc), "已发布的案例必须填写此项；"
                              "来源确实没有写明时，请据内容拟定并在来源的 note 中说明，或保持 status: draft")
                      for loc in missing]
    if case.id != raw.path.stem:
        return None, [Problem(raw.path, raw.line_of(("id",)), "id",
                              f"id “{case.id}” 与文件名不一致；应为 {raw.path.stem}（或把文件改名为 {case.id}.yml）")]
    return case, []


def unpublishable(case: Case) -> list[tuple[str | int, ...]]:
    """Where a case marked published still has a gap that only drafts may have."""
    if case.status != "published":
        return []
    gaps: list[tuple[str | int, ...]] = [(name,) for name in PUBLISHED_NEEDS if getattr(case, name) is None]
    gaps += [("sources", i, "title") for i, source in enumerate(case.sources) if source.title is None]
    return gaps


def _problem(raw: RawCase, detail: dict[str, Any]) -> Problem:
    loc = tuple(detail["loc"])
    return Problem(raw.path, raw.line_of(loc), _field_path(loc), _message(detail))


def _field_path(loc: tuple[str | int, ...]) -> str:
    """('practices', 0, 'metrics', 1, 'value') -> 'practices[0].metrics[1].value'"""
    path = ""
    for key in loc:
        path += f"[{key}]" if isinstance(key, int) else (f".{key}" if path else str(key))
    return path


def _message(detail: dict[str, Any]) -> str:
    kind, ctx = detail["type"], detail.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES.get(ctx.get("pattern"), _URL_MESSAGE)
    template = _MESSAGES.get(kind)
    if template is None:  # our own PydanticCustomError messages are already written for editors
        return detail["msg"]
    message = template.format(**ctx)
    if kind in {"missing", "extra_forbidden"}:
        return message
    return f"{message}（现为 {_shown(detail.get('input'))}）"


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 40 else text[:37] + "…"
