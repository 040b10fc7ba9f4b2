"""The data path, end to end: load → validate → normalise → render, over one project folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import json
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import routes
from .cards import cards_possible, social_cards
from .export import export_files
from .library import Library
from .load import find_case_files, load_case, stray_files
from .metrics import METRICS_FILE, MetricVocabulary, load_metrics
from .normalise import normalise_case
from .parallel import map_batches
from .permalinks import PERMALINKS_FILE, broken_links, load_registry
from .places import place_slug
from .preview import Preview, mentions
from .problems import CaseErrors
from .render import Renderer, remove_stale, write_generated
from .schema import Case, json_schema
from .settings import SiteSettings
from .taxonomy import TAXONOMY_FILE, Taxonomy, load_taxonomy
from .validate import CheckedFile, check_file


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

    def copy_setup(self, target: Path) -> Project:
        """A new project at `target` with this one's site setup and vocabulary but no cases
        (for tests and benchmarks, which bring cases of their own)."""
        skip = shutil.ignore_patterns(*routes.GENERATED_DIRS, *routes.GENERATED_FILES, "__pycache__")
        for part in ("docs", "overrides", "scripts", "schema"):
            shutil.copytree(self.root / part, target / part, ignore=skip)
        shutil.copy2(self.config_file, target / self.config_file.name)
        copy = Project(target)
        copy.cases_dir.mkdir()
        for vocabulary in (TAXONOMY_FILE, METRICS_FILE):
            shutil.copy2(self.cases_dir / vocabulary, copy.cases_dir / vocabulary)
        return copy

    def shown(self, path: Path) -> Path:
        """A path as editors see it in messages: relative to the project where possible."""
        try:
            return path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return path


# Case files a process checks and sends back at once (see parallel.py).
CHECK_BATCH = 100
RENDER_BATCH = 200  # pages a process renders and writes at once


def load_library(project: Project, settings: SiteSettings | None = None, paths: list[Path] | None = None,
                 preview: Preview | None = None, today: dt.date | None = None) -> Library:
    """The library: every valid, normalised case and the vocabularies; raises CaseErrors listing
    every problem in every file (the vocabularies' first, since cases are checked against them).

    With `paths`, only those files' problems are reported, but ids are still compared with all
    cases. Each file is checked on its own (`check_case_file`) by a process per core, or by a
    live `preview`, which remembers the files that have not changed.
    """
    taxonomy = load_taxonomy(project.cases_dir)
    measures = load_metrics(project.cases_dir, taxonomy)
    registry = load_registry(project.cases_dir)
    files = find_case_files(project.cases_dir)
    check = functools.partial(check_case_file, project, taxonomy, measures, today or dt.date.today())
    if preview is None:
        checked = map_batches(lambda batch: [check(path) for path in batch], files, CHECK_BATCH)
    else:
        checked = preview.check_files(files, check, (taxonomy, measures))
    # Ids need no check across files: a case's id is its file's name, in its province's folder.
    valid = [file for file in checked if file.case is not None]
    problems = [problem for file in checked for problem in file.problems] + stray_files(project.cases_dir)
    library = Library(tuple(f.case for f in valid), {f.case.id: f.origin for f in valid}, taxonomy, measures,
                      registry, settings or SiteSettings.from_config_file(project.config_file))
    problems += broken_links(registry, list(library.published), project.shown(project.cases_dir / PERMALINKS_FILE))
    if paths:
        chosen = {p.resolve() for p in paths}
        problems = [p for p in problems if (project.root / p.path).resolve() in chosen]
    if problems:
        raise CaseErrors(problems)
    return library


def check_case_file(project: Project, taxonomy: Taxonomy, measures: MetricVocabulary, today: dt.date,
                    path: Path) -> CheckedFile:
    """One case file loaded, validated and, when valid, normalised; in the folder of its province."""
    checked = check_file(load_case(path, project.shown(path)), taxonomy, measures, today)
    if checked.case is None:
        return checked
    folder = place_slug(checked.case.region.province)
    if path.parent.name != folder:
        return dataclasses.replace(checked, case=None, problems=[checked.origin.problem(
            "region.province", f"{checked.case.region.province}的案例应放在 cases/{folder}/ 文件夹中"
                               f"（现在在 cases/{path.parent.name}/）")])
    return dataclasses.replace(checked, case=normalise_case(checked.case, measures))


def check_library(project: Project, paths: list[Path] | None = None) -> Library:
    """The library, checked as a build checks it: its files, and the addresses of the pages it
    makes (two places whose pinyin is the same must not share a page)."""
    library = load_library(project, paths=paths)
    Renderer(library).pages
    return library


def schema_text(taxonomy: Taxonomy) -> str:
    return json.dumps(json_schema(taxonomy), ensure_ascii=False, indent=2) + "\n"


def render_site_sources(project: Project, settings: SiteSettings | None = None,
                        preview: Preview | None = None) -> list[Case]:
    """Validate every case and write the generated pages and files into docs/; returns the
    published cases, whose social cards `start_social_cards` draws (from their `card_texts`).

    Pages are rendered and written by a process per core (parallel.py). A live `preview`
    renders again only the pages showing the cases an edit changed, when that is all it
    changed (see preview.py).
    """
    library = load_library(project, settings, preview=preview)
    renderer = Renderer(library, with_cards=cards_possible())
    renderer.pages  # every address planned, and checked, before anything is written
    edited = preview.edited(library) if preview else None
    shown = None if edited is None else functools.partial(mentions, ids=edited)
    outputs = renderer.outputs(shown)
    generated = map_batches(lambda paths: write_generated(project.docs_dir, ((p, outputs[p]()) for p in paths)),
                            list(outputs), RENDER_BATCH)
    public = list(library.published)
    generated += write_generated(project.docs_dir, itertools.chain(
        export_files(public, library.taxonomy, library.settings), [(routes.SCHEMA, schema_text(library.taxonomy))]))
    if shown is None:
        remove_stale(project.docs_dir, generated)
    return public


def start_social_cards(project: Project, texts: dict[str, tuple[str, str]],
                       site_name: str) -> Callable[[], dict[str, Path]]:
    """The social cards saying `texts` (see `card_texts`), drawn on a background thread; returns
    what waits for them, and for the thread to end, after which the process may fork again.

    No page links to a card (only its meta tags name it), so the engine need not see them:
    they are drawn while it builds the pages, on the core it leaves idle, and copied into the
    built site after it (`copy_cards`).
    """
    drawing = ThreadPoolExecutor(1, thread_name_prefix="social-cards")
    cards = drawing.submit(social_cards, texts, site_name, project.root / ".cache" / "cards")

    def drawn() -> dict[str, Path]:
        drawing.shutdown(wait=True)
        return cards.result()

    return drawn
