"""Pages at the old addresses of renamed cases, sending readers (and search engines) on."""

from __future__ import annotations

from casebook.core import routes
from casebook.pages.catalogue import Catalogue
from casebook.pages.kinds.case import from_case_page
from casebook.pages.plan import PagePlan, vocabulary_owner
from casebook.sources.validate import Origin
from casebook.vocabularies.registry import PERMALINKS_FILE

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ()


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    registry = catalogue.registry
    for old, new in registry.moved_cases().items():
        new_id, _, anchor = new.partition("#")
        pages.add(routes.case_page(old), "moved.md.j2",
                  {"old": old, "new_id": new_id, "anchor": anchor, "target": from_case_page(new)},
                  Origin(vocabulary_owner(PERMALINKS_FILE).path, {"id": registry.line("moved", old)}, "id"))
