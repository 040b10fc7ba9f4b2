"""Open data: every published case as JSON and as five CSV tables, described column by column."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from casebook.sources.schema import Case
from casebook.vocabularies import divisions


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    value: Callable[..., Any]


def _json_list(values: list[Any]) -> str:
    return json.dumps(values, ensure_ascii=False)


def _optional(value: Any) -> Any:
    return "" if value is None else value


def _index(items: list[Any], item: Any) -> int:
    return next(n for n, each in enumerate(items) if each is item)


def _inferred_in(case: Case, row: str) -> str:
    """The fields of one row (`sources[0]`) its case lists as inferred, named as the row's columns."""
    prefix = f"{row}."
    return _json_list([i.field.removeprefix(prefix) for i in case.inferred if i.field.startswith(prefix)])



def division_code(case: Case) -> str:
    """The GB/T 2260 code of the case's place (for a town's case, its county's), from the national
    list the case was checked against, so the data joins with other datasets by place."""
    return divisions.code_of(case.region.province, case.region.city, case.region.county) or ""


DIVISION_CODE_MEANING = (f"行政区划代码（GB/T 2260 六位代码，民政部 {divisions.data_as_of()} 版；"
                         "乡镇级案例为所在区县的代码）")

CASE_COLUMNS = (
    Column("id", "案例 id（永久）", lambda c: c.id),
    Column("title", "标题", lambda c: c.title),
    Column("province", "省级行政区", lambda c: c.region.province),
    Column("city", "地级市（无则空）", lambda c: _optional(c.region.city)),
    Column("county", "区县（无则空）", lambda c: _optional(c.region.county)),
    Column("town", "乡镇或街道（无则空）", lambda c: _optional(c.region.town)),
    Column("division_code", DIVISION_CODE_MEANING, division_code),
    Column("level", "政府层级：省级、地市级、县级、乡镇级", lambda c: c.region.level),
    Column("period_start", "时期起始日期", lambda c: c.period.start.isoformat()),
    Column("period_end", "时期结束日期", lambda c: c.period.end.isoformat()),
    Column("summary", "摘要", lambda c: c.summary),
    Column("problems", "来源所述问题（JSON 数组）", lambda c: _json_list(c.problems)),
    Column("next_steps", "来源所述下一步（JSON 数组）", lambda c: _json_list(c.next_steps)),
    Column("inferred", "编辑推定（来源未直接写明）的字段及依据：JSON 数组，每项的 `field` 是字段在案例中的位置"
                       "（`period` 即 `period_start` 和 `period_end`，`region.city` 即 `city`，`sources[0].date` "
                       "即本案例第一个来源的 `date`），`reason` 是依据；网页上这些字段标有“推定”",
           lambda c: _json_list([i.model_dump() for i in c.inferred])),
    Column("status", "状态（开放数据只含 published）", lambda c: c.status),
    Column("last_reviewed", "最近对照来源核对的日期", lambda c: c.last_reviewed.isoformat()),
)

HONOUR_COLUMNS = (
    Column("case_id", "所属案例 id", lambda c, h: c.id),
    Column("name", "荣誉名称", lambda c, h: h.name),
    Column("conferred_by", "授予机关（来源未载明则空）", lambda c, h: _optional(h.conferred_by)),
    Column("batch", "批次（无则空）", lambda c, h: _optional(h.batch)),
    Column("year", "年份（无则空）", lambda c, h: _optional(h.year)),
    Column("inferred", "本行中编辑推定的列（JSON 数组，如 `[\"year\"]`；依据见 cases.csv 的 `inferred`）",
           lambda c, h: _inferred_in(c, f"honours[{_index(c.honours, h)}]")),
)

PRACTICE_COLUMNS = (
    Column("case_id", "所属案例 id", lambda c, p: c.id),
    Column("practice_id", "做法 id（永久锚点）", lambda c, p: p.id),
    Column("title", "做法标题", lambda c, p: p.title),
    Column("category", "分类 slug", lambda c, p: p.category),
    Column("tags", "标签（JSON 数组）", lambda c, p: _json_list(p.tags)),
    Column("description", "做法描述", lambda c, p: p.description),
)

METRIC_COLUMNS = (
    Column("case_id", "所属案例 id", lambda c, p, m: c.id),
    Column("practice_id", "所属做法 id", lambda c, p, m: p.id),
    Column("name", "指标名称", lambda c, p, m: m.name),
    Column("measure", "可比指标 id（见 /compare/；不可比则空）", lambda c, p, m: _optional(m.measure)),
    Column("value", "数值", lambda c, p, m: m.value),
    Column("unit", "单位（无则空）", lambda c, p, m: m.unit),
    Column("year", "数值所属年份（无则空）", lambda c, p, m: _optional(m.year)),
    Column("note", "口径说明，如“余”（无则空）", lambda c, p, m: _optional(m.note)),
    Column("quote", "来源中写出这个数字的原话（一个短句）", lambda c, p, m: _optional(m.quote)),
    Column("inferred", "本行中编辑推定的列（JSON 数组，如 `[\"year\"]`；依据见 cases.csv 的 `inferred`）",
           lambda c, p, m: _inferred_in(c, f"practices[{_index(c.practices, p)}].metrics[{_index(p.metrics, m)}]")),
)

