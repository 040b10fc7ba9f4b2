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


def related_practices(cases: list[Case], measure_names: dict[str, str]) -> dict[tuple[str, str], list[Related]]:
    """(case id, practice id) → up to SHOWN practices of other cases like it; `cases` in listing order."""
    holders: dict[Key, list[int]] = defaultdict(list)  # each key's practices, as indexes into `entries`
    entries = [(number, case, practice) for number, case in enumerate(cases) for practice in case.practices]
    where: dict[tuple[int, Key], int] = {}  # (entry, key) → the entry's place among the key's holders
    for index, (_, _, practice) in enumerate(entries):
        for key in _keys(practice):
            where[index, key] = len(holders[key])
            holders[key].append(index)

    found = {}
    for index, (number, case, practice) in enumerate(entries):
        shared: dict[int, list[Key]] = defaultdict(list)
        for key in _keys(practice):
            for other in _neighbours(holders[key], where[index, key], entries, number):
                shared[other].append(key)
        ranked = sorted(shared, key=lambda other: (-sum(kind == "measure" for kind, _ in shared[other]),
                                                   -len(shared[other]), abs(entries[other][0] - number), other))
        found[case.id, practice.id] = [
            Related(entries[other][1], entries[other][2],
                    tuple(measure_names[name] if kind == "measure" else name for kind, name in shared[other]))
            for other in ranked[:SHOWN]]
    return found


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
