"""Files for reuse beside the pages: open data, feeds and citations, made from the same normalised
cases as the pages, so the downloads say exactly what the site says."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from casebook.core import routes
from casebook.core.settings import SiteSettings
from casebook.exports.citations import bibtex, csl_json
from casebook.exports.feeds import feed, robots_txt
from casebook.exports.open_data import TABLES, cases_json, csv_text
from casebook.sources.schema import Case
from casebook.vocabularies.taxonomy import Taxonomy


def export_files(cases: list[Case], taxonomy: Taxonomy, settings: SiteSettings) -> Iterator[tuple[str, str]]:
    """(path under docs/, text) of every download about all cases, one at a time (each case's
    own are `case_downloads`)."""
    yield routes.data_file("cases.json"), cases_json(cases)
    yield routes.ROBOTS, robots_txt(settings)
    for name, _, columns, rows in TABLES:
        yield routes.data_file(name), csv_text(columns, rows(cases))
    news = feed(cases, taxonomy, settings)
    yield routes.FEEDS["rss"], news.rss_str(pretty=True).decode("utf-8")
    yield routes.FEEDS["atom"], news.atom_str(pretty=True).decode("utf-8")


def case_downloads(case: Case, settings: SiteSettings) -> dict[str, Callable[[], str]]:
    """The files beside a case page that only it offers (path under docs/ → what writes it):
    its citation as BibTeX and CSL-JSON."""
    return {routes.case_file(case.id, routes.BIBTEX): functools.partial(bibtex, case, settings),
            routes.case_file(case.id, routes.CSL_JSON): functools.partial(csl_json, case, settings)}
