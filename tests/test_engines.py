"""The rendered docs/ tree is engine-neutral: MkDocs and Zensical build it, and the casebook's
own steps (link check, search index, search worker) work on what either one wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.site.build import CASEBOOK_WORKER, THEME_WORKERS
from support import casebook

pytestmark = pytest.mark.build  # each test builds a site or runs the casebook command

CASE_PAGE = Path("cases/ceshi-shili-2024/index.html")
CARD = Path("cases/ceshi-shili-2024/card.jpg")


def shows_its_card(site: Path) -> bool:
    """The case page names its social card, and the card is in the site (drawn beside the engine)."""
    page = (site / CASE_PAGE).read_text(encoding="utf-8")
    return (site / CARD).read_bytes().startswith(b"\xff\xd8") and f'{CARD.name}">' in page.split('"og:image"')[1]


def search_is_the_casebooks(site: Path) -> bool:
    workers = list(site.glob(THEME_WORKERS))
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return (bool(workers) and all(w.read_bytes() == (site / CASEBOOK_WORKER).read_bytes() for w in workers)
            and not index.get("docs") and (site / "search" / "shards").is_dir())


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_casebook_builds_with_each_engine(project: Path, engine: str):
    result = casebook(project, "build", "--engine", engine, "--report", str(project / "report.json"))
    assert result.returncode == 0, result.stderr + result.stdout
    site = project / "site"
    assert "湖州市：测试用案例" in (site / CASE_PAGE).read_text(encoding="utf-8")
    assert search_is_the_casebooks(site)
    assert shows_its_card(site)
    assert shows_its_card(site)
    assert not (project / "docs" / CARD).exists()  # the engine never sees it
    steps = json.loads((project / "report.json").read_text(encoding="utf-8"))
    assert set(steps) == {"render", "plan", engine, "cards", "check_and_index"}
    assert "（完整构建（" in result.stdout  # the first build, or Zensical's: no site to build on
    assert not (project / ".zensical.yml").exists()


def test_plain_mkdocs_build_runs_the_pipeline_through_its_hooks(project: Path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CASEBOOK_RENDERED", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert "湖州市：测试用案例" in (site / CASE_PAGE).read_text(encoding="utf-8")
    assert search_is_the_casebooks(site)
    assert shows_its_card(site)
