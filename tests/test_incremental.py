"""Incremental builds give the same site as full builds, and fall back to a full build whenever
the cache cannot be trusted."""

from __future__ import annotations

import datetime as dt
import gc
import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from casebook.built.diff import changed_files
from casebook.core.project import Project
from casebook.site.build import build_site
from casebook.site.incremental import (
    BUILT_PAGES,
    CACHE_DIR,
    MANIFEST,
    RENDER_MEMORY,
    hard_link_copy,
    remember_entries,
    remembered_entries,
)
from casebook.vocabularies.registry import PERMALINKS_FILE
from support import TAGS, file_contents, make_project, synthetic_case

pytestmark = pytest.mark.build  # each test builds a site

INCREMENTAL, FULL = "增量构建", "完整构建"


def _project(root: Path, count: int = 6) -> Project:
    """Synthetic cases, each reviewed on a day of its own (the sitemap dates pages by it)."""
    project = Project(make_project(root, dict(synthetic_case(n) for n in range(count))))
    for day, path in enumerate(_case_files(project), start=1):
        _edit_case(path, lambda case, day=day: case.update(last_reviewed=dt.date(2026, 1, day)))
    return project


def _case_files(project: Project) -> list[Path]:
    return sorted(project.cases_dir.glob("*/*.yml"))


def _edit_case(path: Path, change: Callable[[dict], None]) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(case)
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fold_table(site: Path) -> str:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]["fold"]


def _full_build_of(project: Project, folder: Path) -> Path:
    """A full build of the same tree, in a copy without the site or the cache."""
    shutil.copytree(project.root, folder,
                    ignore=lambda at, names: {"site", ".cache"} & set(names) if Path(at) == project.root else set())
    report = build_site(Project(folder))
    assert report.kind.startswith(FULL)
    return report.site_dir


# -- the edits, each on a case the random generator picks ------------------------------------------


def edit_text(project: Project, rng: random.Random) -> None:
    def change(case):  # 准 is new to the site: it joins the search's fold table (with 準, found nowhere)
        practice = rng.choice(case["practices"])
        practice["description"] += practice["description"][:12] + "对标基准。"
    _edit_case(rng.choice(_case_files(project)), change)


def edit_title(project: Project, rng: random.Random) -> None:
    _edit_case(rng.choice(_case_files(project)), lambda case: case.update(title=case["title"] + "（修订）"))


def edit_category(project: Project, rng: random.Random) -> None:
    taxonomy = yaml.safe_load((project.cases_dir / "_taxonomy.yml").read_text(encoding="utf-8"))

    def change(case):
        practice = rng.choice(case["practices"])
        practice["category"] = rng.choice([c["slug"] for c in taxonomy["categories"] if c["slug"] != practice["category"]])
    _edit_case(rng.choice(_case_files(project)), change)


def edit_tag(project: Project, rng: random.Random) -> None:
    def change(case):
        practice = rng.choice(case["practices"])
        practice["tags"] = [rng.choice([t for t in TAGS if t not in practice["tags"]])]
    _edit_case(rng.choice(_case_files(project)), change)


def add_case(project: Project, rng: random.Random) -> None:
    path, text = synthetic_case(rng.randrange(100, 200))
    (project.cases_dir / path).parent.mkdir(exist_ok=True)
    (project.cases_dir / path).write_text(text, encoding="utf-8")


def remove_case(project: Project, rng: random.Random) -> None:
    published = yaml.safe_load((project.cases_dir / PERMALINKS_FILE).read_text(encoding="utf-8"))["published"]
    rng.choice([path for path in _case_files(project) if path.stem not in published]).unlink()


def rename_practice(project: Project, rng: random.Random) -> None:
    """A published practice renamed, its old link recorded under `moved`."""
    path = rng.choice(_case_files(project))
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    practice = rng.choice(case["practices"])
    old, new = practice["id"], practice["id"] + "-renamed"
    registry = {"published": {case["id"]: [p["id"] for p in case["practices"]]}, "moved": {}}
    (project.cases_dir / PERMALINKS_FILE).write_text(yaml.safe_dump(registry), encoding="utf-8")
    build_site(project)  # published as it was
    registry["published"][case["id"]].append(new)
    registry["moved"] = {f"{case['id']}#{old}": f"{case['id']}#{new}"}
    (project.cases_dir / PERMALINKS_FILE).write_text(yaml.safe_dump(registry), encoding="utf-8")
    _edit_case(path, lambda c: next(p for p in c["practices"] if p["id"] == old).update(id=new))


