"""Normalisation: Simplified Chinese, no pinyin readings, Chinese punctuation, nothing else touched."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from casebook.sources.normalise import (
    chinese_punctuation,
    normalise_case,
    normalise_text,
    strip_pinyin_readings,
    to_simplified,
)
from casebook.sources.schema import Case
from casebook.vocabularies.taxonomy import load_taxonomy
from support import REPO, good_case_text


@pytest.mark.parametrize("raw,expected", [
    ("棗莊市成功創(chuàng)建全國法治政府建設示範市", "枣庄市成功创建全国法治政府建设示范市"),
    ("法治事業(yè)三年大發(fā)展", "法治事业三年大发展"),
    ("優(yōu)化營商環(huán)境", "优化营商环境"),
    ("12月15日上午,棗莊市", "12月15日上午，枣庄市"),
])
def test_traditional_with_pinyin_noise_becomes_clean_simplified(raw, expected):
    assert normalise_text(raw) == expected


def test_a_reading_of_the_character_is_removed():
    assert strip_pinyin_readings("行(háng)业，發（fā）展") == "行业，發展"


@pytest.mark.parametrize("text", [
    "上线“三晋通”App(APP)服务",  # Latin in parentheses that is no reading
    "创(abc)建",                  # not a syllable of 创
    "创(chuang)建",               # a syllable without its tone mark is not the noise seen in articles
])
def test_other_parentheses_are_kept(text):
    assert strip_pinyin_readings(text) == text


def test_parentheses_change_as_a_pair_only_around_chinese():
    assert chinese_punctuation("办法(试行)和 App (APP)") == "办法（试行）和 App (APP)"


def test_numbers_and_decimal_points_are_left_alone():
    assert normalise_text("成功率66.46%, 增长2.5倍") == "成功率66.46%，增长2.5倍"


def test_case_prose_is_normalised_but_ids_urls_and_vocabulary_are_not():
    data = yaml.safe_load(good_case_text())
    data["title"] = "示範市：測試用案例"
    data["practices"][0]["description"] = "創(chuàng)建調解機制"
    data["problems"] = ["問題一"]
    data["sources"][0]["url"] = "https://example.org/Report(1)"
    taxonomy = load_taxonomy(REPO / "cases")
    case = normalise_case(Case.model_validate(data, context={"taxonomy": taxonomy}))
    assert case.title == "示范市：测试用案例"
    assert case.practices[0].description == "创建调解机制"
    assert case.problems == ["问题一"]
    assert case.sources[0].url == "https://example.org/Report%281%29"  # checked and percent-encoded, not normalised
    assert case.practices[0].tags == ["人民调解", "诉调对接"]
    assert case.practices[0].id == "test-mediation"


def normalised_case(title: str) -> Case:
    data = yaml.safe_load(good_case_text())
    data["title"] = title
    return normalise_case(Case.model_validate(data, context={"taxonomy": load_taxonomy(REPO / "cases")}))


def test_a_normalised_case_cannot_be_changed_in_place():
    case = normalised_case("測試用案例")
    with pytest.raises(ValidationError, match="frozen"):
        case.practices[0].title = "另一个做法"
    assert case.title == "测试用案例" and case.model_copy(update={"title": "新标题"}).title == "新标题"


def test_normalised_cases_share_the_names_of_their_given_fields():
    """A set of names per model weighed 90 MB of a 10,000-case library; equal sets are one."""
    one, other = normalised_case("测试一"), normalised_case("测试二")
    assert one.model_fields_set == other.model_fields_set == set(yaml.safe_load(good_case_text()))
    assert one.model_fields_set is other.model_fields_set
    assert one.practices[0].model_fields_set is other.practices[0].model_fields_set
    assert one.practices[0].metrics[0].model_fields_set is other.practices[0].metrics[0].model_fields_set
    assert one.region.model_fields_set is not one.model_fields_set  # other names, another set


@pytest.mark.parametrize("path", sorted((REPO / "cases").rglob("*.yml")), ids=lambda p: p.name)
def test_bundled_cases_hold_no_traditional_characters_or_pinyin(path):
    text = path.read_text(encoding="utf-8")
    assert to_simplified(text) == text
    assert strip_pinyin_readings(text) == text
