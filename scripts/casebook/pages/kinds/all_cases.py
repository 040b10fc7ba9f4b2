"""The list of all cases, by place, a page of them at a time."""

from __future__ import annotations

from casebook.core import routes
from casebook.pages.catalogue import Catalogue
from casebook.pages.plan import PagePlan

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ("region", "period", "practices.id")


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    pages.listing(catalogue.listing(routes.CASES_INDEX, "cases_index.md.j2", catalogue.cases, {}))
