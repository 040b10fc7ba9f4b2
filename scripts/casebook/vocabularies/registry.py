"""Permanent links: once a case or practice URL is published, it keeps working.

`cases/_permalinks.yml` records every published case id and practice id. Nothing may leave it:
a renamed case or practice is recorded under `moved`, and the site sends old links there.
`casebook permalinks` registers the links of newly published cases.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from casebook.core.problems import Problem
from casebook.core.text_rules import LINK_PATTERN
from casebook.sources.fields import Slug
from casebook.sources.schema import Case
from casebook.sources.vocabulary_file import read_vocabulary

PERMALINKS_FILE = "_permalinks.yml"
HEADER = """\
# 已发布的永久链接：案例 id 及其各项做法的 id。由 `casebook permalinks` 登记新发布的案例。
# 这里的条目不能删除：案例或做法改名时，在 moved 中写明旧链接去了哪里，如
#   shandong-zibo-2021#old-practice: shandong-zibo-2021#new-practice
#   old-case-id: new-case-id
# Published permanent links. Entries never leave this file; renames go under `moved`.
"""
# A published link: a case id, or a case id and a practice id joined by #.
Link = Annotated[str, StringConstraints(pattern=LINK_PATTERN)]


class Registry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    published: dict[Slug, list[Slug]] = Field(default_factory=dict)
    moved: dict[Link, Link] = Field(default_factory=dict)
    _lines: dict[tuple[str, str], int] = PrivateAttr(default_factory=dict)  # (section, key) → line

    def line(self, section: str, key: str) -> int:
        return self._lines.get((section, key), 1)

    def anchors_moved_within(self, case_id: str) -> dict[str, str]:
        """Old practice anchor → new link (an anchor of this page, or another page's)."""
        prefix = f"{case_id}#"
        return {old[len(prefix):]: new for old, new in self.moved.items() if old.startswith(prefix)}

    def moved_cases(self) -> dict[str, str]:
        return {old: new for old, new in self.moved.items() if "#" not in old}


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_registry(cases_dir: Path) -> Registry:
    """The registry, read with the same guards and checks as case files; empty without the file."""
    if not (cases_dir / PERMALINKS_FILE).is_file():
        return Registry()
    registry, loaded = read_vocabulary(cases_dir, PERMALINKS_FILE, Registry)
    registry._lines.update({(section, key): loaded.line_of((section, key))
                            for section in ("published", "moved") for key in getattr(registry, section)})
    return registry


def broken_links(registry: Registry, cases: list[Case], shown: Path) -> list[Problem]:
    """Published links that no longer lead anywhere (removed or renamed without a `moved` entry),
    and `moved` entries that cannot be followed: from a link that still exists, or to one that
    does not. `cases` are the published cases."""
    current = {c.id: {p.id for p in c.practices} for c in cases}
    problems = []
    for case_id, practices in registry.published.items():
        line = registry.line("published", case_id)
        if case_id not in current:
            if case_id not in registry.moved:
                problems.append(Problem(shown, line, case_id,
                                        f"已发布的案例 {case_id} 不见了；请恢复它，或在 moved 中写明新 id"))
            continue
        for practice in practices:
            link = f"{case_id}#{practice}"
            if practice not in current[case_id] and link not in registry.moved:
                problems.append(Problem(shown, line, link,
                                        f"已发布的做法链接 #{practice} 不见了；请恢复这个做法 id，"
                                        f"或在 moved 中写明 “{link}: 新位置”"))
    for old, new in registry.moved.items():
        line = registry.line("moved", old)
        if _exists(old, current):
            problems.append(Problem(shown, line, f"moved.{old}",
                                    f"{old} 仍然存在，不能再写作已移动；请删去这条 moved，或确认旧 id 已改名"))
        if not _exists(new, current):
            problems.append(Problem(shown, line, f"moved.{old}",
                                    f"新位置 {new} 不是已发布的案例或做法；请写明现有的 案例id 或 案例id#做法id"))
    return problems


def _exists(link: str, current: dict[str, set[str]]) -> bool:
    case_id, _, practice = link.partition("#")
    return case_id in current and (not practice or practice in current[case_id])


def unregistered(registry: Registry, cases: list[Case]) -> list[str]:
    """Links of published cases that the registry does not hold yet."""
    return [f"{c.id}#{p.id}" for c in cases for p in c.practices
            if p.id not in registry.published.get(c.id, [])]


def registry_text(registry: Registry, cases: list[Case]) -> str:
    """The registry with every current link of `cases` added; nothing is ever removed."""
    published = {k: list(v) for k, v in registry.published.items()}
    for case in cases:
        known = published.setdefault(case.id, [])
        known += [p.id for p in case.practices if p.id not in known]
    data = CommentedMap()
    data["published"] = CommentedMap()
    for case_id in sorted(published):
        seq = CommentedSeq(published[case_id])
        seq.fa.set_flow_style()
        data["published"][case_id] = seq
    data["moved"] = CommentedMap(sorted(registry.moved.items()))
    out = io.StringIO()
    _yaml().dump(data, out)
    return HEADER + out.getvalue()
