"""Step 2, validate: turn loaded documents into Case models, or into problems an editor can fix.

Every problem names file, line, field (as written in the YAML) and what is expected, and all
problems of all files are reported in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from casebook.core.problems import Problem
from casebook.core.text_rules import LINK_PATTERN, SLUG_PATTERN
from casebook.sources.normalise import normalise_text
from casebook.sources.quantities import figure_in_phrase, stated_quantities, written_figure
from casebook.sources.schema import INFERABLE_PATTERN, PUBLISHED_NEEDS, Case, Metric
from casebook.sources.yaml_loader import RawCase

if TYPE_CHECKING:
    from casebook.vocabularies.measures import MetricVocabulary
    from casebook.vocabularies.taxonomy import Taxonomy

_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段；请检查拼写（可用字段见 schema/case.schema.json）",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_too_long": "过长：最多 {max_length} 个字符",
    "int_type": "应为整数，不加引号",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字，不带单位、不加引号，如 66.46",
    "float_parsing": "应为数字，不带单位，如 66.46",
    "finite_number": "应为有限的数字",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表（每项以“- ”开头）",
    "dict_type": "应为“字段: 值”的映射",
    "model_type": "应为“字段: 值”的映射",
    "model_attributes_type": "应为“字段: 值”的映射",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
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
    INFERABLE_PATTERN: "应为可以推定的字段：地区、时期、荣誉的授予机关、批次和年份、指标的年份，或来源的标题、"
                       "发布机构、日期和类型，写成 region.city、period、honours[0].year、practices[0].metrics[1].year、"
                       "sources[0].date 这样",
    LINK_PATTERN: "格式不对：应为 案例id 或 案例id#做法id，如 shandong-zibo-2021#legal-advisers",
}


# The fields whose lines a case keeps after its file is checked: where a clash with another file
# (an id, a generated address) is reported.
ORIGIN_FIELDS = (("id",), ("region", "province"), ("region", "city"), ("region", "county"), ("region", "town"))


@dataclass(frozen=True)
class Origin:
    """Where something is written: a file as editors see it, the lines of a few of its fields,
    and the field it is about, if one."""

    path: Path
    lines: dict[str, int]
    field: str = ""

    @property
    def line(self) -> int:
        return self.lines.get(self.field) or self.lines.get("id", 1)

    def problem(self, field: str, message: str) -> Problem:
        return Problem(self.path, self.lines.get(field) or self.lines.get("id", 1), field, message)


@dataclass(frozen=True)
class CheckedFile:
    """One case file, checked on its own: its valid case, or the problems found in it."""

    origin: Origin
    case: Case | None
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)  # shown to the editor; the case is valid

    @property
    def path(self) -> Path:
        return self.origin.path


def check_file(loaded: RawCase | Problem, taxonomy: Taxonomy, metrics: MetricVocabulary | None = None,
               today: dt.date | None = None) -> CheckedFile:
    """A loaded document checked against the schema (a file that could not be loaded is already
    a problem). Only the result is kept: a large library never holds every file's parsed YAML
    and line numbers at once."""
    if isinstance(loaded, Problem):
        return CheckedFile(Origin(loaded.path, {"id": loaded.line}), None, [loaded])
    case, problems = validate_case(loaded, taxonomy, metrics, today)
    lines = {field_path(loc): loaded.line_of(loc) for loc in ORIGIN_FIELDS}
    return CheckedFile(Origin(loaded.path, lines), case, problems)


def validate_case(raw: RawCase, taxonomy: Taxonomy, metrics: MetricVocabulary | None = None,
                  today: dt.date | None = None) -> tuple[Case | None, list[Problem]]:
    case, problems = parse_case(raw, taxonomy, metrics, today)
    if case is None:
        return None, problems
    found = [Problem(raw.path, raw.line_of(loc), field_path(loc), message) for loc, message in inconsistencies(case)]
    if found:
        return None, found
    if case.id != raw.path.stem:
        return None, [Problem(raw.path, raw.line_of(("id",)), "id",
                              f"id “{case.id}” 与文件名不一致；应为 {raw.path.stem}（或把文件改名为 {case.id}.yml）")]
    return case, []


def parse_case(raw: RawCase, taxonomy: Taxonomy, metrics: MetricVocabulary | None = None,
               today: dt.date | None = None) -> tuple[Case | None, list[Problem]]:
    """The case model of a loaded document, each field checked on its own (validate_case checks them together too)."""
    try:
        return Case.model_validate(raw.plain(), context={"taxonomy": taxonomy, "metrics": metrics, "today": today}), []
    except ValidationError as error:
        return None, problems_of(raw, error)


Loc = tuple[str | int, ...]


def inconsistencies(case: Case) -> list[tuple[Loc, str]]:
    """What a case's fields, each valid alone, get wrong together: a published case's gaps, figures
    missing from their quotes, inferences of fields the case does not fill."""
    return unpublishable(case) + _figures_not_quoted(case) + _unknown_inferences(case)


def unpublishable(case: Case) -> list[tuple[Loc, str]]:
    """Where a case marked published still has a gap that only drafts may have."""
    if case.status != "published":
        return []
    gaps: list[Loc] = [(name,) for name in PUBLISHED_NEEDS if getattr(case, name) is None]
    gaps += [("sources", i, "title") for i, source in enumerate(case.sources) if source.title is None]
    found = [(loc, "已发布的案例必须填写此项；来源确实没有写明时，请据内容拟定并在 inferred 中写明依据，"
                   "或保持 status: draft") for loc in gaps]
    return found + [(loc + ("quote",), "已发布的案例每个数字都须附原话：请摘录来源中写出这个数字的短句"
                                       "（约 60 字以内），或保持 status: draft")
                    for loc, metric in _metrics(case) if metric.quote is None]


def _figures_not_quoted(case: Case) -> list[tuple[Loc, str]]:
    found = []
    for loc, metric in _metrics(case):
        if metric.quote is None:
            continue
        quote = normalise_text(metric.quote)
        if figure_in_phrase(metric.value, metric.unit, quote) is None:
            stated = "、".join(str(q) for q in stated_quantities(quote))
            holds = f"原话中的数字是 {stated}" if stated else "原话中没有数字"
            found.append((loc + ("quote",), f"原话中找不到这个数值：数值是 {written_figure(metric.value, metric.unit)}，"
                                            f"{holds}；请核对数值和单位（4.8 万件即 48000 件），或改摘写出这个数字的原话"))
    return found


def _metrics(case: Case) -> list[tuple[Loc, Metric]]:
    return [(("practices", p, "metrics", m), metric)
            for p, practice in enumerate(case.practices) for m, metric in enumerate(practice.metrics)]


_PATH_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def _unknown_inferences(case: Case) -> list[tuple[Loc, str]]:
    found, seen = [], set()
    for index, inference in enumerate(case.inferred):
        loc = ("inferred", index, "field")
        if inference.field in seen:
            found.append((loc, f"“{inference.field}” 已列过；每个字段只列一次，依据写在一处"))
        elif _value_at(case, inference.field) in (None, "", []):
            found.append((loc, f"案例没有填写 “{inference.field}”；只能标注案例中已填写的字段"))
        seen.add(inference.field)
    return found


def _value_at(case: Case, path: str) -> object:
    """The value of the field at `path` (sources[0].date), None where the case has no such field."""
    value: object = case
    for name, index in _PATH_PART.findall(path):
        value = getattr(value, name, None)
        if index:
            value = value[int(index)] if isinstance(value, list) and int(index) < len(value) else None
        if value is None:
            return None
    return value


def problems_of(raw: RawCase, error: ValidationError) -> list[Problem]:
    """A model's validation errors as problems at their lines in the file `raw` was read from."""
    return [_problem(raw, detail) for detail in error.errors()]


