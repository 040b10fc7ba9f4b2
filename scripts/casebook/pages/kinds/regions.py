"""The places: the index of provinces and their cities with counts and a search by any part of a
place's name (the places, beside it, as JSON), and each place's page: the tree of places below it
down to towns, with counts at each level, and its cases a page at a time, owned by the case that
first names the place. The index grows with places, not cases; the search's file is fetched only
once a reader types."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable

from casebook.core import routes
from casebook.core.problems import CaseErrors
from casebook.pages.catalogue import Catalogue
from casebook.pages.kinds.categories import compact_json
from casebook.pages.plan import PagePlan

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ("region", "period", "practices.id")


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    pages.add(catalogue.regions.page, "regions_index.md.j2", {"root": catalogue.regions, "places": routes.PLACES})
    for province in catalogue.regions.children.values():
        for node in province.walk():
            owner = catalogue.origin(*node.origin)
            if not node.slug_path[-1]:
                raise CaseErrors([owner.problem(owner.field, f"地名“{node.name}”无法转写为拼音网址；"
                                                             "请核对地名，或在 scripts/casebook/vocabularies/place_readings.yml 中写明它的拼音")])
            pages.listing(catalogue.listing(node.page, "region.md.j2", node.cases,
                                            {"node": node, "lineage": catalogue.lineage(node)}, arrange=list), owner)


def files(catalogue: Catalogue, shown) -> dict[str, Callable[[], str]]:
    """The places the place search (casebook-places.js) looks in. Made from the cases' outline
    alone, so a preview's text edit (`shown`) leaves it as it is."""
    return {} if shown is not None else {routes.PLACES: functools.partial(_places_text, catalogue)}


def _places_text(catalogue: Catalogue) -> str:
    """Every place, broadest first, as [name, the places above it, address, cases, practices]; the
    address relative to the file, as the place search resolves it."""
    folder = posixpath.dirname(routes.PLACES)
    places = [[node.name, " › ".join(node.names[:-1]), posixpath.relpath(routes.address(node.page), folder) + "/",
               len(node.cases), node.practice_count]
              for node in sorted(catalogue.regions.walk(), key=lambda n: len(n.names)) if node.names]
    return compact_json(places)
