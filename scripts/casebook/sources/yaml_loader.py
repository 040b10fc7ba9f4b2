"""The guarded YAML loader: case, vocabulary and registry files parsed into documents that remember
line numbers, refusing what would hide content from a reviewer or exhaust the parser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)

from casebook.core.problems import Problem
from casebook.core.text_rules import HIDDEN_CHARACTER, describe_character

SYMLINK_MESSAGE = "cases/ 中不允许符号链接（它可能指向仓库以外的文件）；请提交普通文件或文件夹"

MAX_CASE_BYTES = 256 * 1024  # a long annual report fits in a tenth of this

# A case nests five deep (case → practices → practice → metrics → metric); deeper is not a case,
# and would exhaust the parser's recursion.
MAX_NESTING = 20


@dataclass(frozen=True)
class RawCase:
    """A parsed case file: its data as written, and the line of each field in the file."""

    path: Path  # as shown to editors (relative to the project when possible)
    data: dict[str, Any]
    lines: dict[tuple[str | int, ...], int]  # field location → 1-based line of its key or item

    def plain(self) -> dict[str, Any]:
        return self.data

    def line_of(self, loc: tuple[str | int, ...]) -> int:
        """The line of the field at `loc`, or of its nearest parent that exists."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return self.lines[()]


def load_case(path: Path, shown_as: Path) -> RawCase | Problem:
    """Parse one case file, or say in one problem why it cannot be read."""
    if path.is_symlink():
        return Problem(shown_as, 1, "", SYMLINK_MESSAGE)
    if not path.is_file():
        return Problem(shown_as, 1, "", "不是普通文件；案例应是一个 .yml 文本文件")
    size = path.stat().st_size
    if size > MAX_CASE_BYTES:
        return Problem(shown_as, 1, "", f"文件过大（{size} 字节）；一个案例文件应小于 {MAX_CASE_BYTES} 字节")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a leading byte order mark (some Windows editors) carries nothing
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(shown_as, line, "", "文件不是 UTF-8 编码；请以 UTF-8 保存")
    return parse_case_text(text, shown_as)


def parse_case_text(text: str, shown_as: Path) -> RawCase | Problem:
    """Parse case text, or say in one problem why it is refused. Never raises."""
    hidden = _hidden_character(text, shown_as)
    if hidden:
        return hidden
    try:
        return _CaseBuilder(shown_as).build(yaml.parse(text, Loader=yaml.CSafeLoader))
    except _Refused as refused:
        return refused.problem
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        tabbed = _first_tab_indented_line(text)
        if tabbed and tabbed <= line:
            return Problem(shown_as, tabbed, "", "这一行用制表符（Tab）缩进；YAML 只能用空格缩进，请把 Tab 换成空格")
        reason = error.problem or "无法解析"
        return Problem(shown_as, line, "", f"YAML 语法错误：{reason}；请检查缩进、冒号和引号")
    except ValueError:  # Python refuses to convert integers of thousands of digits
        return Problem(shown_as, 1, "", "有位数过多、无法读取的数字；请写出来源中的数字")
    except yaml.YAMLError as error:
        return Problem(shown_as, 1, "", f"YAML 语法错误：{error}；请检查缩进、冒号和引号")


