"""The data path, end to end: load → validate → normalise → render, over one project folder."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .cards import cards_possible, social_cards
from .export import SITE_NAME, export_files
from .load import find_case_files, load_case
from .metrics import METRICS_FILE, MetricVocabulary, load_metrics
from .normalise import normalise_case
from .permalinks import PERMALINKS_FILE, broken_links, load_registry
from .preview import Preview, mentions
from .parallel import map_batches
from .problems import CaseErrors
from .render import GENERATED_DIRS, Renderer, remove_stale, write_generated
from .settings import SiteSettings
from .schema import Case, json_schema
from .taxonomy import TAXONOMY_FILE, Taxonomy, load_taxonomy
from .validate import CheckedFile, check_file, validate_cases


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
        skip = shutil.ignore_patterns(*GENERATED_DIRS, "__pycache__")
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


def load_and_validate(project: Project, paths: list[Path] | None = None,
                      preview: Preview | None = None) -> tuple[list[Case], Taxonomy]:
    """Every valid, normalised case; raises CaseErrors listing every problem in every file.

    With `paths`, only those files are checked, but ids are still compared with all cases.
    Each file is checked on its own (`check_case_file`) by a process per core, or by a live
    `preview`, which remembers the files that have not changed.
    """
    taxonomy = load_taxonomy(project.cases_dir)
    files = find_case_files(project.cases_dir)
    chosen = {p.resolve() for p in paths} if paths else None
    metrics = load_metrics(project.cases_dir, taxonomy)
    check = functools.partial(check_case_file, project, taxonomy, metrics)
    if preview is None:
        checked = map_batches(lambda batch: [check(path) for path in batch], files, CHECK_BATCH)
    else:
        checked = preview.check_files(files, check, (taxonomy, metrics))
    cases, problems = validate_cases(checked)
    registry = load_registry(project.cases_dir)
    problems += broken_links(registry, published(cases), project.shown(project.cases_dir / PERMALINKS_FILE))
    if chosen is not None:
        problems = [p for p in problems if (project.root / p.path).resolve() in chosen]
    if problems:
        raise CaseErrors(problems)
    return cases, taxonomy


def check_case_file(project: Project, taxonomy: Taxonomy, metrics: MetricVocabulary, path: Path) -> CheckedFile:
    """One case file loaded, validated and, when valid, normalised."""
    checked = check_file(load_case(path, project.shown(path)), taxonomy, metrics)
    if checked.case is None:
        return checked
    return dataclasses.replace(checked, case=normalise_case(checked.case, metrics))


def case_files(project: Project) -> dict[str, Path]:
    """Each case's file as editors see it, by case id (validation makes the id the file name)."""
    return {path.stem: project.shown(path) for path in find_case_files(project.cases_dir)}


def published(cases: list[Case]) -> list[Case]:
    return [c for c in cases if c.status == "published"]


# The JSON Schema lives in the repo (for editors' tools) and on the site at this same path.
SCHEMA_PATH = "schema/case.schema.json"


def schema_text(taxonomy: Taxonomy) -> str:
    return json.dumps(json_schema(taxonomy), ensure_ascii=False, indent=2) + "\n"


def render_site_sources(project: Project, settings: SiteSettings, preview: Preview | None = None) -> list[Case]:
    """Validate every case and write the generated pages and files into docs/; returns the
    published cases, whose social cards `start_social_cards` draws (from their `card_texts`).

    Pages are rendered and written by a process per core (parallel.py). A live `preview`
    renders again only the pages showing the cases an edit changed, when that is all it
    changed (see preview.py).
    """
    cases, taxonomy = load_and_validate(project, preview=preview)
    public = published(cases)
    setting = {"taxonomy": taxonomy, "files": case_files(project), "settings": settings,
               "with_cards": cards_possible(), "registry": load_registry(project.cases_dir),
               "metrics": load_metrics(project.cases_dir, taxonomy)}
    edited = preview.edited(public, setting) if preview else None
    shown = None if edited is None else functools.partial(mentions, ids=edited)
    renderer = Renderer(public, **setting)
    outputs = renderer.outputs(shown)
    generated = map_batches(lambda paths: write_generated(project.docs_dir, ((p, outputs[p]()) for p in paths)),
                            list(outputs), RENDER_BATCH)
    generated += write_generated(project.docs_dir, itertools.chain(export_files(public, taxonomy, settings),
                                                                   [(SCHEMA_PATH, schema_text(taxonomy))]))
    if shown is None:
        remove_stale(project.docs_dir, generated)
    return public


def start_social_cards(project: Project, texts: dict[str, tuple[str, str]]) -> Callable[[], dict[str, Path]]:
    """The social cards saying `texts` (see `card_texts`), drawn on a background thread; returns
    what waits for them, and for the thread to end, after which the process may fork again.

    No page links to a card (only its meta tags name it), so the engine need not see them:
    they are drawn while it builds the pages, on the core it leaves idle, and copied into the
    built site after it (`copy_cards`).
    """
    drawing = ThreadPoolExecutor(1, thread_name_prefix="social-cards")
    cards = drawing.submit(social_cards, texts, SITE_NAME, project.root / ".cache" / "cards")

    def drawn() -> dict[str, Path]:
        drawing.shutdown(wait=True)
        return cards.result()

    return drawn
