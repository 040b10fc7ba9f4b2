"""A draft case from an article: cleaning, structure, metadata, region, categories and metrics
put together as the fields of a case, with what the editor must supply or check."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from casebook.core.text_rules import HAN
from casebook.sources.normalise import to_simplified
from casebook.vocabularies.measures import MetricVocabulary
from casebook.vocabularies.place_slugs import place_slug
from casebook.vocabularies.taxonomy import Taxonomy

from .categorise import suggest
from .clean import Cleaned, clean_article
from .figures import FoundMetric, find_metrics
from .metadata import Found, Metadata, read_metadata
from .place_finder import FoundPlace, find_region
from .slugs import title_slug, unique
from .source import Article, ArticleUnreadable
from .structure import Structure, read_structure
from .vocabulary import vocabulary

PLACEHOLDER = "xxxx"  # stands in an id for what the article does not state; the editor replaces it
Loc = tuple[str | int, ...]
# What follows the place at the start of a title: 沂水县人民政府关于2023年度… → 2023年度…
_OWN_NAME = re.compile(r"^(?:人民政府|政府)?(?:关于)?[：:]?")
_LEFTOVER_READING = re.compile(rf"[{HAN}][（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[）)]")
# 2024年，房山区坚持…: the first clause of a text opening with its year names who did that year's work;
# 2023年，在二七区委…领导下: not one saying under whose leadership.
_YEAR_SUBJECT = re.compile(r"^\d{4}年(?:度|以来)?[，,]?(?!在)[^，,。；]{2,30}")
_NOTED_FURNITURE = {"furniture": "分享按钮、往期列表等页面元素", "navigation": "网站导航栏", "page-header": "报纸版面标题",
                    "credit": "记者、通讯员署名", "field": "索引号、点击数等页面信息栏", "banner": "标题上方的标语"}


@dataclass(frozen=True)
class EditorNote:
    """A field the editor must supply or check, and what is expected there."""

    loc: Loc
    message: str


@dataclass
class Draft:
    case: dict[str, Any]
    province_slug: str | None
    comments: dict[Loc, str] = field(default_factory=dict)  # end-of-line comments, by field
    notes: list[EditorNote] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    year: int | None = None        # the year of the work reported, when the article states it
    reports_practice: bool = True  # False for a plan, notice or letter that reports no practice

    @property
    def practices_per_category(self) -> Counter[str]:
        return Counter(p["category"] for p in self.case["practices"])

    @property
    def metric_count(self) -> int:
        return sum(len(p["metrics"]) for p in self.case["practices"])


def make_draft(article: Article, taxonomy: Taxonomy, today: dt.date,
               metrics: MetricVocabulary | None = None) -> Draft:
    cleaned = clean_article(article.text, article.page_text)
    if not cleaned.paragraphs:
        raise ArticleUnreadable(f"{article.name}：去掉页面元素后没有剩下正文；请确认这是一篇文章")
    structure = read_structure(cleaned.paragraphs, cleaned.fields.get("title") or "——".join(cleaned.title_lines))
    metadata = read_metadata(article, cleaned, structure)
    # Who signs and the outlet of a dateline (仪陇新闻网讯) name places too.
    region = find_region(_text(metadata.title) or _reported_as(cleaned),
                         "\n".join(cleaned.paragraphs + cleaned.traced("signature") + cleaned.traced("dateline")),
                         article.url)
    year = metadata.year.value if metadata.year else None
    reports = metadata.reports_practice.value if metadata.reports_practice else True
    draft = Draft({}, place_slug(region.province) if region.province else None, unplaced=structure.unplaced,
                  year=year, reports_practice=reports)
    if not reports:  # a plan or notice: its tasks are not practices, and none is made up
        structure.practices, draft.unplaced = [], []
        draft.notes.append(EditorNote(("practices",), f"{metadata.reports_practice.evidence}；"
                                      "如仍要收录，请从报告实际做法的来源补充做法"))
    draft.case = {
        "id": _case_id(region, year, metadata, draft),
        "title": _case_title(region, metadata, draft),
        "region": _region(region, draft),
        "period": _period(metadata.period, draft),
        "honours": metadata.honours,
        "summary": _summary(structure, draft),
        "practices": _practices(structure, taxonomy, year if _is_report(metadata) else None, draft,
                                metrics or MetricVocabulary()),
        "problems": structure.problems,
        "next_steps": structure.next_steps,
        "sources": [_source(metadata, cleaned, draft, article.url)],
        # What the page does not state but the importer filled in (a county from the web address).
        **({"inferred": [{"field": f, "reason": why} for f, why in region.inferred]} if region.inferred else {}),
        "status": "draft",
        "last_reviewed": today,
    }
    draft.comments[("last_reviewed",)] = "导入日期；对照原文核对后改为核对日期"
    _check_leftovers(draft)
    return draft


def _reported_as(cleaned: Cleaned) -> str:
    """An untitled report's own words for what it reports (现将宝城镇2025年度法治政府建设情况报告如下),
    and the first clause of a text opening with its year (2024年，房山区坚持…), who did the year's
    work: they name its subject as a title would."""
    said = re.search(vocabulary().kinds.annual_report.lead_pattern, "".join(cleaned.paragraphs[:2]))
    opening = _YEAR_SUBJECT.match(cleaned.paragraphs[0]) if cleaned.paragraphs else None
    return " ".join(match.group() for match in (said, opening) if match)


def _case_id(region: FoundPlace, year: int | None, metadata: Metadata, draft: Draft) -> str:
    """province-place-year in pinyin (shandong-zibo-2021; a town also names its county)."""
    places = [region.province] + ([region.county, region.town] if region.town else [region.subject])
    parts = [place_slug(p) if p else PLACEHOLDER for p in dict.fromkeys(places)]
    parts.append(str(year) if year else PLACEHOLDER)
    missing = "、".join(([] if region.subject else ["地区"]) + ([] if year else ["年份"]))
    if missing:
        draft.notes.append(EditorNote(("id",), f"原文没有写明{missing}；请把 id 中的 {PLACEHOLDER} 换成地名拼音或年份，并把文件改成同名"))
    elif metadata.year and metadata.year.check:
        draft.notes.append(EditorNote(("id",), f"id 中的年份取自{metadata.year.evidence}，请核对（发布后 id 不再改动）"))
    return "-".join(parts)


def _case_title(region: FoundPlace, metadata: Metadata, draft: Draft) -> str | None:
    title = _text(metadata.title)
    place = (region.county or "") + region.town if region.town else region.subject
    if region.town and title and title.startswith(region.town):  # 三都镇2025年… under 柳江区三都镇
        title = (region.county or "") + title
    if not title:
        draft.notes.append(EditorNote(("title",), "原文没有标题；请拟定案例标题，如“某市：某项做法”"))
        draft.comments[("title",)] = "待补：原文没有标题"
        return None
    if metadata.title.check:
        draft.notes.append(EditorNote(("title",), f"标题取自{metadata.title.evidence}，请核对或改写"))
    rest = _OWN_NAME.sub("", title[len(place):]) if place and title.startswith(place) else title
    return f"{place}：{rest}" if place else title


def _region(region: FoundPlace, draft: Draft) -> dict[str, str] | None:
    fields = region.as_case_field()
    for doubt in region.doubts:
        draft.notes.append(EditorNote(("region",), doubt))
    if not fields.get("province") or not fields.get("level"):
        draft.notes.append(EditorNote(("region",), "没有找到文章所述的地区；请填写 province 和 level（省级、地市级、县级或乡镇级）"))
    for path, why in region.inferred:
        draft.notes.append(EditorNote(("region",), f"{path.split('.')[-1]}：{why}，请核对"))
    if region.evidence:
        draft.comments[("region",)] = f"依据：{region.evidence}"
    return fields or None


def _period(found: Found | None, draft: Draft) -> dict[str, dt.date] | None:
    if found is None:
        draft.notes.append(EditorNote(("period",), "原文没有写明年份；请填写 start 和 end（YYYY-MM-DD）"))
        draft.comments[("period",)] = "待补：原文没有写明年份"
        return None
    start, end = found.value
    draft.comments[("period",)] = f"依据：{found.evidence}"
    if found.check:
        draft.notes.append(EditorNote(("period",), f"期间取自{found.evidence}，请核对"))
    return {"start": start, "end": end}


def _summary(structure: Structure, draft: Draft) -> str | None:
    if not structure.lead:
        draft.notes.append(EditorNote(("summary",), "原文没有导语；请用自己的话写一段概述"))
        return None
    draft.comments[("summary",)] = "摘自原文导语，请改写为自己的话"
    return "".join(structure.lead)


def _practices(structure: Structure, taxonomy: Taxonomy, report_year: int | None, draft: Draft,
               vocabulary: MetricVocabulary) -> list[dict]:
    if structure.shape == "whole" and structure.practices:
        draft.notes.append(EditorNote(("practices",), "原文没有编号或主题句，全文暂作一项做法；请按原文的举措拆分"))
    if not structure.practices and draft.reports_practice:
        draft.notes.append(EditorNote(("practices",), "没有找到做法；请至少写一项"))
    taken: set[str] = set()
    practices = []
    for index, text in enumerate(structure.practices):
        suggestion = suggest(text.title, text.description, taxonomy)
        # A title cut from the description's first clause is read once, not twice.
        read = text.description if text.description.startswith(text.title) else text.title + "。" + text.description
        found = find_metrics(read, report_year)
        practices.append({
            "id": unique(title_slug(text.title), taken),
            "title": text.title,
            "category": suggestion.category,
            "tags": list(suggestion.tags),
            "description": text.description,
            "metrics": [_metric(m, vocabulary) for m in found],
        })
        draft.comments[("practices", index, "category")] = suggestion.comment()
    return practices


def _metric(metric: FoundMetric, vocabulary: MetricVocabulary) -> dict[str, Any]:
    # A label the vocabulary knows (with its unit) is suggested as that comparable measure.
    measure = vocabulary.recognise(metric.name, metric.unit)
    values = {"name": metric.name, "measure": measure.id if measure else None, "value": metric.value,
              "unit": metric.unit, "year": metric.year, "note": metric.note, "quote": metric.quote}
    return {key: value for key, value in values.items() if value is not None}


def _source(metadata: Metadata, cleaned: Cleaned, draft: Draft, url: str) -> dict[str, Any]:
    source: dict[str, Any] = {"title": _text(metadata.title)}
    if url:
        source["url"] = url
    for key, found, missing in (
        ("publisher", metadata.publisher, None),
        ("date", metadata.date, "原文没有写明发布日期；知道时填写（YYYY-MM-DD），不知道就留空"),
        ("kind", metadata.kind, "没有判断出来源类型；请填写 news、annual-report、press-conference 或 government-document"),
    ):
        if found is not None:
            source[key] = found.value
            draft.comments[("sources", 0, key)] = f"依据：{found.evidence}"
            if found.check:
                draft.notes.append(EditorNote(("sources", 0, key), f"{key} 取自{found.evidence}，请核对"))
        elif missing:
            draft.notes.append(EditorNote(("sources", 0, key), missing))
            if key == "kind":
                source[key] = None
    if source["title"] is None:
        draft.notes.append(EditorNote(("sources", 0, "title"), "原文没有标题；请填写来源标题（可据内容拟定，并在 note 中说明）"))
    note = _source_note(cleaned, metadata)
    if note:
        source["note"] = note
    return source


def _source_note(cleaned: Cleaned, metadata: Metadata) -> str | None:
    said = []
    if cleaned.traced("traditional"):
        said.append("原文为繁体，已转为简体")
    if cleaned.traced("pinyin"):
        said.append("已删去原文夹杂的拼音注音")
    dropped = [label for kind, label in _NOTED_FURNITURE.items() if cleaned.traced(kind)]
    if dropped:
        said.append("已删去" + "、".join(dropped))
    signature = cleaned.traced("signature")
    if signature:
        said.append(f"文末署名：{signature[0]}")
    if metadata.date and metadata.date.check:
        said.append(f"日期为{metadata.date.evidence}")
    return "；".join(said) + "。" if said else None


def _check_leftovers(draft: Draft) -> None:
    """The acceptance rule for drafts: no Traditional characters and no pinyin readings left."""
    text = "\n".join(_strings(draft.case))
    if to_simplified(text) != text:
        draft.notes.append(EditorNote((), "草稿中仍有繁体字；请改为简体"))
    if _LEFTOVER_READING.search(text):
        draft.notes.append(EditorNote((), "草稿中仍有拼音注音；请删去"))


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _is_report(metadata: Metadata) -> bool:
    return bool(metadata.kind and metadata.kind.value == "annual-report")


def _text(found: Found | None) -> str | None:
    return str(found.value) if found else None
