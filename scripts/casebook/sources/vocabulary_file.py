"""The vocabulary and registry files (`cases/_taxonomy.yml`, `_metrics.yml`, `_permalinks.yml`):
they arrive by pull request like case files, so they are read with the same guards, checked by
pydantic models and reported the same way, `path:line: field: message`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from casebook.core.problems import CaseErrors, Problem
from casebook.sources.validate import field_path, problems_of
from casebook.sources.yaml_loader import RawCase, load_case

Model = TypeVar("Model", bound=BaseModel)
# Problems a model cannot state about itself (a repeated slug names the item that repeats it):
# the field's location in the file and the message.
Checks = Callable[[Any], Iterable[tuple[tuple[str | int, ...], str]]]


def read_vocabulary(cases_dir: Path, name: str, model: type[Model], context: dict[str, Any] | None = None,
                    checks: Checks | None = None) -> tuple[Model, RawCase]:
    """The file `name` of `cases_dir` as `model`, and the document it was read from (for the lines
    of its entries); raises CaseErrors naming every problem in it."""
    loaded = load_case(cases_dir / name, Path(cases_dir.name) / name)
    if isinstance(loaded, Problem):
        raise CaseErrors([loaded])
    try:
        value = model.model_validate(loaded.plain(), context=context)
    except ValidationError as error:
        raise CaseErrors(problems_of(loaded, error)) from None
    found = [Problem(loaded.path, loaded.line_of(loc), field_path(loc), message)
             for loc, message in (checks(value) if checks else ())]
    if found:
        raise CaseErrors(found)
    return value, loaded


def repeated(values: Iterable[tuple[tuple[str | int, ...], str]], what: str) -> list[tuple[tuple[str | int, ...], str]]:
    """Each (location, value) whose value an earlier one already has, as a problem about `what`."""
    seen: dict[str, tuple[str | int, ...]] = {}
    found = []
    for loc, value in values:
        if value in seen:
            found.append((loc, f"{what} “{value}” 已在 {field_path(seen[value])} 使用；每个{what}只能出现一次"))
        else:
            seen[value] = loc
    return found
