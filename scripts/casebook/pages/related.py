"""Practices elsewhere like a given one, as a case page lists them under each practice: those that
report the same comparable measure or carry the same tags, in other cases.

Found in bounded time however large the library: for each measure and tag a practice has, only
its nearest few neighbours in the listing order (by place, then period) are candidates, so the
practices offered are also those nearest in place. Candidates sharing a measure come first, then
those sharing more tags, then the nearest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from casebook.sources.schema import Case, Practice

SHOWN = 3  # related practices under each practice
NEIGHBOURS = 4  # candidates taken on each side, for each measure and tag


@dataclass(frozen=True)
class Related:
    """A practice like another, and what they share (measure names and tags, as the page says why)."""

    case: Case
    practice: Practice
    shared: tuple[str, ...]


# What two practices may share: ("measure", id) or ("tag", name).
Key = tuple[str, str]


def _keys(practice: Practice) -> list[Key]:
    measures = dict.fromkeys(m.measure for m in practice.metrics if m.measure)
    return [("measure", m) for m in measures] + [("tag", t) for t in practice.tags]


class RelatedPractices:
    """(case id, practice id) → up to SHOWN practices of other cases like it. Each practice's are
    found when asked for: a live preview renders a few case pages after an edit, not all."""

    def __init__(self, cases: list[Case], measure_names: dict[str, str]):
        """`cases` in listing order."""
        self._names = measure_names
        self._entries = [(number, case, practice) for number, case in enumerate(cases) for practice in case.practices]
        self._holders: dict[Key, list[int]] = defaultdict(list)  # each key's practices, as indexes into _entries
        self._where: dict[tuple[int, Key], int] = {}  # (entry, key) → the entry's place among the key's holders
        self._index: dict[tuple[str, str], int] = {}  # (case id, practice id) → the entry
        for index, (_, case, practice) in enumerate(self._entries):
            self._index[case.id, practice.id] = index
            for key in _keys(practice):
                self._where[index, key] = len(self._holders[key])
                self._holders[key].append(index)

    def __getitem__(self, ids: tuple[str, str]) -> list[Related]:
        index = self._index[ids]
        number, _, practice = self._entries[index]
        shared: dict[int, list[Key]] = defaultdict(list)
        for key in _keys(practice):
            for other in _neighbours(self._holders[key], self._where[index, key], self._entries, number):
                shared[other].append(key)
        ranked = sorted(shared, key=lambda other: (-sum(kind == "measure" for kind, _ in shared[other]),
                                                   -len(shared[other]), abs(self._entries[other][0] - number), other))
        return [Related(self._entries[other][1], self._entries[other][2],
                        tuple(self._names[name] if kind == "measure" else name for kind, name in shared[other]))
                for other in ranked[:SHOWN]]


def _neighbours(holders: list[int], place: int, entries: list, number: int) -> list[int]:
    """Up to NEIGHBOURS holders on each side of `place` that belong to other cases than case `number`."""
    near = []
    for step in (-1, 1):
        at, taken = place + step, 0
        while 0 <= at < len(holders) and taken < NEIGHBOURS:
            if entries[holders[at]][0] != number:
                near.append(holders[at])
                taken += 1
            at += step
    return near
