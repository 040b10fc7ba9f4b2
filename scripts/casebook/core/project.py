"""Where a casebook's parts are, relative to its root folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """Where a casebook's parts are, relative to its root folder."""

    root: Path

    @property
    def cases_dir(self) -> Path:
        return self.root / "cases"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def shown(self, path: Path) -> Path:
        """A path as editors see it in messages: relative to the project where possible."""
        try:
            return path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return path
