"""The part of the home page that changes with the cases (docs/index.md includes it): the
counts, the newest cases, the categories with their practices."""

from __future__ import annotations

from casebook.core import routes
from casebook.pages.catalogue import Catalogue
from casebook.pages.plan import PagePlan

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ("region", "period", "practices.id", "practices.category", "practices.metrics")


NEWEST = 6  # cases the home page lists


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    cases = catalogue.cases
    pages.add(routes.HOME_SNIPPET, "home.md.j2", {
        "cases": cases,
        "categories": catalogue.categories,
        "regions": catalogue.regions,
        "newest": sorted(cases, key=lambda c: (c.period.end, c.id), reverse=True)[:NEWEST],
        "total_practices": sum(len(c.practices) for c in cases),
        "total_metrics": sum(len(p.metrics) for c in cases for p in c.practices),
    })
