"""Step 1, load: find case files and parse them into documents that remember line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent

from .problems import Problem

CASE_SUFFIXES = (".yml", ".yaml")
MAX_CASE_BYTES = 256 * 1024  # a long annual report fits in a tenth of this


class _DatesAsText(RoundTripConstructor):
    """Keeps dates as text, so an impossible date is a validation problem with a line."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    return yaml


@dataclass(frozen=True)
class RawCase:
    """A parsed case file: its data as written, and where each field stands in the file."""

    path: Path  # as shown to editors (relative to the project when possible)
    data: Any

    def line_of(self, loc: tuple[str | int, ...]) -> int:
        """The 1-based line of the field at `loc`, or of its nearest parent that exists."""
        node, line = self.data, _first_key_line(self.data)
        for key in loc:
            if isinstance(node, CommentedMap) and key in node:
                line = node.lc.key(key)[0] + 1
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
                line = node.lc.item(key)[0] + 1
            else:
                break
            node = node[key]
        return line


def _first_key_line(mapping: CommentedMap) -> int:
    """Where a top-level problem points: the first field, below any leading comments."""
    return mapping.lc.key(next(iter(mapping)))[0] + 1 if mapping else 1


def find_case_files(cases_dir: Path) -> list[Path]:
    """Every case file under `cases_dir`; files starting with `_` are vocabulary, not cases."""
    return sorted(
        p for p in cases_dir.rglob("*")
        if p.suffix in CASE_SUFFIXES and not p.name.startswith("_")
    )


def load_case(path: Path, shown_as: Path) -> RawCase | Problem:
    """Parse one case file, or say in one problem why it cannot be read."""
    if path.is_symlink():
        return Problem(shown_as, 1, "", "案例文件不能是符号链接；请提交普通文件")
    size = path.stat().st_size
    if size > MAX_CASE_BYTES:
        return Problem(shown_as, 1, "", f"文件过大（{size} 字节）；一个案例文件应小于 {MAX_CASE_BYTES} 字节")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(shown_as, line, "", "文件不是 UTF-8 编码；请以 UTF-8 保存")
    return parse_case_text(text, shown_as)


def parse_case_text(text: str, shown_as: Path) -> RawCase | Problem:
    yaml = _yaml()
    try:
        if any(isinstance(event, AliasEvent) for event in yaml.parse(text)):
            return Problem(shown_as, 1, "", "不允许使用 YAML 锚点和别名（&、*）；请把内容直接写出")
        data = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = error.problem or "无法解析"
        return Problem(shown_as, line, "", f"YAML 语法错误：{reason}；请检查缩进、冒号和引号")
    if not isinstance(data, CommentedMap):
        return Problem(shown_as, 1, "", "案例文件的顶层应为“字段: 值”的映射")
    return RawCase(shown_as, data)
