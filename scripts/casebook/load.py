"""Step 1, load: find case files and parse them into documents that remember line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

from .problems import CaseErrors, Problem
from .schema import HIDDEN_CHARACTER, describe_character

CASE_SUFFIXES = (".yml", ".yaml")
SYMLINK_MESSAGE = "cases/ 中不允许符号链接（它可能指向仓库以外的文件）；请提交普通文件或文件夹"
MAX_CASE_BYTES = 256 * 1024  # a long annual report fits in a tenth of this
# A case nests five deep (case → practices → practice → metrics → metric); deeper is not a case,
# and would exhaust the parser's recursion.
MAX_NESTING = 20


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

    def plain(self) -> Any:
        """The data as plain Python values, without ruamel's commented containers."""
        return _plain(self.data)

    def line_of(self, loc: tuple[str | int, ...]) -> int:
        """The 1-based line of the field at `loc`, or of its nearest parent that exists."""
        node, line = self.data, _first_key_line(self.data)
        for key in loc:
            if isinstance(node, CommentedMap) and key in (node.lc.data or {}):  # not keys merged in by <<
                line = node.lc.key(key)[0] + 1
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
                line = node.lc.item(key)[0] + 1
            else:
                break
            node = node[key]
        return line


def _plain(node: Any) -> Any:
    """ruamel's commented containers and scalar strings as plain Python values."""
    if isinstance(node, CommentedMap):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, CommentedSeq):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def _first_key_line(mapping: CommentedMap) -> int:
    """Where a top-level problem points: the first field, below any leading comments."""
    return mapping.lc.key(next(iter(mapping)))[0] + 1 if mapping else 1


def find_case_files(cases_dir: Path) -> list[Path]:
    """Every case file under `cases_dir`; files starting with `_` are vocabulary, not cases.

    Raises CaseErrors if `cases_dir` is or holds a symbolic link: following one could bring a
    file from outside cases/ (or outside the repository) into the site.
    """
    _refuse_symlinks(cases_dir)
    return sorted(
        p for p in cases_dir.rglob("*")
        if p.suffix in CASE_SUFFIXES and not p.name.startswith("_")
    )


def _refuse_symlinks(cases_dir: Path) -> None:
    # rglob lists links without following links to folders, so every link under cases/ is seen here.
    links = [cases_dir] if cases_dir.is_symlink() else [p for p in cases_dir.rglob("*") if p.is_symlink()]
    if links:
        raise CaseErrors([
            Problem(Path(cases_dir.name, link.relative_to(cases_dir)), 1, "",
                    SYMLINK_MESSAGE)
            for link in links
        ])


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
    yaml = _yaml()
    try:
        refused = _refused_structure(yaml, text, shown_as)
        if refused:
            return refused
        data = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = error.problem or "无法解析"
        return Problem(shown_as, line, "", f"YAML 语法错误：{reason}；请检查缩进、冒号和引号")
    except ValueError:  # Python refuses to convert integers of thousands of digits
        return Problem(shown_as, 1, "", "有位数过多、无法读取的数字；请写出来源中的数字")
    except YAMLError as error:
        return Problem(shown_as, 1, "", f"YAML 语法错误：{error}；请检查缩进、冒号和引号")
    if not isinstance(data, CommentedMap):
        return Problem(shown_as, 1, "", "案例文件的顶层应为“字段: 值”的映射")
    return RawCase(shown_as, data)


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


def _refused_structure(yaml: YAML, text: str, shown_as: Path) -> Problem | None:
    """Aliases (the "billion laughs" bomb), tags that hide a value from its reviewer (!!binary
    shows base64, not the text it becomes) and deep nesting, found before anything is built."""
    depth = 0
    for event in yaml.parse(text):
        if isinstance(event, AliasEvent):
            return Problem(shown_as, _line(event), "", "不允许使用 YAML 锚点和别名（&、*）；请把内容直接写出")
        if getattr(event, "tag", None):
            return Problem(shown_as, _line(event), "", f"不允许使用 YAML 标签（{event.tag}）；请直接写出值，需要时加引号")
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                return Problem(shown_as, _line(event), "", f"嵌套超过 {MAX_NESTING} 层；案例文件最多嵌套五层，请检查缩进和括号")
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


def _line(event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 1
