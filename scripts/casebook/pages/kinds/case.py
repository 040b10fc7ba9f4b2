"""A page for each case: its card, practices, metrics, sources and citation; and beside it a QR
code of its permanent address and its citation downloads."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import Any

import segno

from casebook.core import routes
from casebook.core.urls import site_address
from casebook.exports import case_downloads
from casebook.exports.citations import gbt7714
from casebook.pages import markup
from casebook.pages.catalogue import Catalogue
from casebook.pages.plan import PagePlan
from casebook.sources.schema import Case

# The case fields that decide which of these pages a case is on, where, and the counts shown; and
# which practices of other cases each practice's related practices are.
ARRANGED_BY = ("region", "period", "practices.id", "practices.tags", "practices.metrics")


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    catalogue.related  # indexed now, once, rather than by each process rendering case pages
    for case in catalogue.cases:
        pages.add(routes.case_page(case.id), "case.md.j2", functools.partial(_context, catalogue, case),
                  catalogue.origin(case.id, "id"))


def _context(catalogue: Catalogue, case: Case) -> dict[str, Any]:
    related = {p.id: catalogue.related[case.id, p.id] for p in case.practices}
    return {"case": case, "inferred": Inferences(case), "related": related, **_editing(catalogue, case),
            **_sharing(catalogue, case)}


class Inferences:
    """A case's inferred fields, for the page to mark where it shows each: `at("sources[0].date")`
    gives the remarks about that field, `at("period")` those about the period and its dates."""

    def __init__(self, case: Case):
        self._entries = [(markup.element_id("inferred", n), entry) for n, entry in enumerate(case.inferred)]

    def at(self, field: str) -> list[tuple[str, str]]:
        """(element id, reason) of each inference about `field` or a part of it."""
        return [(id_, entry.reason) for id_, entry in self._entries
                if entry.field == field or entry.field.startswith((f"{field}.", f"{field}["))]


def files(catalogue: Catalogue, shown) -> dict[str, Callable[[], str]]:
    """Beside each case page: an SVG QR code of its permanent URL, for printed briefings and
    phones, and its citation downloads."""
    made = {}
    for case in catalogue.cases:
        if shown is None or shown({"case": case}):
            made[routes.case_file(case.id, routes.QR_CODE)] = functools.partial(
                qr_svg, catalogue.settings.case_url(case.id), f"{case.title} 的二维码")
            made |= case_downloads(case, catalogue.settings)
    return made


def _editing(catalogue: Catalogue, case: Case) -> dict[str, Any]:
    """Where an editor changes this case, and where a reader reports an error in it."""
    repository = catalogue.settings.repository
    return {
        "edit_url": site_address(repository, "edit", "main", *catalogue.library.origins[case.id].path.parts),
        "report_url": site_address(repository, "issues", "new",
                                   query={"template": "report-error.yml", "case": case.id}),
    }


def _sharing(catalogue: Catalogue, case: Case) -> dict[str, object]:
    """Permanent links, the citation and the QR code a case page offers."""
    settings = catalogue.settings
    moved = {old: from_case_page(new) for old, new in catalogue.registry.anchors_moved_within(case.id).items()}
    return {
        "permalink": settings.case_url(case.id),
        "practice_permalinks": {p.id: settings.case_url(case.id, p.id) for p in case.practices},
        "citation": gbt7714(case, settings),
        "card": routes.CARD if catalogue.with_cards else None,
        "moved_anchors": markup.json_attribute(moved),  # old practice anchors → where they went (casebook.js)
    }


def from_case_page(link: str) -> str:
    """A registry link ('case#practice' or 'case') as a URL relative to any case page."""
    case_id, _, anchor = link.partition("#")
    return markup.relative_url(f"../{case_id}/", anchor)


def qr_svg(url: str, title: str) -> str:
    svg = io.BytesIO()
    # A fixed mask: choosing the best of eight is most of segno's time, and any mask scans.
    segno.make(url, error="m", mask=0).save(svg, kind="svg", scale=4, border=2, xmldecl=False, svgns=True,
                                            title=title)
    return svg.getvalue().decode("utf-8")
