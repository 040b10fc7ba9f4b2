"""The categories: their index, each category's practices a page at a time, and the data behind
each category page's filter form (casebook-filters.js)."""

from __future__ import annotations

import functools
import json
import posixpath
from collections import Counter
from collections.abc import Callable
from typing import Any, get_args

from casebook.core import routes
from casebook.pages.catalogue import (
    CasePractices,
    Catalogue,
    case_years,
    practice_entries,
)
from casebook.pages.markup import one_line
from casebook.pages.plan import PagePlan, vocabulary_owner
from casebook.sources.schema import Level
from casebook.vocabularies.place_slugs import region_names
from casebook.vocabularies.taxonomy import TAXONOMY_FILE, Category, Taxonomy

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ("region", "period", "practices.id", "practices.category", "practices.tags")


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    pages.add(routes.CATEGORIES_INDEX, "categories_index.md.j2", {"categories": catalogue.categories})
    for category, groups in catalogue.categories:
        pages.listing(catalogue.practice_listing(routes.category_page(category.slug), "category.md.j2", groups,
                                                 {"category": category, "facets": routes.facets(category.slug)}),
                      vocabulary_owner(TAXONOMY_FILE))


def files(catalogue: Catalogue, shown) -> dict[str, Callable[[], str]]:
    """The JSON behind each category page's filter form: its options, and its practices (with
    `shown`, only the practices of the categories whose practices it accepts: the options are made
    from the cases' outline alone, which a preview's text edit leaves as it is). Each is made by
    whoever writes it."""
    made = {}
    for category, groups in catalogue.categories:
        if shown is None:
            made[routes.facet_options(category.slug)] = functools.partial(
                _options_text, category, groups, catalogue.taxonomy)
        if shown is None or shown({"practices": groups}):
            made[routes.facets(category.slug)] = functools.partial(_facets_text, groups)
    return made


def _options_text(category: Category, groups: list[CasePractices], taxonomy: Taxonomy) -> str:
    return compact_json({**facet_options(groups, taxonomy), "files": facet_files([category])})


def _facets_text(groups: list[CasePractices]) -> str:
    return compact_json(category_facets(groups))


def facet_files(categories: list[Category]) -> dict[str, str]:
    """Where the filter script finds the practices of each category, relative to an options file."""
    return {c.slug: posixpath.relpath(routes.facets(c.slug), routes.FACETS_DIR) for c in categories}


def category_facets(groups: list[CasePractices]) -> dict[str, Any]:
    """A category's practices with their case's places, level and years and their tags: what its
    filter form searches in the browser (its options are `facet_options`). Links are relative to
    the JSON file itself."""
    cases = [g.case for g in groups]
    return {
        "cases": [{
            "title": case.title,
            "href": posixpath.relpath(routes.case_address(case.id), routes.FACETS_DIR) + "/",
            "places": list(region_names(case.region)),
            "level": case.region.level,
            "years": case_years(case),
        } for case in cases],
        "practices": [{"case": number, "id": practice.id, "title": practice.title, "tags": practice.tags,
                       "summary": one_line(practice.description)}
                      for number, group in enumerate(groups) for practice in group.practices],
    }


def facet_options(groups: list[CasePractices], taxonomy: Taxonomy) -> dict[str, list[tuple[Any, int]]]:
    """Each filter's values in the category, with how many of its practices each one selects.
    The filter form is drawn from these alone: the practices, which grow with the library, are
    fetched only once a reader filters."""
    counts: dict[str, Counter] = {name: Counter() for name in ("province", "level", "year", "tag")}
    for case, practice in practice_entries(groups):
        counts["province"][case.region.province] += 1
        counts["level"][case.region.level] += 1
        counts["year"].update(case_years(case))
        counts["tag"].update(practice.tags)
    return {
        "province": list(counts["province"].items()),  # in the listing's order, which is by place
        "level": [(level, counts["level"][level]) for level in get_args(Level) if counts["level"][level]],
        "year": sorted(counts["year"].items(), reverse=True),
        "tag": [(t.name, counts["tag"][t.name]) for t in taxonomy.tags if counts["tag"][t.name]],
    }


def compact_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
