"""The case schema: the one source of truth for what a case file holds.

The pydantic models here validate case files and also emit `schema/case.schema.json`
(`casebook schema`), so editors' tools and the pipeline check the same rules. Vocabulary checks
(categories, tags, comparable measures) read the vocabularies passed as validation context,
because the vocabulary is data (`cases/_taxonomy.yml`, `cases/_metrics.yml`), not code."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from casebook.sources.fields import (
    LIMITS,
    MAX_PERIOD_YEARS,
    Date,
    Label,
    PastDate,
    Slug,
    WebUrl,
    Year,
    limited,
    not_in_future,
)

if TYPE_CHECKING:  # the vocabularies are read with the loader's guards, which use these fields
    from casebook.vocabularies.measures import MetricVocabulary
    from casebook.vocabularies.taxonomy import Taxonomy


MAX_METRIC = 10**15

Level = Literal["省级", "地市级", "县级", "乡镇级"]
# The field of a region that names the place at each level, from the broadest: a case at a level names
# its place in that field.
PLACE_LEVELS: dict[str, Level] = {"province": "省级", "city": "地市级", "county": "县级", "town": "乡镇级"}

SourceKind = Literal["news", "annual-report", "press-conference", "government-document"]
SOURCE_KIND_NAMES: dict[str, str] = {"news": "新闻报道", "annual-report": "年度报告", "press-conference": "新闻发布会",
                                     "government-document": "政府文件"}

Status = Literal["draft", "published"]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not vanish silently. A checked case is not
    changed in place (normalise.py makes changed copies)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Region(Strict):
    province: limited("place") = Field(description="省级行政区，如 山东省")
    city: limited("place") | None = Field(None, description="地级市，如 枣庄市")
    county: limited("place") | None = Field(None, description="县、县级市或市辖区，如 济阳区")
    town: limited("place") | None = Field(None, description="乡镇或街道，如 莒镇")
    level: Level = Field(description="案例主体的政府层级")

    @model_validator(mode="after")
    def _level_has_its_place(self) -> Region:
        needed = next(name for name, level in PLACE_LEVELS.items() if level == self.level)
        if needed and getattr(self, needed) is None:
            raise PydanticCustomError(
                "region_level", "层级为 {level} 时必须填写 {field}",
                {"level": self.level, "field": needed},
            )
        return self


class Period(Strict):
    start: Date = Field(description="起始日期 YYYY-MM-DD")
    end: Date = Field(description="结束日期 YYYY-MM-DD")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError("period_order", "结束日期 end 早于起始日期 start")
        if self.end.year - self.start.year >= MAX_PERIOD_YEARS:
            raise PydanticCustomError("period_length", "时期跨度超过 {years} 年；请核对起止日期",
                                      {"years": MAX_PERIOD_YEARS})
        return self

    @field_validator("start")
    @classmethod
    def _started(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        return not_in_future(value, info)


class Honour(Strict):
    name: limited("name") = Field(description="荣誉名称，如 全国法治政府建设示范市")
    conferred_by: limited("name") | None = Field(None, description="授予机关")
    batch: int | None = Field(None, strict=True, ge=1, le=1000, description="第几批")
    year: Year | None = Field(None, description="获评年份")


class Metric(Strict):
    name: limited("name") = Field(description="指标名称，如 行政机关负责人出庭应诉率")
    # Before unit: the unit is checked against the measure (validators see earlier fields only).
    measure: Slug | None = Field(None, description="可比指标 id，取自 cases/_metrics.yml；"
                                                   "填写后该数值在“对比”页与其他地区并列")
    # A number as written (not "200" in quotes, not true); finite, and small enough that a float
    # still holds every whole number exactly (< 2**53).
    value: float = Field(strict=True, ge=-MAX_METRIC, le=MAX_METRIC, allow_inf_nan=False,
                         description="数值（来源中给出的数字）")
    unit: Annotated[Label, Field(max_length=20)] = Field("", validate_default=True,
                                                         description="单位，如 %、件、项；无单位留空")
    year: Year | None = Field(None, description="数值所属年份")
    note: limited("item") | None = Field(None, description="口径说明，如 “余”“以上”")
    quote: limited("quote") | None = Field(None, description="来源中给出这个数字的原话（一个短句，约 60 字以内；"
                                                             "发布时必填，须含这个数字）")

    @field_validator("measure")
    @classmethod
    def _known_measure(cls, value: str | None, info: ValidationInfo) -> str | None:
        metrics = _metrics(info)
        if value is not None and metrics is not None and value not in metrics.ids:
            raise PydanticCustomError(
                "unknown_measure", "未知的可比指标 “{value}”；应为 cases/_metrics.yml 中的以下之一：{known}",
                {"value": value, "known": "、".join(metrics.ids) or "（词表为空）"},
            )
        return value

    @field_validator("unit")
    @classmethod
    def _unit_of_measure(cls, value: str, info: ValidationInfo) -> str:
        metrics, measure_id = _metrics(info), info.data.get("measure")
        if metrics is None or measure_id is None:
            return value
        measure = metrics.measure(measure_id)
        if value not in measure.units:
            raise PydanticCustomError(
                "measure_unit", "可比指标 {measure}（{name}）的单位应为 {expected}（现为 “{value}”）；"
                                "单位不同的数值不能并列比较，请换算，或删去 measure",
                {"measure": measure.id, "name": measure.name, "value": value,
                 "expected": "、".join(f"“{u}”" for u in measure.units)},
            )
        return value


class Practice(Strict):
    id: Slug = Field(description="做法的永久锚点，发布后不再改动")
    title: limited("practice_title") = Field(description="做法标题")
    category: Label = Field(description="分类 slug，见 cases/_taxonomy.yml")
    tags: list[Label] = Field(default_factory=list, max_length=LIMITS["tags"],
                              description="标签，取自 cases/_taxonomy.yml")
    description: limited("description") = Field(description="用自己的话概述做法，数字须来自来源")
    metrics: list[Metric] = Field(default_factory=list, max_length=LIMITS["metrics"])

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str, info: ValidationInfo) -> str:
        taxonomy = _taxonomy(info)
        if not taxonomy or value in taxonomy.category_slugs:
            return value
        named = next((c.slug for c in taxonomy.categories if c.name == value), None)
        if named:  # the name the site shows: the editor is told the slug that stands for it
            raise PydanticCustomError("category_name", "“{value}”是分类的名称；category 应写它的 slug：{slug}",
                                      {"value": value, "slug": named})
        raise PydanticCustomError(
            "unknown_category", "未知分类 “{value}”；应为以下之一：{known}",
            {"value": value, "known": "、".join(f"{c.slug}（{c.name}）" for c in taxonomy.categories)},
        )

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, values: list[str], info: ValidationInfo) -> list[str]:
        taxonomy = _taxonomy(info)
        unknown = [v for v in values if taxonomy and v not in taxonomy.tag_names]
        by_slug = {t.slug: t.name for t in taxonomy.tags} if taxonomy else {}
        if unknown and all(v in by_slug for v in unknown):  # a tag's slug, from its page's address
            raise PydanticCustomError(
                "tag_slug", "标签写中文名称：{names}",
                {"names": "、".join(f"“{v}”应为 {by_slug[v]}" for v in unknown)},
            )
        if unknown:
            raise PydanticCustomError(
                "unknown_tag", "未知标签 {unknown}；请使用 cases/_taxonomy.yml 中的标签，或先在那里新增",
                {"unknown": "、".join(f"“{v}”" for v in unknown)},
            )
        if len(set(values)) != len(values):
            raise PydanticCustomError("duplicate_tag", "标签重复")
        return values


class Source(Strict):
    title: limited("source_title") | None = Field(None, description="来源标题（草稿可暂缺，发布时必填）")
    publisher: limited("name") | None = Field(None, description="发布机构或媒体（来源未载明时留空，不要猜）")
    date: PastDate | None = Field(None, description="发布日期 YYYY-MM-DD（来源未载明时留空，不要猜）")
    kind: SourceKind = Field(description=" / ".join(f"{kind} {name}" for kind, name in SOURCE_KIND_NAMES.items()))
    url: WebUrl | None = Field(None, description="原文网址（已知时填写）")
    note: limited("item") | None = Field(None, description="关于来源的说明，如 日期只知道大致范围")


# The fields an editor may mark as inferred, named as problems name them: the facts a case gives about
# place, time, honours, the year of a figure and its sources. Its prose is the editor's own words, and
# a figure's value and words come from the source, so neither is ever an inference.
INFERABLE_PATTERN = (r"^(region\.(province|city|county|town|level)|period(\.(start|end))?"
                     r"|honours\[\d+\]\.(conferred_by|batch|year)|practices\[\d+\]\.metrics\[\d+\]\.year"
                     r"|sources\[\d+\]\.(title|publisher|date|kind))$")


class Inference(Strict):
    field: str = Field(pattern=INFERABLE_PATTERN,
                       description="编辑推定（来源未直接写明）的字段，如 period、region.city、sources[0].date")
    reason: limited("item") = Field(description="推定的依据，写给读者看的中文说明")


# Fields a draft may leave empty (an imported article may not state them) but a published case needs.
PUBLISHED_NEEDS = ("title", "period")


class Case(Strict):
    id: Slug = Field(description="案例的永久 id，与文件名一致，如 shandong-zaozhuang-2022")
    title: limited("title") | None = Field(None, description="案例标题（草稿可暂缺，发布时必填）")
    region: Region
    period: Period | None = Field(None, description="案例覆盖的时期（草稿可暂缺，发布时必填）")
    honours: list[Honour] = Field(default_factory=list, max_length=LIMITS["honours"])
    summary: limited("summary")
    practices: list[Practice] = Field(min_length=1, max_length=LIMITS["practices"])
    problems: list[limited("item")] = Field(default_factory=list, max_length=LIMITS["items"],
                                          description="来源所述的问题与不足")
    next_steps: list[limited("item")] = Field(default_factory=list, max_length=LIMITS["items"],
                                            description="来源所述的下一步打算")
    sources: list[Source] = Field(min_length=1, max_length=LIMITS["sources"])
    inferred: list[Inference] = Field(default_factory=list, description="编辑推定的字段及其依据；页面上标注“推定”")
    status: Status
    last_reviewed: PastDate = Field(description="最近一次对照来源核对的日期")

    @field_validator("practices")
    @classmethod
    def _unique_practice_ids(cls, practices: list[Practice]) -> list[Practice]:
        seen: set[str] = set()
        for practice in practices:
            if practice.id in seen:
                raise PydanticCustomError(
                    "duplicate_practice", "做法 id “{id}” 重复；每个做法的 id 须唯一",
                    {"id": practice.id},
                )
            seen.add(practice.id)
        return practices


def _taxonomy(info: ValidationInfo) -> Taxonomy | None:
    return (info.context or {}).get("taxonomy")


def _metrics(info: ValidationInfo) -> MetricVocabulary | None:
    return (info.context or {}).get("metrics")


def json_schema(taxonomy: Taxonomy) -> dict:
    """The JSON Schema of a case file, with the vocabulary filled in for editors' completion."""
    schema = Case.model_json_schema()
    # A draft may still lack what its source did not state; a published case may not.
    schema["if"] = {"properties": {"status": {"const": "published"}}}
    schema["then"] = {"required": list(PUBLISHED_NEEDS), "properties": {"practices": {"items": {"properties": {
        "metrics": {"items": {"required": ["quote"]}}}}}}}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "法治政府建设案例"
    practice = schema["$defs"]["Practice"]["properties"]
    practice["category"]["enum"] = list(taxonomy.category_slugs)
    practice["tags"]["items"]["enum"] = list(taxonomy.tag_names)
    return schema


def json_schema_text(taxonomy: Taxonomy) -> str:
    return json.dumps(json_schema(taxonomy), ensure_ascii=False, indent=2) + "\n"
