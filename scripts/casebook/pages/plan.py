"""The plan of a site's generated pages: each page's path, template, context and owner (the file
that made it), every address checked against those already planned before anything is written.

A context may be planned as what makes it: it is then made when the page is rendered (by the
process rendering it), and a live preview, which renders a few pages after an edit, makes only theirs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casebook.core import routes
from casebook.core.problems import CaseErrors, Problem
from casebook.pages.catalogue import Context, Planned
from casebook.sources.validate import Origin


@dataclass(frozen=True)
class Page:
    """A generated page: its template and what it shows, and what made it (a case file, a
    vocabulary file), which a clash with another page's address is reported against."""

    template: str
    made_by: Callable[[], dict[str, Any]]  # what makes the context, when the page is rendered
    owner: Origin

    @property
    def context(self) -> dict[str, Any]:
        return self.made_by()


# The owner of the site's own pages (listings, indexes): no file of cases/ names them.
SITE = Origin(Path("mkdocs.yml"), {})


def vocabulary_owner(name: str) -> Origin:
    """Pages made from a vocabulary or registry file, as their clashes name it."""
    return Origin(Path("cases", name), {})


class PagePlan:
    """Pages as the kinds plan them; `checked` gives them once every address is known to be unique."""

    def __init__(self):
        self.planned: list[tuple[str, Page]] = []

    def add(self, path: str, template: str, context: Context, owner: Origin = SITE) -> None:
        made_by = context if callable(context) else functools.partial(dict, context)
        self.planned.append((path, Page(template, made_by, owner)))

    def listing(self, pages: list[Planned], owner: Origin = SITE) -> None:
        for path, template, context in pages:
            self.add(path, template, context, owner)

    def checked(self) -> dict[str, Page]:
        """Every page by its path; raises CaseErrors, naming both files, where two pages would have
        the same address (two places whose pinyin is the same, say). The site's own pages are
        placed first, so a contributed name that takes one of their addresses is the one reported."""
        placed = _Placed()
        for path, page in sorted(self.planned, key=lambda planned: planned[1].owner is not SITE):
            placed.add(path, page)
        if placed.problems:
            raise CaseErrors(placed.problems)
        return placed.pages


class _Placed:
    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.by_address: dict[str, str] = {}
        self.problems: list[Problem] = []

    def add(self, path: str, page: Page) -> None:
        owner = page.owner
        address = routes.address(path)
        if address in self.by_address:
            first = self.pages[self.by_address[address]].owner
            taken_by = "网站自身的页面" if first is SITE else (
                f" {first.path.as_posix()} 第 {first.line} 行{'（' + first.field + '）' if first.field else ''}")
            self.problems.append(owner.problem(owner.field, (
                f"生成的页面地址 /{address} 已被{taken_by}占用；请换一个 id 或短名"
                "（地名拼音相同时，在 scripts/casebook/vocabularies/place_readings.yml 中为其中一个写明不同的拼音）")))
            return
        self.by_address[address] = path
        self.pages[path] = page
