"""Files for reuse beside the pages: open data, feeds and citations, made from the same normalised
cases as the pages, so the downloads say exactly what the site says."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator

from casebook.core import routes
from casebook.core.settings import SiteSettings
from casebook.exports.citations import bibtex, csl_json
from casebook.exports.feeds import feed, robots_txt
from casebook.exports.open_data import OpenData
from casebook.sources.schema import Case
from casebook.vocabularies.taxonomy import Taxonomy


def export_files(cases: list[Case], taxonomy: Taxonomy, settings: SiteSettings,
                 open_data: Iterable[tuple[str, bytes]] | None = None) -> Iterator[tuple[str, str | bytes]]:
    """(path under docs/, text or bytes) of every download about all cases, one at a time (each
    case's own are `case_downloads`). `open_data`: the open data files as the caller made them
    (`OpenData.files`, updating the last ones), if not made anew here."""
    for name, data in OpenData().files(cases) if open_data is None else open_data:
        yield routes.data_file(name), data
    yield routes.ROBOTS, robots_txt(settings)
    news = feed(cases, taxonomy, settings)
    yield routes.FEEDS["rss"], news.rss_str(pretty=True).decode("utf-8")
    yield routes.FEEDS["atom"], news.atom_str(pretty=True).decode("utf-8")


def case_downloads(case: Case, settings: SiteSettings) -> dict[str, Callable[[], str]]:
    """The files beside a case page that only it offers (path under docs/ → what writes it):
    its citation as BibTeX and CSL-JSON."""
    return {routes.case_file(case.id, routes.BIBTEX): functools.partial(bibtex, case, settings),
            routes.case_file(case.id, routes.CSL_JSON): functools.partial(csl_json, case, settings)}
