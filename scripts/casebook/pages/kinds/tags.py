"""The tags: their index, and each tag's practices a page at a time."""

from __future__ import annotations

from casebook.core import routes
from casebook.pages.catalogue import Catalogue
from casebook.pages.plan import PagePlan, vocabulary_owner
from casebook.vocabularies.taxonomy import TAXONOMY_FILE

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ("region", "period", "practices.id", "practices.category", "practices.tags")


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    pages.add(routes.TAGS_INDEX, "tags_index.md.j2", {"tags": catalogue.tags})
    for tag, groups in catalogue.tags:
        pages.listing(catalogue.practice_listing(routes.tag_page(tag.slug), "tag.md.j2", groups, {"tag": tag}),
                      vocabulary_owner(TAXONOMY_FILE))
