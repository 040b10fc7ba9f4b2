"""The vocabulary of comparable metrics, read from `cases/_metrics.yml`.

A measure is a metric that means the same in every case that reports it (the same name, unit and
口径), so its values can stand side by side on a compare page. Case metrics name their measure
with `measure: <id>`; a metric whose name is the measure's name or one of its aliases is
recognised without it (see normalise.py). Other metrics stay case-specific and are not compared.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from casebook.sources.fields import Label, Slug, Text
from casebook.sources.vocabulary_file import read_vocabulary, repeated
from casebook.vocabularies.taxonomy import Taxonomy

METRICS_FILE = "_metrics.yml"
# Quotation marks and spaces do not change what a metric is: 实现“跨省通办”的事项 = 实现跨省通办的事项.
_NOT_PART_OF_A_NAME = re.compile(r"[\s“”‘’\"'「」『』]")


def name_key(name: str) -> str:
    """A metric name as compared with the vocabulary's names and aliases."""
    return _NOT_PART_OF_A_NAME.sub("", name)


class Measure(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: Text
    unit: Label
    unit_aliases: tuple[Label, ...] = ()  # other words sources use for the same unit (个 for 项)
    definition: Text  # 口径: what is counted, and over what
    category: str
    aliases: tuple[Text, ...] = ()  # other names sources give the same measure

    @property
    def units(self) -> tuple[str, ...]:
        return (self.unit, *self.unit_aliases)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str, info: ValidationInfo) -> str:
        taxonomy: Taxonomy | None = (info.context or {}).get("taxonomy")
        if taxonomy and value not in taxonomy.category_slugs:
            raise PydanticCustomError(
                "unknown_category", "未知分类 “{value}”；应为以下之一：{known}",
                {"value": value, "known": "、".join(taxonomy.category_slugs)},
            )
        return value


class MetricVocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    measures: tuple[Measure, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.measures)

    def measure(self, measure_id: str) -> Measure:
        return next(m for m in self.measures if m.id == measure_id)

    def recognise(self, name: str, unit: str) -> Measure | None:
        """The measure a metric's name stands for, when its unit is the measure's too."""
        key = name_key(name)
        return next((m for m in self.measures
                     if unit in m.units and key in {name_key(n) for n in m.names}), None)


def _repeats(vocabulary: MetricVocabulary):
    """An id, and a name or alias, means one measure only."""
    yield from repeated(((("measures", i, "id"), m.id) for i, m in enumerate(vocabulary.measures)), "指标 id")
    yield from repeated(((("measures", i, "name") if n == 0 else ("measures", i, "aliases", n - 1), name_key(name))
                         for i, m in enumerate(vocabulary.measures) for n, name in enumerate(m.names)),
                        "指标名称或别名")


def load_metrics(cases_dir: Path, taxonomy: Taxonomy) -> MetricVocabulary:
    """The vocabulary, read with the same guards and checks as case files; none without the file."""
    if not (cases_dir / METRICS_FILE).exists():  # a casebook without a vocabulary simply compares nothing
        return MetricVocabulary()
    return read_vocabulary(cases_dir, METRICS_FILE, MetricVocabulary, {"taxonomy": taxonomy}, _repeats)[0]
