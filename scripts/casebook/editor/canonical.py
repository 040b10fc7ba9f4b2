"""`casebook fmt`: one canonical layout for case files, so pull-request diffs show content only.

Fields follow the schema's order at every level; metrics and tags are one line each (flow
style), everything else is block style; comments are kept where the editor wrote them.
"""

from __future__ import annotations

import io
import types
import typing
from pathlib import Path

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from casebook.sources.schema import Case, Metric

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/case.schema.json"
_ONE_LINE_FIELDS = {"tags"}


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long Chinese lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _model_of(annotation) -> type[BaseModel] | None:
    """The model inside an annotation such as Region, list[Practice] or Honour | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        return next(filter(None, (_model_of(a) for a in typing.get_args(annotation))), None)
    return None


def _arrange(node, model: type[BaseModel]) -> None:
    """Order `node`'s keys as `model` declares its fields (unknown keys last) and set styles."""
    if isinstance(node, CommentedSeq):
        for item in node:
            _arrange(item, model)
        if node:
            node.fa.set_block_style()
        return
    if not isinstance(node, CommentedMap):
        return
    fields = list(model.model_fields)
    for key in sorted(node, key=lambda k: fields.index(k) if k in fields else len(fields)):
        node.move_to_end(key)
    if model is Metric:
        node.fa.set_flow_style()
        return
    node.fa.set_block_style()
    for key, value in node.items():
        if key in _ONE_LINE_FIELDS and isinstance(value, CommentedSeq):
            value.fa.set_flow_style()
        elif key in model.model_fields and (inner := _model_of(model.model_fields[key].annotation)):
            _arrange(value, inner)


def canonical_text(text: str) -> str:
    yaml = _yaml()
    data = yaml.load(text)
    _arrange(data, Case)
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    return result if result.startswith(SCHEMA_LINE) else f"{SCHEMA_LINE}\n{result}"


def format_files(paths: list[Path], check: bool) -> list[Path]:
    """Files not in canonical form; rewritten unless `check`."""
    changed = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        canonical = canonical_text(text)
        if canonical != text:
            changed.append(path)
            if not check:
                path.write_text(canonical, encoding="utf-8")
    return changed