def _problem(raw: RawCase, detail: dict[str, Any]) -> Problem:
    loc = tuple(key for key in detail["loc"] if key != "[key]")  # a mapping key's own error is at the key
    return Problem(raw.path, raw.line_of(loc), field_path(loc), _message(detail))


def field_path(loc: tuple[str | int, ...]) -> str:
    """('practices', 0, 'metrics', 1, 'value') -> 'practices[0].metrics[1].value'"""
    path = ""
    for key in loc:
        path += f"[{key}]" if isinstance(key, int) else (f".{key}" if path else str(key))
    return path


def _message(detail: dict[str, Any]) -> str:
    kind, ctx = detail["type"], detail.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES[ctx["pattern"]]
    if kind in ("too_short", "too_long") and isinstance(detail.get("input"), str):  # a constrained string's limits
        kind = f"string_{kind}"
    template = _MESSAGES.get(kind)
    if template is None:  # our own PydanticCustomError messages are already written for editors
        return detail["msg"]
    if kind == "literal_error":  # pydantic lists them in English: "'draft' or 'published'"
        ctx = {"expected": "、".join(re.findall(r"'([^']*)'", str(ctx["expected"])))}
    message = template.format(**ctx)
    if kind in {"missing", "extra_forbidden"}:
        return message
    return f"{message}（现为 {_shown(detail.get('input'))}）"


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 40 else text[:37] + "…"
