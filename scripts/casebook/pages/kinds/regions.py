"""The places: the index of provinces and their cities with counts (it grows with places, not
cases), and each place's cases a page at a time, owned by the case that first names the place."""

from __future__ import annotations

from casebook.core.problems import CaseErrors
from casebook.pages.catalogue import Catalogue
from casebook.pages.plan import PagePlan

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ("region", "period", "practices.id")


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    pages.add(catalogue.regions.page, "regions_index.md.j2", {"root": catalogue.regions})
    for province in catalogue.regions.children.values():
        for node in province.walk():
            owner = catalogue.origin(*node.origin)
            if not node.slug_path[-1]:
                raise CaseErrors([owner.problem(owner.field, f"地名“{node.name}”无法转写为拼音网址；"
                                                             "请核对地名，或在 scripts/casebook/vocabularies/place_readings.yml 中写明它的拼音")])
            pages.listing(catalogue.listing(node.page, "region.md.j2", node.cases,
                                            {"node": node, "lineage": catalogue.lineage(node)}, arrange=list), owner)