def _first_tab_indented_line(text: str) -> int | None:
    """The first line whose indentation holds a tab: the usual reason YAML cannot be read."""
    found = re.search(r"^[ ]*\t", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _hidden_character(text: str, shown_as: Path) -> Problem | None:
    """Anywhere in the file, comments included: reviewers must see what they approve."""
    found = HIDDEN_CHARACTER.search(text)
    if not found:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    count = len(HIDDEN_CHARACTER.findall(text))
    return Problem(shown_as, line, "", f"第 {column} 个字符是看不见的控制字符 {describe_character(found.group())}"
                                       f"（全文共 {count} 处）；它会让审阅者看到的与实际内容不同，请删除")


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


class _CaseBuilder:
    """Builds a case's plain data and its field lines from libyaml's parse events, in one pass.

    Working on events, not on a loader's objects, lets the guards see aliases (the "billion
    laughs" bomb), tags that hide a value from its reviewer (!!binary shows base64, not the
    text it becomes) and deep nesting before anything is built. Scalars follow YAML 1.2's core
    schema (`yes` and `on` stay text) and dates stay text, so an impossible date is a
    validation problem with a line.
    """

    def __init__(self, shown_as: Path):
        self.shown_as = shown_as
        self.lines: dict[tuple[str | int, ...], int] = {}
        self.depth = 0

    def build(self, events) -> RawCase:
        events = iter(events)
        data = None
        for event in events:
            if isinstance(event, (ScalarEvent, CollectionStartEvent, AliasEvent)):
                if data is not None:
                    self._refuse(event, "一个案例文件只能有一个 YAML 文档；请删去多余的 ---")
                data = self._node(event, events, ())
        if not isinstance(data, dict):
            raise _Refused(Problem(self.shown_as, 1, "", "案例文件的顶层应为“字段: 值”的映射"))
        self.lines[()] = min((line for loc, line in self.lines.items() if len(loc) == 1), default=1)
        return RawCase(self.shown_as, data, self.lines)

    def _node(self, event, events, loc: tuple) -> Any:
        self._guard(event)
        if isinstance(event, ScalarEvent):
            return event.value if event.style else _core_schema_value(event.value)
        self.depth += 1
        if self.depth > MAX_NESTING:
            self._refuse(event, f"嵌套超过 {MAX_NESTING} 层；案例文件最多嵌套五层，请检查缩进和括号")
        value = self._mapping(events, loc) if isinstance(event, MappingStartEvent) else self._sequence(events, loc)
        self.depth -= 1
        return value

    def _mapping(self, events, loc: tuple) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for event in events:
            if isinstance(event, CollectionEndEvent):
                return mapping
            key = str(self._node(event, events, loc))
            if key == "<<" and isinstance(event, ScalarEvent) and not event.style:
                self._refuse(event, "不允许使用 YAML 合并键（<<）；请把字段直接写出")
            if key in mapping:
                self._refuse(event, f"YAML 语法错误：字段 “{key}” 写了两次；请只保留一处")
            self.lines[(*loc, key)] = _line(event)
            mapping[key] = self._node(next(events), events, (*loc, key))
        return mapping

    def _sequence(self, events, loc: tuple) -> list[Any]:
        sequence: list[Any] = []
        for event in events:
            if isinstance(event, CollectionEndEvent):
                return sequence
            self.lines[(*loc, len(sequence))] = _line(event)
            sequence.append(self._node(event, events, (*loc, len(sequence))))
        return sequence

    def _guard(self, event) -> None:
        if isinstance(event, AliasEvent):
            self._refuse(event, "不允许使用 YAML 锚点和别名（&、*）；请把内容直接写出")
        if event.tag:
            self._refuse(event, f"不允许使用 YAML 标签（{event.tag}）；请直接写出值，需要时加引号")

    def _refuse(self, event, message: str) -> None:
        raise _Refused(Problem(self.shown_as, _line(event), "", message))


# YAML 1.2 core schema, as the YAML spec defines its plain scalars.
_NULL = re.compile(r"~|null|Null|NULL|")

_TRUE, _FALSE = re.compile(r"true|True|TRUE"), re.compile(r"false|False|FALSE")

_INT = re.compile(r"[-+]?[0-9]+")

_OCTAL, _HEX = re.compile(r"0o[0-7]+"), re.compile(r"0x[0-9a-fA-F]+")

_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")

_INFINITY = re.compile(r"([-+]?)\.(inf|Inf|INF)")

_NAN = re.compile(r"\.(nan|NaN|NAN)")


def _core_schema_value(text: str) -> Any:
    """The value of a plain (unquoted) scalar; may raise ValueError for a number too long to read."""
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text) or _FALSE.fullmatch(text):
        return text[0] in "tT"
    if _INT.fullmatch(text):
        return int(text)
    if _OCTAL.fullmatch(text):
        return int(text[2:], 8)
    if _HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    infinity = _INFINITY.fullmatch(text)
    if infinity:
        return float(f"{infinity.group(1)}inf")
    if _NAN.fullmatch(text):
        return float("nan")
    return text


def _line(event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 1
