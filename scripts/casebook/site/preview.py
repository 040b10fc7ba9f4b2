"""What a live preview remembers between rebuilds, so that an edit re-renders only what it touched.

A full render of a thousand cases takes seconds; an editor fixing a sentence should see it sooner.
The preview keeps each case file's checked case (while the file's bytes and the vocabulary are
unchanged) and the cases of its last render. When every case keeps its outline (the fields the
kinds of page arrange their pages by: id, status, place, period, practices with their categories,
tags and metrics), no page appears, disappears or moves, and no count changes: only the pages
that show an edited case need rendering again. Any other change renders everything.

At ten thousand cases the rest must be small too: a file is hashed again only when its stamp
(size, times) changed (digests.py); which pages show which case is noted as everything is rendered,
and serves every text edit until the next render of everything; and only the pages rendered have
their contexts made.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.exports.open_data import OpenData
from casebook.pages.cards import copy_cards
from casebook.pages.catalogue import RegionNode
from casebook.pages.plan import Page
from casebook.site.digests import Stamps
from casebook.sources.schema import Case
from casebook.sources.validate import CheckedFile

if TYPE_CHECKING:
    from casebook.library import Library


def outline(case: Case, fields: tuple[str, ...]) -> tuple:
    """What decides which pages a case is listed on, where, and the counts shown about it: the
    values of the case fields the kinds of page arrange their pages by (`arranging_fields`)."""
    return tuple(_values(case, name.split(".")) for name in fields)


def _values(value: Any, steps: list[str]) -> Any:
    """The value at a field path, through lists: practices.tags → every practice's tags."""
    if not steps:
        return value
    if isinstance(value, list):
        return [_values(item, steps) for item in value]
    return _values(getattr(value, steps[0]), steps[1:])


@functools.cache
def live_preview() -> Preview:
    """The one preview of this process. MkDocs loads its hooks afresh for every rebuild, so
    they cannot keep it themselves."""
    return Preview()


class Preview:
    def __init__(self):
        self._checked: dict[Path, tuple[str, CheckedFile]] = {}  # by the hash of the file's bytes
        self._stamps = Stamps()  # the files' hashes, known by their stamps (size, times)
        self._vocabulary: Any = None  # what the files were checked against
        self._cases: dict[str, Case] | None = None  # the published cases last rendered, by id
        self._setting: tuple = ()  # and everything else the render was given
        self._showing: dict[str, set[str]] | None = None  # case id → paths of the pages showing it
        self._noted: dict[str, set[str]] | None = None  # in a render of every page: the cases each shows
        self.open_data = OpenData()  # the open data files the last render made
        self.problems: list[str] = []  # of the last render, shown on every page
        self._cards: dict[str, Path] = {}  # the social cards in the preview's site, by path there

    def check_files(self, files: list[Path], check: Callable[[list[Path]], list[CheckedFile]],
                    vocabulary: Any) -> list[CheckedFile]:
        """The checked files, `check`ing only those whose bytes, or the `vocabulary` they were
        checked against, changed since they were last checked."""
        if vocabulary != self._vocabulary:
            self._checked, self._vocabulary = {}, vocabulary
        known, self._checked = self._checked, {}
        self._stamps = Stamps(self._stamps.kept)  # only the files of this check are remembered
        digests = {path: _digest(path, self._stamps) for path in files}
        unknown = [path for path in files if digests[path] is None or path not in known or known[path][0] != digests[path]]
        known.update((path, (digests[path], checked)) for path, checked in zip(unknown, check(unknown)))
        self._checked = {path: known[path] for path in files}
        return [checked for _, checked in self._checked.values()]

    def forget_render(self) -> None:
        """Render every page next time: the pages of the last render are not all there."""
        self._cases = None
        self._showing = self._noted = None

    def put_cards(self, cards: dict[str, Path], site_dir: Path) -> None:
        """Put into the preview's site, which it keeps between rebuilds (`casebook serve` runs
        MkDocs' dirty builds, which never empty it), the `cards` not there yet as they are (at ten
        thousand cases, checking every card took a second of each rebuild)."""
        copy_cards({path: card for path, card in cards.items() if self._cards.get(path) != card}, site_dir)
        self._cards = cards

    def pages_showing(self, ids: set[str]) -> set[str]:
        """The paths of the pages that show any of these cases, as noted in the last render of
        every page: which cases a page shows follows from the cases' outline, unchanged since then
        (else `edited` would have said so)."""
        return set().union(*(self._showing.get(case_id, ()) for case_id in ids))

    def note(self, path: str, context: dict[str, Any]) -> None:
        """The cases a page being rendered shows, noted while every page is rendered."""
        if self._noted is not None:
            self._noted[path] = cases_shown(context)

    def rendered(self, pages: dict[str, Page]) -> None:
        """After a render: when every page was noted, which pages show which case is known, and
        the first text edit need not work it out."""
        noted, self._noted = self._noted, None
        if noted is not None and noted.keys() == pages.keys():
            self._showing = _by_case(noted.items())

    def edited(self, library: Library, arranged_by: tuple[str, ...]) -> set[str] | None:
        """Ids of the cases whose text changed since the last render; None when anything more
        changed (a case added, removed or re-outlined by the fields `arranged_by`, the vocabulary,
        settings or permalinks), or the last render of every page did not note which pages show
        which case, and so every page must be rendered."""
        before, self._cases = self._cases, {case.id: case for case in library.published}
        setting = (library.taxonomy, library.measures, library.registry, library.settings,
                   {case_id: origin.path for case_id, origin in library.origins.items()})
        setting_before, self._setting = self._setting, setting
        if (before is None or self._showing is None or setting_before != setting or before.keys() != self._cases.keys()
                or any(before[id_] is not case and outline(before[id_], arranged_by) != outline(case, arranged_by)
                       for id_, case in self._cases.items())):
            self._showing, self._noted = None, {}
            return None
        return {id_ for id_, case in self._cases.items() if before[id_] != case}


def _by_case(shown: Iterable[tuple[str, set[str]]]) -> dict[str, set[str]]:
    """Case id → the paths of the pages showing it, from each page's path and the cases it shows."""
    by_case = collections.defaultdict(set)
    for path, case_ids in shown:
        for case_id in case_ids:
            by_case[case_id].add(path)
    return by_case


def _digest(path: Path, stamps: Stamps) -> str | None:
    """The hash of a regular file's bytes (read again only when its stamp changed); None for
    anything else (a link, a device), which the guarded loader refuses without reading it."""
    if not stat.S_ISREG(path.lstat().st_mode):
        return None
    return stamps.digest(str(path))


def mentions(value: Any, ids: set[str]) -> bool:
    """Whether a page's context shows any of these cases."""
    return not ids.isdisjoint(cases_shown(value))


def cases_shown(value: Any, found: set[str] | None = None) -> set[str]:
    """The ids of the cases a page's context shows (places are outline, not walked)."""
    found = set() if found is None else found
    if isinstance(value, Case):
        found.add(value.id)
    elif isinstance(value, dict):
        for item in value.values():
            cases_shown(item, found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            cases_shown(item, found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, (type, RegionNode)):
        for item in dataclasses.fields(value):
            cases_shown(getattr(value, item.name), found)
    return found
