"""The open-data page: what each download holds, column by column, and its licence."""

from __future__ import annotations

from casebook.core import routes
from casebook.exports.open_data import DIVISION_CODE_MEANING, TABLES
from casebook.pages.catalogue import Catalogue
from casebook.pages.plan import PagePlan

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ()


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    pages.add(routes.DATA_INDEX, "data.md.j2", {"tables": TABLES, "division_code": DIVISION_CODE_MEANING})
