"""The kinds of generated page, one module each. A kind says which pages it makes (`plan`), which
files it puts beside them (`files`, optional), and which case fields decide which of its pages a
case is on, where, and the counts shown (`ARRANGED_BY`). The renderer plans every kind; the live
preview's rule for what an edit may change without rendering everything is derived from the
kinds' `ARRANGED_BY` (see `arranging_fields`).

A new kind of page: a module here with those three, added to KINDS, and its template in
pages/templates/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from casebook.pages.catalogue import Catalogue
from casebook.pages.kinds import (
    all_cases,
    case,
    categories,
    compare,
    data,
    home,
    moved,
    practices,
    regions,
    tags,
    timeline,
)
from casebook.pages.plan import PagePlan


class PageKind(Protocol):
    ARRANGED_BY: tuple[str, ...]

    def plan(self, catalogue: Catalogue, pages: PagePlan) -> None: ...


KINDS: tuple[PageKind, ...] = (home, all_cases, practices, categories, tags, data, regions, timeline, compare, case,
                               moved)
# Every kind depends on these: whether a case is on the site at all, and under which address.
ALWAYS = ("id", "status")


def arranging_fields(kinds: tuple[PageKind, ...] = KINDS) -> tuple[str, ...]:
    """The case fields (`region`, `practices.tags`) any kind arranges its pages by."""
    return tuple(sorted({*ALWAYS, *(name for kind in kinds for name in kind.ARRANGED_BY)}))


def beside_pages(kinds: tuple[PageKind, ...], catalogue: Catalogue,
                 shown: Callable[[dict[str, Any]], bool] | None) -> dict[str, Callable[[], str]]:
    """The files the kinds put beside their pages: path under docs/ → what writes its text."""
    made: dict[str, Callable[[], str]] = {}
    for kind in kinds:
        if hasattr(kind, "files"):
            made |= kind.files(catalogue, shown)
    return made
