"""The years: how many cases and practices each holds, and each year's cases a page at a time."""

from __future__ import annotations

from casebook.core import routes
from casebook.pages.catalogue import Catalogue, cases_by_year
from casebook.pages.plan import PagePlan

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ("region", "period", "practices.id")


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    by_year = cases_by_year(catalogue.cases)
    years = [(year, len(cases), sum(len(c.practices) for c in cases)) for year, cases in by_year.items()]
    pages.add(routes.TIMELINE_INDEX, "timeline_index.md.j2", {"years": years})
    for year, cases in by_year.items():
        pages.listing(catalogue.listing(routes.timeline_page(year), "timeline_year.md.j2", cases, {"year": year}))
