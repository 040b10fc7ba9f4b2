"""`casebook diff-site A B`: the files in which two built sites differ.

Builds are reproducible (same cases, same bytes), so building main and a pull request and
comparing the two folders shows a reviewer exactly which pages the pull request changes.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
from dataclasses import dataclass
from pathlib import Path

from casebook.core.project import Project

_KIND_LABELS = {"added": "新增", "removed": "删除", "changed": "修改"}


@dataclass(frozen=True, order=True)
class Change:
    path: str  # relative to the site folder
    kind: str  # added, removed or changed

    @property
    def url(self) -> str:
        """The address a reader opens: cases/x/index.html → cases/x/."""
        return self.path.removesuffix("index.html") or "./"

    def __str__(self) -> str:
        return f"{_KIND_LABELS[self.kind]} {self.url}"


def changed_files(old: Path, new: Path) -> list[Change]:
    """Every file added, removed or changed from site `old` to site `new`, by path."""
    old_files, new_files = _files(old), _files(new)
    changes = [Change(p, "removed") for p in old_files - new_files]
    changes += [Change(p, "added") for p in new_files - old_files]
    changes += [Change(p, "changed") for p in old_files & new_files
                if not filecmp.cmp(old / p, new / p, shallow=False)]
    return sorted(changes)


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def diff_site_command(project: Project, args: argparse.Namespace) -> int:
    """Lists what differs; like `diff`, returns 1 when the sites differ (2 when one is missing)."""
    for site in (args.old, args.new):
        if not site.is_dir():
            print(f"{site} 不是文件夹；请给出两个构建好的站点", file=sys.stderr)
            return 2
    changes = changed_files(args.old, args.new)
    for change in changes:
        print(change)
    pages = sum(1 for c in changes if c.path.endswith(".html"))
    print(f"共 {len(changes)} 个文件不同，其中 {pages} 个页面。", file=sys.stderr)
    return 1 if changes else 0