SOURCE_COLUMNS = (
    Column("case_id", "所属案例 id", lambda c, s: c.id),
    Column("title", "来源标题", lambda c, s: s.title),
    Column("publisher", "发布机构（来源未载明则空）", lambda c, s: _optional(s.publisher)),
    Column("date", "发布日期（来源未载明则空）", lambda c, s: _optional(s.date and s.date.isoformat())),
    Column("kind", "类型：news、annual-report、press-conference、government-document", lambda c, s: s.kind),
    Column("url", "原文网址（未知则空）", lambda c, s: _optional(s.url)),
    Column("note", "来源说明（无则空）", lambda c, s: _optional(s.note)),
    Column("inferred", "本行中编辑推定的列（JSON 数组，如 `[\"date\"]`；依据见 cases.csv 的 `inferred`）",
           lambda c, s: _inferred_in(c, f"sources[{_index(c.sources, s)}]")),
)

# Each table: file name, what one row is, its columns, and a case's rows (their columns' arguments).
TABLES: tuple[tuple[str, str, tuple[Column, ...], Callable[[Case], list[tuple]]], ...] = (
    ("cases.csv", "一个案例", CASE_COLUMNS, lambda c: [(c,)]),
    ("practices.csv", "一项做法", PRACTICE_COLUMNS, lambda c: [(c, p) for p in c.practices]),
    ("metrics.csv", "一项量化指标", METRIC_COLUMNS, lambda c: [(c, p, m) for p in c.practices for m in p.metrics]),
    ("honours.csv", "一项荣誉", HONOUR_COLUMNS, lambda c: [(c, h) for h in c.honours]),
    ("sources.csv", "一个来源", SOURCE_COLUMNS, lambda c: [(c, s) for s in c.sources]),
)
CASES_JSON = "cases.json"

# A cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): it starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, shown as text instead (a leading '); numbers
    stay numbers. The JSON download keeps every value exactly as the case says it."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _csv_lines(rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _csv_head(columns: tuple[Column, ...]) -> str:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly; then the names."""
    return "\ufeff" + _csv_lines([[c.name for c in columns]])


def _csv_part(columns: tuple[Column, ...], rows: Callable[[Case], list[tuple]], case: Case) -> str:
    return _csv_lines([_cell(c.value(*row)) for c in columns] for row in rows(case))


class _OpenCase(Case):
    """A case as cases.json gives it: every field as the case file says it, and its place's code."""

    division_code: str


def _json_item(case: Case) -> str:
    """A case in cases.json, indented by one space a level (pydantic's serializer, several times
    faster than json.dumps, without holding every case as Python dicts)."""
    return textwrap.indent(_OpenCase.model_construct(**dict(case), division_code=division_code(case))
                           .model_dump_json(indent=1), " ")


@dataclass(frozen=True)
class _Shape:
    """A file made of its cases' parts: `head`, the parts with `between` them, `tail`; or `empty`
    when there is no case."""

    head: bytes
    between: bytes
    tail: bytes
    empty: bytes
    part: Callable[[Case], str]


_SHAPES = {
    CASES_JSON: _Shape(b"[\n", b",\n", b"\n]\n", b"[]\n", _json_item),
    **{name: _Shape(_csv_head(columns).encode(), b"", b"", _csv_head(columns).encode(),
                    functools.partial(_csv_part, columns, rows))
       for name, _, columns, rows in TABLES},
}


@dataclass(frozen=True)
class _Made:
    """A file as OpenData made it: the hash of its bytes, and each case's part in it: the case it
    was made from, and where it lies (start, end)."""

    digest: bytes
    parts: dict[str, tuple[Case, int, int]]


class OpenData:
    """The open data files: every published case in cases.json and in the five tables. Remembers
    what it made each file of; given that file again as it made it, it makes again only the parts
    of the cases that are not the cases it made them from, and copies the others' bytes from it.
    (Every column is a function of its case alone, so an equal case has the same part.)"""

    def __init__(self):
        self._made: dict[str, _Made] = {}  # by file name

    def files(self, cases: list[Case],
              made_before: Callable[[str], bytes | None] = lambda name: None) -> Iterator[tuple[str, bytes]]:
        """(file name, bytes) of each file, one at a time; `made_before`: a file as it is now
        (None if there is none)."""
        for name, shape in _SHAPES.items():
            before = self._made_before(name, made_before)
            yield name, self._joined(name, shape, [(case, _part(before, shape, case)) for case in cases])

    def _made_before(self, name: str, made_before: Callable[[str], bytes | None]) -> tuple[memoryview, _Made] | None:
        """The file as this made it last, and what of, if that is what it holds now."""
        made = self._made.get(name)
        data = made_before(name) if made is not None else None
        if data is None or hashlib.sha256(data).digest() != made.digest:
            return None
        return memoryview(data), made

    def _joined(self, name: str, shape: _Shape, parts: list[tuple[Case, bytes]]) -> bytes:
        """The file of these parts, remembering what each was made of and where it lies in it."""
        made, at = {}, len(shape.head)
        for case, part in parts:
            if case.id in made:
                raise ValueError(f"两个案例的 id 相同：{case.id}")
            made[case.id] = (case, at, at + len(part))
            at += len(part) + len(shape.between)
        # One join of every piece: at ten thousand cases cases.json is 80 MB, and each copy counts.
        pieces = [shape.head]
        for number, (_, part) in enumerate(parts):
            pieces += [shape.between, part] if number else [part]
        data = b"".join([*pieces, shape.tail]) if parts else shape.empty
        self._made[name] = _Made(hashlib.sha256(data).digest(), made)
        return data


def _part(before: tuple[memoryview, _Made] | None, shape: _Shape, case: Case) -> bytes:
    copied = _copied(before, case)
    return shape.part(case).encode() if copied is None else copied


def _copied(before: tuple[memoryview, _Made] | None, case: Case) -> bytes | None:
    """The case's part of a file made before, if it was made from this very case, or an equal one."""
    if before is None:
        return None
    data, made = before
    known = made.parts.get(case.id)
    if known is None or not (known[0] is case or known[0] == case):
        return None
    return bytes(data[known[1]:known[2]])
