"""The region of an article: which province, city, county or town it is about.

Place names come from the gazetteer that cpca ships (the national list of provinces, cities and
counties). The subject is the place named most often, the headline counting more; its parents
come from the gazetteer, and only when the name is unambiguous or the article names the parent
too. Towns are not in the gazetteer: a town is recognised by how official writing names one
(`莒镇人民政府`). What stays unknown is reported, never guessed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

import cpca

from .vocabulary import alternation, vocabulary

PROVINCE, CITY, COUNTY = "province", "city", "county"
LEVELS = {PROVINCE: "省级", CITY: "地市级", COUNTY: "县级", "town": "乡镇级"}
_SPECIFICITY = {PROVINCE: 0, CITY: 1, COUNTY: 2}
_TITLE_WEIGHT = 3
# Two-character full names (城区, 郊区, 和县) are ordinary words far more often than places.
_MIN_NAME_CHARS = 3


@dataclass(frozen=True)
class Division:
    """One entry of the gazetteer: a place and its parents."""

    name: str
    level: str
    province: str
    city: str | None
    county: str | None


@dataclass
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None
    town: str | None = None
    level: str | None = None
    evidence: str = ""
    doubts: list[str] = field(default_factory=list)  # what the editor must decide

    @property
    def subject(self) -> str | None:
        return self.town or self.county or self.city or self.province

    def as_case_field(self) -> dict[str, str]:
        values = {"province": self.province, "city": self.city, "county": self.county,
                  "town": self.town, "level": self.level}
        return {key: value for key, value in values.items() if value}


def find_region(title: str, text: str) -> Region:
    counts = _mentions(title, text)
    if not counts:
        return Region()
    best = max(counts, key=lambda name: (counts[name], max(_SPECIFICITY[d.level] for d in _gazetteer()[name])))
    region = _resolve(best, counts)
    region.evidence = f"“{best}”是文中提到最多的地名（标题中的一次按 {_TITLE_WEIGHT} 次计，共 {counts[best]} 次）"
    town, town_count = _town(title + "\n" + text)
    if town and town_count >= counts[best]:
        _place_town(region, town, town_count, counts)
    return region


def _mentions(title: str, text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for source, weight in ((title, _TITLE_WEIGHT), (text, 1)):
        for match in _name_pattern().finditer(source):
            counts[match.group()] += weight
    return counts


def _resolve(name: str, counts: Counter[str]) -> Region:
    candidates = [d for d in _gazetteer()[name] if d.level == _most_specific_level(name)]
    named = [d for d in candidates if d.province in counts or d.city in counts]
    if len(candidates) > 1 and len(named) == 1:
        candidates = named
    if len(candidates) > 1:
        homes = "、".join(f"{d.province}{d.city or ''}" for d in candidates)
        level = candidates[0].level
        return Region(**{level: name}, level=LEVELS[level],
                      doubts=[f"“{name}”有同名地区（{homes}），请补上所属的省、市"])
    division = candidates[0]
    return Region(province=division.province, city=division.city, county=division.county,
                  level=LEVELS[division.level])


def _most_specific_level(name: str) -> str:
    return max((d.level for d in _gazetteer()[name]), key=_SPECIFICITY.get)


def _place_town(region: Region, town: str, town_count: int, counts: Counter[str]) -> None:
    region.town, region.level = town, LEVELS["town"]
    region.evidence = f"“{town}”出现 {town_count} 次，不少于任何县级以上地名"
    if region.county is None:
        counties = [name for name in counts if _most_specific_level(name) == COUNTY]
        if len(counties) == 1:
            county = _resolve(counties[0], counts)
            region.province, region.city, region.county = county.province, county.city, county.county
            region.doubts += county.doubts
        else:
            region.doubts.append(f"没有找到“{town}”所属的县（市、区），请补上 county")


def _town(text: str) -> tuple[str | None, int]:
    """The town named most often, if the article names one as official writing does."""
    masked = _name_pattern().sub("|", text)  # a county name before the town is a boundary
    names = {m.group(1) for m in _town_pattern().finditer(masked)} - set(vocabulary().town_not_names)
    if not names:
        return None, 0
    best = max(names, key=lambda n: (masked.count(n), -len(n)))
    return best, masked.count(best)


@functools.cache
def _town_pattern() -> re.Pattern[str]:
    han = r"\u3400-\u4dbf\u4e00-\u9fff"
    return re.compile(rf"(?<![{han}])([{han}]{{1,4}}?(?:镇|乡|街道)){alternation(vocabulary().town_anchors)}")


@functools.cache
def _name_pattern() -> re.Pattern[str]:
    names = [name for name in _gazetteer() if len(name) >= _MIN_NAME_CHARS]
    return re.compile(alternation(names))


@functools.cache
def _gazetteer() -> dict[str, tuple[Division, ...]]:
    """Every full place name → the divisions of that name (several: 市中区 is in four cities)."""
    entries: dict[str, set[Division]] = {}
    for name in cpca.area_map:
        if cpca.area_map.get_full_name(name) != name:  # short forms (济阳) are too often words
            continue
        for province, city, county in cpca.area_map.get_relational_addrs(name):
            entries.setdefault(name, set()).add(Division(name, COUNTY, province, _city(province, city), county))
    for name in cpca.city_map:
        if cpca.city_map.get_full_name(name) != name:
            continue
        for province, city, _ in cpca.city_map.get_relational_addrs(name):
            if city != province:  # a municipality is a province-level place
                entries.setdefault(name, set()).add(Division(name, CITY, province, city, None))
    for province in set(cpca.province_map.values()):
        entries.setdefault(province, set()).add(Division(province, PROVINCE, province, None, None))
    return {name: tuple(divisions) for name, divisions in entries.items()}


def _city(province: str, city: str) -> str | None:
    # A municipality's districts and a province's directly administered counties have no city.
    return city if city and city != province else None
