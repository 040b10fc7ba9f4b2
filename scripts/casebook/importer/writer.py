"""Writing a draft as a case file: the layout of hand-written cases, with the evidence for each
suggestion and the editor's to-do list as YAML comments."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .draft import Draft, Loc

_FLOW_LISTS = {"tags"}  # short lists on one line, as editors write them
_FLOW_ITEMS = {"metrics"}  # one metric a line: {name: …, value: …, unit: …}


def draft_yaml(draft: Draft, article_name: str, schema_ref: str, today: dt.date) -> str:
    document = _commented(draft.case, (), draft.comments)
    document.yaml_set_start_comment("\n".join([
        f"yaml-language-server: $schema={schema_ref}",
        f"草稿：由 casebook import 从 {article_name} 生成（{today.isoformat()}）。",
        "文中的概述和描述是原文摘录，须对照原文核对、改写为自己的话；分类和标签是按关键词给出的建议。",
        "核对完成后把 status 改为 published。",
    ]))
    if draft.unplaced:
        lines = ["以下原文段落未归入任何做法，请决定是否并入某项做法或删去："]
        lines += [f"  {paragraph}" for paragraph in draft.unplaced]
        document.yaml_set_comment_before_after_key("problems", before="\n".join(lines), indent=0)
    stream = io.StringIO()
    _yaml().dump(document, stream)
    return stream.getvalue()


def _commented(value: Any, loc: Loc, comments: dict[Loc, str]) -> Any:
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _commented(item, loc + (key,), comments)
            if loc + (key,) in comments:
                mapping.yaml_add_eol_comment(comments[loc + (key,)], key)
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(_commented(item, loc + (index,), comments) for index, item in enumerate(value))
        if loc and loc[-1] in _FLOW_LISTS:
            sequence.fa.set_flow_style()
        if loc and loc[-1] in _FLOW_ITEMS:
            for item in sequence:
                item.fa.set_flow_style()
        return sequence
    return value


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # Chinese has no spaces to wrap at; one field a line reads best
    yaml.allow_unicode = True
    return yaml
