"""The loaded library: what one build reads from cases/ and mkdocs.yml, loaded and checked once,
and handed to rendering, exports and the live preview."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casebook.core.parallel import map_batches
from casebook.core.problems import CaseErrors, Problem
from casebook.core.project import Project
from casebook.core.settings import SiteSettings
from casebook.sources.case_files import find_case_files, stray_files
from casebook.sources.normalise import normalise_case
from casebook.sources.schema import Case
from casebook.sources.validate import CheckedFile, Origin, check_file
from casebook.sources.yaml_loader import load_case
from casebook.vocabularies import divisions
from casebook.vocabularies.measures import MetricVocabulary, load_metrics
from casebook.vocabularies.place_slugs import place_slug
from casebook.vocabularies.registry import (
    PERMALINKS_FILE,
    Registry,
    broken_links,
    load_registry,
)
from casebook.vocabularies.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    from casebook.site.preview import Preview


@dataclass(frozen=True)
class Library:
    cases: tuple[Case, ...]      # every valid, normalised case, drafts too, in file order
    origins: dict[str, Origin]   # where each case is written, by case id
    taxonomy: Taxonomy
    measures: MetricVocabulary
    registry: Registry
    settings: SiteSettings
    warnings: tuple[Problem, ...] = ()  # what the editor should check, though every case is valid

    @functools.cached_property
    def published(self) -> tuple[Case, ...]:
        """The cases the site shows."""
        return tuple(c for c in self.cases if c.status == "published")


# Case files a process checks and sends back at once (see parallel.py).
CHECK_BATCH = 100


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
    def check_all(paths: list[Path]) -> list[CheckedFile]:
        return map_batches(lambda batch: [check(path) for path in batch], paths, CHECK_BATCH)

    checked = check_all(files) if preview is None else preview.check_files(files, check_all, (taxonomy, measures))
    # Ids need no check across files: a case's id is its file's name, in its province's folder.
    valid = [file for file in checked if file.case is not None]
    problems = [problem for file in checked for problem in file.problems] + stray_files(project.cases_dir)
    warnings = [warning for file in valid for warning in file.warnings]
    library = Library(tuple(f.case for f in valid), {f.case.id: f.origin for f in valid}, taxonomy, measures,
                      registry, settings or SiteSettings.from_config_file(project.config_file))
    problems += broken_links(registry, list(library.published), project.shown(project.cases_dir / PERMALINKS_FILE))
    if paths:
        chosen = {p.resolve() for p in paths}
        problems = [p for p in problems if (project.root / p.path).resolve() in chosen]
        warnings = [w for w in warnings if (project.root / w.path).resolve() in chosen]
    if problems:
        raise CaseErrors(problems)
    return dataclasses.replace(library, warnings=tuple(sorted(warnings)))


def check_case_file(project: Project, taxonomy: Taxonomy, measures: MetricVocabulary, today: dt.date,
                    path: Path) -> CheckedFile:
    """One case file of cases/ loaded, validated and, when valid, normalised: a real place, in
    the folder of its province."""
    checked = check_case_text(project, taxonomy, measures, today, path)
    if checked.case is None or path.parent.name == province_folder(checked.case):
        return checked
    return dataclasses.replace(checked, case=None, problems=[checked.origin.problem(
        "region.province", f"{checked.case.region.province}的案例应放在 cases/{province_folder(checked.case)}/ 文件夹中"
                           f"（现在在 cases/{path.parent.name}/）")])


def check_case_text(project: Project, taxonomy: Taxonomy, measures: MetricVocabulary, today: dt.date,
                    path: Path) -> CheckedFile:
    """A case file wherever it is, loaded, validated and, when valid, normalised: everything a
    case must be but where it lies; its place is checked against the national division list."""
    checked = check_file(load_case(path, project.shown(path)), taxonomy, measures, today)
    if checked.case is None:
        return checked
    region = checked.case.region
    place = divisions.lookup(region.province, region.city, region.county)
    if not place.ok:
        return dataclasses.replace(checked, case=None, problems=[
            checked.origin.problem(f"region.{place.field}", place.problem)])
    return dataclasses.replace(checked, case=normalise_case(checked.case, measures),
                               warnings=_unlisted_town(checked.origin, region.town, place.division))


def check_loose_file(project: Project, path: Path, today: dt.date | None = None) -> CheckedFile:
    """A case file outside cases/ (a draft `casebook import --out` wrote), checked as a case
    against the library's vocabularies, on its own."""
    taxonomy = load_taxonomy(project.cases_dir)
    return check_case_text(project, taxonomy, load_metrics(project.cases_dir, taxonomy), today or dt.date.today(), path)


def province_folder(case: Case) -> str:
    """The folder of cases/ a case belongs in: its province's pinyin (shandong)."""
    return place_slug(case.region.province)


def _unlisted_town(origin: Origin, town: str | None, home: divisions.Division) -> list[Problem]:
    """A town the Ministry's list does not name below its county: accepted, since towns are set
    up and renamed between the list's editions, but the editor is asked to check the name."""
    if town is None or divisions.has_town(home, town):
        return []
    return [origin.problem("region.town", f"警告：{home.name}下没有名为“{town}”的乡镇或街道（民政部行政区划"
                                          f" {divisions.data_as_of()} 版）；请核对名称，确为新设或更名的可保留")]
