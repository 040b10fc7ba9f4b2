"""The practice finder: every practice of every category, a page at a time, and beside the
category filters' data the options of a form that filters them all (category, tag, province,
level, year and words; casebook-filters.js). Without JavaScript it is the plain list."""

from __future__ import annotations

import functools
from collections.abc import Callable

from casebook.core import routes
from casebook.pages.catalogue import Catalogue, practice_count
from casebook.pages.kinds.categories import compact_json, facet_files, facet_options
from casebook.pages.plan import PagePlan

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ("region", "period", "practices.id", "practices.category", "practices.tags")


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    pages.listing(catalogue.practice_listing(routes.PRACTICES_INDEX, "practices.md.j2", catalogue.practices,
                                             {"options": routes.FINDER_OPTIONS}))


def files(catalogue: Catalogue, shown) -> dict[str, Callable[[], str]]:
    """The finder's options. Made from the cases' outline alone, so a preview's text edit
    (`shown`) leaves them as they are."""
    return {} if shown is not None else {routes.FINDER_OPTIONS: functools.partial(_options_text, catalogue)}


def _options_text(catalogue: Catalogue) -> str:
    """Each filter's values over all practices, the categories among them, and where each
    category's practices are (the category filters' own files)."""
    categories = [category for category, _ in catalogue.categories]
    options = {
        **facet_options(catalogue.practices, catalogue.taxonomy),
        "category": [(c.slug, practice_count(groups), c.name) for c, groups in catalogue.categories if groups],
        "files": facet_files(categories),
    }
    return compact_json(options)