EDITS = [edit_text, edit_title, edit_category, edit_tag, add_case, rename_practice, remove_case]


def test_incremental_builds_after_random_edits_equal_full_builds(tmp_path: Path):
    project = _project(tmp_path / "casebook")
    (project.cases_dir / PERMALINKS_FILE).write_text("published: {}\nmoved: {}\n", encoding="utf-8")
    assert build_site(project).kind.startswith(FULL)
    rng = random.Random(21)
    # Text first: the first build after a full one updates the search index as later ones do.
    for number, edit in enumerate([edit_text, *rng.sample(EDITS[1:], len(EDITS) - 1)]):
        edit(project, rng)
        previous, links = file_contents(project.root / "site"), tmp_path / f"previous-{number}"
        hard_link_copy(project.root / "site", links)  # the previous site's files themselves
        report = build_site(project)
        assert report.kind.startswith(INCREMENTAL), (edit.__name__, report.kind)
        # A practice's text: the search index of the last site is updated, not made anew, though its
        # fold table gained a pair.
        if edit is edit_text:
            assert report.kind.endswith("搜索索引只更新了有变的部分"), report.kind
            assert "準准" not in _fold_table(links) and "準准" in _fold_table(report.site_dir)
        assert file_contents(links) == previous, "the build wrote through a hard link into the previous site"
        full = _full_build_of(project, tmp_path / f"full-{number}")
        assert changed_files(report.site_dir, full) == [], edit.__name__


@pytest.mark.parametrize("tamper", ["site edited", "site file missing", "cache key changed", "cache unreadable"])
def test_a_tampered_site_or_cache_gives_a_full_build(tmp_path: Path, tamper: str):
    project = _project(tmp_path / "casebook", count=2)
    site = build_site(project).site_dir
    manifest = project.root / CACHE_DIR / MANIFEST
    page = next(site.glob("cases/*/index.html"))
    if tamper == "site edited":
        page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    elif tamper == "site file missing":
        page.unlink()
    elif tamper == "cache key changed":
        manifest.write_text(manifest.read_text(encoding="utf-8").replace('"key": "', '"key": "0'), encoding="utf-8")
    else:
        manifest.write_text("{", encoding="utf-8")
    report = build_site(project)
    assert report.kind.startswith(FULL), report.kind
    assert changed_files(report.site_dir, _full_build_of(project, tmp_path / "full")) == []
    assert build_site(project).kind.startswith(INCREMENTAL)  # the full build made a cache to trust


def test_an_incremental_build_leaves_nothing_of_its_callers_frozen_from_garbage_collection(tmp_path: Path):
    """It freezes what it unpickles from its cache for the collector, for as long as it runs."""
    project = _project(tmp_path / "casebook", count=2)
    build_site(project)
    assert build_site(project).kind.startswith(INCREMENTAL)
    assert gc.get_freeze_count() == 0


def test_an_unreadable_render_or_page_memory_is_made_afresh(tmp_path: Path):
    project = _project(tmp_path / "casebook", count=2)
    build_site(project)
    for memory in (RENDER_MEMORY, BUILT_PAGES):
        (project.root / CACHE_DIR / memory).write_bytes(b"not a pickle")
    edit_text(project, random.Random(21))
    report = build_site(project)
    assert report.kind.startswith(INCREMENTAL)
    assert changed_files(report.site_dir, _full_build_of(project, tmp_path / "full")) == []


def test_a_changed_vocabulary_gives_a_full_build(tmp_path: Path):
    project = _project(tmp_path / "casebook", count=2)
    build_site(project)
    taxonomy = project.cases_dir / "_taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\n# 注释\n", encoding="utf-8")
    assert "分类词表" in build_site(project).kind


def test_a_large_cache_entry_is_kept_a_batch_at_a_time_and_read_whole(tmp_path: Path):
    project = Project(tmp_path)
    entries = {f"page-{n}": ("text", n, ["link"] * 3) for n in range(1234)}  # more than two batches
    remember_entries(project, BUILT_PAGES, "key-1", entries)
    assert remembered_entries(project, BUILT_PAGES, "key-1") == entries
    assert remembered_entries(project, BUILT_PAGES, "key-2") is None  # kept for another build
    cached = tmp_path / CACHE_DIR / BUILT_PAGES
    cached.write_bytes(cached.read_bytes()[: cached.stat().st_size // 2])
    assert remembered_entries(project, BUILT_PAGES, "key-1") is None  # half a file: made afresh
