"""Test and benchmark support: scratch projects made from this repository's site setup."""

from __future__ import annotations

import shutil
from pathlib import Path

from casebook.core import routes
from casebook.core.project import Project
from casebook.vocabularies.measures import METRICS_FILE
from casebook.vocabularies.taxonomy import TAXONOMY_FILE

REPO = Path(__file__).resolve().parent.parent


def scratch_project(target: Path) -> Project:
    """A new project at `target` with the repository's site setup and vocabulary but no cases (for
    tests and benchmarks, which bring cases of their own)."""
    skip = shutil.ignore_patterns(*routes.GENERATED_DIRS, *routes.GENERATED_FILES, "__pycache__")
    for part in ("docs", "overrides", "scripts", "schema"):
        shutil.copytree(REPO / part, target / part, ignore=skip)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    project = Project(target)
    project.cases_dir.mkdir()
    for vocabulary in (TAXONOMY_FILE, METRICS_FILE):
        shutil.copy2(REPO / "cases" / vocabulary, project.cases_dir / vocabulary)
    return project
