"""Metadata: what the article states about itself — title, publisher, date, kind — and the
year and period its practices belong to. Each value carries its evidence; a value the article
does not state stays None, and the editor is told."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

import cn2an

from .clean import DATE, Cleaned
from .source import Article
from .structure import Structure
from .vocabulary import vocabulary

# A year as the text states it, outside title marks and not as the end of a range (2021—2025年).
_YEAR = re.compile(r"(?<![\d—\-–~至到])(\d{4})年(?!\d)")
_BOOK_TITLES = re.compile(r"《[^《》]*》|〈[^〈〉]*〉")
_EVENT = re.compile(r"([^，。；：]{4,40}?(?:新闻发布会|发布会))(?:举行|召开)")
_HONOUR = re.compile(
    r"(?:荣获|获评|获得|被命名为|被评为|成功创建|创建成为|入选|成为)"
    r"(?:第(?P<batch>[一二三四五六七八九十\d]+)批)?(?P<quoted>“)?"
    r"(?P<name>(?:全国|全省|[\u4e00-\u9fff]{2,3}省)[^，。；“”]{0,20}?示范(?:市|区|县|地区|城市|镇|乡|街道))"
)
_EARLIEST_YEAR, _LATEST_YEAR = 1949, 2100


@dataclass(frozen=True)
class Found:
    """A value and where it came from (shown to the editor)."""

    value: object
    evidence: str
    check: bool = False  # inferred rather than stated: the editor should confirm it


@dataclass
class Metadata:
    title: Found | None = None
    publisher: Found | None = None
    date: Found | None = None
    kind: Found | None = None
    year: Found | None = None
    period: Found | None = None  # value: (start, end) dates
    honours: list[dict] = field(default_factory=list)


def read_metadata(article: Article, cleaned: Cleaned, structure: Structure) -> Metadata:
    metadata = Metadata()
    metadata.title = _title(article, cleaned, structure)
    title = str(metadata.title.value) if metadata.title else ""
    metadata.publisher = _publisher(article, cleaned)
    metadata.date = _date(article, cleaned)
    metadata.kind = _kind(title, cleaned, structure)
    metadata.year = _year(title, metadata, structure)
    metadata.period = _period(metadata, structure)
    metadata.honours = _honours([title, *cleaned.title_lines, *structure.lead])
    return metadata


def _title(article: Article, cleaned: Cleaned, structure: Structure) -> Found | None:
    if cleaned.fields.get("title"):
        return Found(cleaned.fields["title"], "原文“标题”一栏")
    if article.page_fields.get("title"):
        return Found(article.page_fields["title"], "网页标题")
    if cleaned.title_lines:
        return Found("——".join(cleaned.title_lines), "正文上方的标题行")
    event = _EVENT.search(structure.lead[0]) if structure.lead else None
    if event:
        return Found(event.group(1), "首句所述的发布会名称", check=True)
    return None


def _publisher(article: Article, cleaned: Cleaned) -> Found | None:
    if cleaned.fields.get("publisher"):
        return Found(cleaned.fields["publisher"], "原文所载的发布机构")
    if cleaned.fields.get("source"):
        return Found(cleaned.fields["source"], "原文所载的来源")
    if article.page_fields.get("publisher"):
        return Found(article.page_fields["publisher"], "网页元数据中的网站名称", check=True)
    return None


def _date(article: Article, cleaned: Cleaned) -> Found | None:
    candidates = (
        (cleaned.fields.get("date"), "原文所载的发布日期", False),
        (cleaned.fields.get("dated-line"), "正文前的日期行", False),
        (cleaned.fields.get("signed"), "文末落款日期", False),
        (article.page_fields.get("date"), "网页元数据中的日期", True),
        (cleaned.fields.get("updated"), "网页显示的更新时间，不一定是发布日期", True),
    )
    for text, evidence, check in candidates:
        date = parse_date(text or "")
        if date:
            return Found(date, evidence, check)
    return None


def parse_date(text: str) -> dt.date | None:
    match = DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _kind(title: str, cleaned: Cleaned, structure: Structure) -> Found | None:
    signals = vocabulary().kinds
    opening = title + (structure.lead[0][:60] if structure.lead else "")
    hit = _first_in(opening, signals.press_conference.title_or_lead)
    if hit:
        return Found("press-conference", f"标题或首句提到“{hit}”")
    hit = _first_in(title, signals.annual_report.title)
    if hit:
        return Found("annual-report", f"标题含“{hit}”")
    heading_signals = {word for word in signals.annual_report.headings if any(word in h for h in structure.headings)}
    if len(heading_signals) >= 2:
        return Found("annual-report", "各节标题按年度报告格式写成（" + "、".join(sorted(heading_signals)) + "）")
    if title.endswith(signals.government_document.title_suffixes):
        return Found("government-document", "标题是公文文种")
    news = [t for t in cleaned.traces if t.kind in signals.news.traces]
    if news:
        return Found("news", f"有新闻署名、电头或版面标题：{news[0].text}")
    stated = [cleaned.fields[f] for f in signals.news.fields if cleaned.fields.get(f)]
    if stated:
        return Found("news", f"网页注明了来源：{stated[0]}", check=True)
    return None


def _first_in(text: str, words: tuple[str, ...]) -> str | None:
    return next((word for word in words if word in text), None)


def _year(title: str, metadata: Metadata, structure: Structure) -> Found | None:
    """The year the case is about, for its id: stated in the title, in an annual report's
    headings or lead, else the publication year, else the latest year the practices mention."""
    in_title = stated_years(title)
    if in_title:
        return Found(in_title[0], "标题中的年份")
    if metadata.kind and metadata.kind.value == "annual-report":
        headings = Counter(y for h in structure.headings for y in stated_years(h))
        if headings:
            return Found(headings.most_common(1)[0][0], "各节标题中的年份")
        lead = [y for p in structure.lead for y in stated_years(p)]
        if lead:
            return Found(lead[0], "导语中的年份", check=True)
    if metadata.date:
        return Found(metadata.date.value.year, "发布日期的年份", check=True)
    mentioned = _body_years(structure)
    if mentioned:
        return Found(max(mentioned), "正文提到的最近年份", check=True)
    return None


def _period(metadata: Metadata, structure: Structure) -> Found | None:
    year = metadata.year.value if metadata.year else None
    if year and metadata.kind and metadata.kind.value == "annual-report":
        return Found((dt.date(year, 1, 1), dt.date(year, 12, 31)), f"年度报告的年度（{year} 年）")
    mentioned = _body_years(structure)
    if mentioned:
        first, last = min(mentioned), max(mentioned)
        years = "、".join(str(y) for y in sorted(set(mentioned)))
        return Found((dt.date(first, 1, 1), dt.date(last, 12, 31)), f"导语和各项做法提到的年份（{years}）", check=True)
    if year:
        return Found((dt.date(year, 1, 1), dt.date(year, 12, 31)), metadata.year.evidence, check=True)
    return None


def _body_years(structure: Structure) -> list[int]:
    """Years the lead and the practices state (plans and problems look ahead or aside)."""
    texts = structure.lead + [p.title + p.description for p in structure.practices]
    return [y for text in texts for y in stated_years(text)]


def stated_years(text: str) -> list[int]:
    text = _BOOK_TITLES.sub("", text)
    years = [int(m.group(1)) for m in _YEAR.finditer(text)]
    return [y for y in years if _EARLIEST_YEAR <= y <= _LATEST_YEAR]


def _honours(texts: list[str]) -> list[dict]:
    """Titles of honour the headline or lead says the place won; the quoted form is the official
    name, so when there is one, the unquoted mentions (全省…示范县 for 山东省…示范县) are left out."""
    matches = [m for text in texts for m in _HONOUR.finditer(text)]
    if any(m.group("quoted") for m in matches):
        matches = [m for m in matches if m.group("quoted")]
    honours: dict[str, dict] = {}
    for match in matches:
        if re.search(r"\d", match.group("name")):  # 全国50个示范地区 counts places, it names no honour
            continue
        honour = honours.setdefault(match.group("name"), {"name": match.group("name")})
        if match.group("batch"):
            honour["batch"] = int(cn2an.cn2an(match.group("batch"), "smart"))
    return list(honours.values())
