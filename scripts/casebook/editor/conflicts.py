"""Warnings about cases that may describe the same thing twice.

Not errors: two reports can rightly cover one city in overlapping years. An editor is shown the
other file so the reviewer can decide whether to merge or keep both.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from casebook.core.problems import Problem
from casebook.sources.schema import Case
from casebook.vocabularies.place_slugs import region_names


def find_conflicts(cases: list[Case], files: dict[str, Path]) -> list[Problem]:
    return sorted(_same_region_and_period(cases, files) + _shared_source_urls(cases, files))


def _same_region_and_period(cases: list[Case], files: dict[str, Path]) -> list[Problem]:
    warnings = []
    by_region: dict[tuple[str, ...], list[Case]] = defaultdict(list)
    for case in cases:
        if case.period:  # a draft may not know its period yet
            by_region[region_names(case.region)].append(case)
    for group in by_region.values():
        for i, case in enumerate(group):
            for other in group[:i]:
                if case.period.start <= other.period.end and other.period.start <= case.period.end:
                    warnings.append(Problem(files[case.id], 1, "period",
                                            f"警告：与 {files[other.id].as_posix()} 地区相同、时期重叠；"
                                            "请确认不是同一内容的重复案例"))
    return warnings


def _shared_source_urls(cases: list[Case], files: dict[str, Path]) -> list[Problem]:
    warnings = []
    first_case_of_url: dict[str, Case] = {}
    for case in cases:
        for source in case.sources:
            if not source.url:
                continue
            other = first_case_of_url.setdefault(source.url, case)
            if other is not case:
                warnings.append(Problem(files[case.id], 1, "sources",
                                        f"警告：来源 {source.url} 也被 {files[other.id].as_posix()} 引用；"
                                        "请确认两个案例没有重复"))
    return warnings
