"""The vocabulary of comparable metrics, read from `cases/_metrics.yml`.

A measure is a metric that means the same in every case that reports it (the same name, unit and
口径), so its values can stand side by side on a compare page. Case metrics name their measure
with `measure: <id>`; a metric whose name is the measure's name or one of its aliases is
recognised without it (see normalise.py). Other metrics stay case-specific and are not compared.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .load import load_case
from .problems import CaseErrors, Problem
from .schema import Slug, Text
from .taxonomy import Taxonomy
from .validate import _problem

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
    unit: str
    unit_aliases: tuple[str, ...] = ()  # other words sources use for the same unit (个 for 项)
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

    @field_validator("measures")
    @classmethod
    def _one_meaning_per_id_and_name(cls, measures: tuple[Measure, ...]) -> tuple[Measure, ...]:
        ids = [m.id for m in measures]
        keys = [name_key(n) for m in measures for n in m.names]
        repeated = sorted({i for i in ids if ids.count(i) > 1} | {k for k in keys if keys.count(k) > 1})
        if repeated:
            raise PydanticCustomError(
                "duplicate_measure", "id 或名称重复：{repeated}；每个 id、名称和别名只能指一个指标",
                {"repeated": "、".join(repeated)},
            )
        return measures

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


def load_metrics(cases_dir: Path, taxonomy: Taxonomy) -> MetricVocabulary:
    """The vocabulary, read with the same guards as case files; none without the file."""
    path = cases_dir / METRICS_FILE
    if not path.exists():  # a casebook without a vocabulary simply compares nothing
        return MetricVocabulary()
    loaded = load_case(path, Path(cases_dir.name) / METRICS_FILE)
    if isinstance(loaded, Problem):
        raise CaseErrors([loaded])
    try:
        return MetricVocabulary.model_validate(loaded.plain(), context={"taxonomy": taxonomy})
    except ValidationError as error:
        raise CaseErrors([_problem(loaded, detail) for detail in error.errors()]) from None
