"""Step 3, normalise: reader-facing text in Simplified Chinese, without pinyin noise, with
Chinese punctuation.

Articles copied from some sites arrive in Traditional characters with a reading after each
character, e.g. `創(chuàng)建`. Search and display both want `创建`.

A metric named like a comparable measure (its name or an alias in `cases/_metrics.yml`, with the
measure's unit) is recognised as that measure here, after its name is normalised.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar, get_args

import opencc
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pypinyin import Style, pinyin

from casebook.core.text_rules import HAN
from casebook.sources.fields import TEXT
from casebook.sources.schema import Case, Metric

if TYPE_CHECKING:  # a metric is recognised by the vocabulary it is given
    from casebook.vocabularies.measures import MetricVocabulary

ModelT = TypeVar("ModelT", bound=BaseModel)

# A Han character followed by a parenthesised Latin syllable, as in 創(chuàng) or 發（fā）.
_READING = re.compile(rf"([{HAN}])[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{{1,7}})[)）]")
# Half-width punctuation that touches Chinese text on either side.
_HALF_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PUNCT_NEXT_TO_HAN = re.compile(
    rf"(?<=[{HAN}“”])\s*([,;:?!])\s*|\s*([,;:?!])\s*(?=[{HAN}“”])"
)
# Parentheses change as a pair, and only around Chinese text: (APP) stays as it is.
_PARENTHESISED_HAN = re.compile(rf"\(([^()\n]*[{HAN}][^()\n]*)\)")
_SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{HAN}，。；：、！？])[ \t\u3000]+(?=[{HAN}])")


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


@functools.cache
def _readings(char: str) -> frozenset[str]:
    return frozenset(r for group in pinyin(char, style=Style.TONE, heteronym=True) for r in group)


def strip_pinyin_readings(text: str) -> str:
    """Drop `(reading)` after a character when it is that character's pinyin, and only then."""

    def keep_or_drop(match: re.Match[str]) -> str:
        char, syllable = match.groups()
        reading = unicodedata.normalize("NFC", syllable.lower())
        return char if reading in _readings(char) else match.group(0)

    return _READING.sub(keep_or_drop, text)


def chinese_punctuation(text: str) -> str:
    text = _PUNCT_NEXT_TO_HAN.sub(lambda m: _HALF_WIDTH[m.group(1) or m.group(2)], text)
    text = _PARENTHESISED_HAN.sub(r"（\1）", text)
    return _SPACE_BETWEEN_HAN.sub("", text)


def normalise_text(text: str) -> str:
    """The one normalisation every piece of reader-facing text goes through."""
    text = unicodedata.normalize("NFC", text)
    text = strip_pinyin_readings(text)  # before conversion: readings follow the original glyph
    text = to_simplified(text)
    return chinese_punctuation(text)


def normalise_case(case: Case, metrics: MetricVocabulary | None = None) -> Case:
    """The same case with every prose field normalised; ids, URLs and vocabulary untouched;
    metrics named like a measure of `metrics` marked as that measure."""
    normalised = _normalise_model(case)
    return _with_measures(normalised, metrics) if metrics is not None else normalised


def _with_measures(case: Case, metrics: MetricVocabulary) -> Case:
    practices = [_changed(p, {"metrics": [_recognised(m, metrics) for m in p.metrics]}) for p in case.practices]
    return _changed(case, {"practices": practices})


def _recognised(metric: Metric, metrics: MetricVocabulary) -> Metric:
    if metric.measure is not None:
        return metric
    measure = metrics.recognise(metric.name, metric.unit)
    return _changed(metric, {"measure": measure.id}) if measure else metric


def _normalise_model(model: BaseModel) -> Any:
    changes = {name: _normalise_value(getattr(model, name), _is_text(field))
               for name, field in type(model).model_fields.items()}
    return _changed(model, changes)


def _changed(model: ModelT, changes: dict[str, Any]) -> ModelT:
    """`model` with `changes`, which are valid values (normalised text, a known measure): built
    without checking again, and with the names of its given fields in a set shared by every
    model that gave the same ones. A set per model weighed 90 MB of a 10,000-case library; the
    models are frozen, so no one adds to a shared set."""
    return type(model).model_construct(_shared_names(frozenset(model.model_fields_set)), **{**dict(model), **changes})


@functools.cache
def _shared_names(names: frozenset[str]) -> set[str]:
    return set(names)


def reader_text(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every piece of reader-facing text in a model, with where it is: (('practices', 0, 'title'), '…')."""
    for name, field in type(model).model_fields.items():
        yield from _text_in(getattr(model, name), loc + (name,), _is_text(field))


def _text_in(value: Any, loc: tuple[str | int, ...], is_text: bool) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, BaseModel):
        yield from reader_text(value, loc)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_in(item, loc + (index,), is_text)
    elif isinstance(value, str) and is_text:
        yield loc, value


def _is_text(field: FieldInfo) -> bool:
    return TEXT in field.metadata or any(TEXT in getattr(a, "__metadata__", ()) for a in _args(field.annotation))


def _args(annotation: Any) -> tuple[Any, ...]:
    """Type arguments of an annotation, one level of nesting deep (list[Text], Text | None)."""
    direct = get_args(annotation)
    return direct + tuple(inner for arg in direct for inner in get_args(arg))


def _normalise_value(value: Any, is_text: bool) -> Any:
    if isinstance(value, BaseModel):
        return _normalise_model(value)
    if isinstance(value, list):
        return [_normalise_value(item, is_text) for item in value]
    if isinstance(value, str) and is_text:
        return normalise_text(value)
    return value
