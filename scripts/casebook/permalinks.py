"""Permanent links: once a case or practice URL is published, it keeps working.

`cases/_permalinks.yml` records every published case id and practice id. Nothing may leave it:
a renamed case or practice is recorded under `moved`, and the site sends old links there.
`casebook permalinks` registers the links of newly published cases.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .problems import Problem
from .schema import Case

PERMALINKS_FILE = "_permalinks.yml"
HEADER = """\
# 已发布的永久链接：案例 id 及其各项做法的 id。由 `casebook permalinks` 登记新发布的案例。
# 这里的条目不能删除：案例或做法改名时，在 moved 中写明旧链接去了哪里，如
#   shandong-zibo-2021#old-practice: shandong-zibo-2021#new-practice
#   old-case-id: new-case-id
# Published permanent links. Entries never leave this file; renames go under `moved`.
"""


@dataclass
class Registry:
    published: dict[str, list[str]] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # case id → its line in the file

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
    path = cases_dir / PERMALINKS_FILE
    if not path.is_file():
        return Registry()
    data = _yaml().load(path.read_text(encoding="utf-8")) or CommentedMap()
    registry = Registry(
        published={str(k): [str(p) for p in v] for k, v in (data.get("published") or {}).items()},
        moved={str(k): str(v) for k, v in (data.get("moved") or {}).items()},
    )
    for case_id in registry.published:
        registry.lines[case_id] = data["published"].lc.key(case_id)[0] + 1
    return registry


def broken_links(registry: Registry, cases: list[Case], shown: Path) -> list[Problem]:
    """Published links that no longer lead anywhere: removed or renamed without a `moved` entry."""
    current = {c.id: {p.id for p in c.practices} for c in cases}
    problems = []
    for case_id, practices in registry.published.items():
        if case_id not in current:
            if case_id not in registry.moved:
                problems.append(Problem(shown, registry.lines.get(case_id, 1), case_id,
                                        f"已发布的案例 {case_id} 不见了；请恢复它，或在 moved 中写明新 id"))
            continue
        for practice in practices:
            link = f"{case_id}#{practice}"
            if practice not in current[case_id] and link not in registry.moved:
                problems.append(Problem(shown, registry.lines.get(case_id, 1), link,
                                        f"已发布的做法链接 #{practice} 不见了；请恢复这个做法 id，"
                                        f"或在 moved 中写明 “{link}: 新位置”"))
    return problems


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
