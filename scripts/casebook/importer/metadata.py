"""Metadata: what the article states about itself — title, publisher, date, kind — and the
year and period its practices belong to. Each value carries its evidence; a value the article
does not state stays None, and the editor is told."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

import cn2an

from .clean import DATE, DAY_FIRST_DATE, HAN, Cleaned
from .source import Article
from .structure import Structure
from .vocabulary import alternation, vocabulary

# A year as the text states it, outside title marks and not as the end of a range (2021—2025年), nor
# as a target's deadline (到2025年, 实现2020年…目标, 力争2025年, 2020年前; not 2023年前三季度, a period).
_YEAR = re.compile(r"(?<![\d—\-–~至到])(?<!实现)(?<!力争)(\d{4})年(?!\d|前(?![一二三四五六七八九十\d]))")
# （2021年总第5场）, （2024年第3期）: the number of a session in its series, not the year of the work.
_SESSION_NOTE = re.compile(r"[（(]\d{4}年[^（）()]{0,4}第[一二三四五六七八九十\d]+[场期次][）)]")
_BOOK_TITLES = re.compile(r"《[^《》]*》|〈[^〈〉]*〉")
_EVENT = re.compile(r"([^，。；：]{4,40}?(?:新闻发布会|发布会))(?:举行|召开)")
_HONOUR = re.compile(
    r"(?:荣获|获评|获得|被命名为|被评为|成功创建|创建成为|入选|成为)"
    r"(?:第(?P<batch>[一二三四五六七八九十\d]+)批)?(?P<quoted>“)?"
    rf"(?P<name>(?:全国|全省|[{HAN}]{{2,3}}省)[^，。；“”]{{0,20}}?示范(?:市|区|县|地区|城市|镇|乡|街道))"
)
_EARLIEST_YEAR, _LATEST_YEAR = 1949, 2100
_YEAR_CHARS = 6  # 2023年, or 2023年度, at a paragraph's start
# A headline may open with its year and no 年 (2016中国法治政府评估报告发布).
_OPENING_YEAR = re.compile(rf"^(\d{{4}})(?=[{HAN}])")
# 12月1日 (or 12月1号) on its own, not the end of a full date (2023年12月1日) or a range (11月30日至12月1日 counts its first day).
_MONTH_DAY = re.compile(r"(?<![\d年])(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])[日号]")
# 2017年12月25日上午，…: a lead opening with the full date of the event it reports.
_FULL_DATE_LEAD = re.compile(r"^(\d{4})年(?:1[0-2]|0?[1-9])月(?:[12]\d|3[01]|0?[1-9])[日号]")
# 7日上午，…: a lead that opens with the day alone, as local news writes the days of the page's month.
_DAY_ONLY = re.compile(r"^(?P<day>[12]\d|3[01]|0?[1-9])日(?=[上下]午|晚上|早上|[，,])")
# What a headline looks like, for choosing it among the lines above the text: the score of each sign.
_TITLE_SIGNS = (
    (2, re.compile("关于")),
    (1, re.compile(r"\d{4}年")),
    (1, re.compile("法治|依法|法制|执法|司法|普法|法律")),
    (1, re.compile(f"[{HAN}]{{2,}}(?:省|自治区|市|县|区|旗|镇|乡|街道)")),
)
_GOVERNMENT_DOCUMENT = "government-document"
_SENTENCE = re.compile("[。！？]")
_LEAD_OPENING_CHARS = 60
_SPEECH_KICKER = re.compile(r"在[^，。]{2,40}?上(?:强调|指出|表示|要求)$")
_WEBSITE = ("网站",)  # 某县人民政府门户网站, 某某网站: a site, not an office
_PRESS_LEAD_PARAGRAPHS = 2
_REVIEW_PARAGRAPHS = 3  # a feature's lead, after a slogan or two opening it
_PLAN_PRESENTED_PARAGRAPHS = 3  # the lead, and the speaker's part after it
# A last paragraph cut off this short (各乡镇长、县直相关单位负责人) says nothing of what the text is.
_CUT_TAIL_CHARS = 20
_PARAGRAPH_END = re.compile(r"[。！？；：:]$")
_WHOLE_BOOK_TITLE = re.compile(r"^《([^《》]+)》$")
_BRACKETED_NOTE = re.compile(r"[（(][^（）()]+[）)]")
# Notes after a document's title: the years it covers, the state it is in (草案, 征求意见稿, 试行).
_TITLE_NOTES = re.compile(r"(?:\s*[（(](?:\d{4}\s*[-—–~至]\s*\d{4}年?|草案|征求意见稿|送审稿|讨论稿|修订稿|试行|暂行)[）)])+$")


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
    reports_practice: Found | None = None  # value False: a plan, notice or meeting report
    honours: list[dict] = field(default_factory=list)


def read_metadata(article: Article, cleaned: Cleaned, structure: Structure) -> Metadata:
    metadata = Metadata()
    metadata.title = _title(article, cleaned, structure)
    title = str(metadata.title.value) if metadata.title else ""
    metadata.date = _date(article, cleaned)
    metadata.kind = _kind(title, cleaned, structure)
    metadata.publisher = _publisher(article, cleaned, metadata.kind, title)
    metadata.year = _year(title, metadata, cleaned, structure)
    metadata.reports_practice = _reports_practice(metadata.kind, title, cleaned, structure)
    metadata.period = _period(metadata, structure)
    metadata.honours = _honours([title, *cleaned.title_lines, *structure.lead])
    return metadata


def _title(article: Article, cleaned: Cleaned, structure: Structure) -> Found | None:
    if cleaned.fields.get("title"):
        return Found(cleaned.fields["title"], "原文“标题”一栏")
    if article.page_fields.get("title"):
        return Found(article.page_fields["title"], "网页标题")
    repeated = _repeated_headline(cleaned.title_lines)
    if repeated:
        return Found(repeated, "网页标题，文件正文上方再次印出")
    lines = cleaned.title_lines
    scored = [(title_score(line), -index, line) for index, line in enumerate(lines) if not _kicker(index, lines)]
    scored = [candidate for candidate in scored if candidate[0] is not None]
    if scored:
        line = max(scored)[2]
        others = len(cleaned.title_lines) > 1
        return Found(line, "正文上方最像标题的一行" if others else "正文上方的标题行")
    event = _EVENT.search(structure.lead[0]) if structure.lead else None
    if event:
        return Found(event.group(1), "首句所述的发布会名称", check=True)
    return None


def _kicker(index: int, lines: list[str]) -> bool:
    """A headline line saying who stressed something at a meeting (某某在…会议上强调) is a kicker (引题):
    what was stressed, the line under it, is the headline."""
    return bool(_SPEECH_KICKER.search(lines[index])) and index + 1 < len(lines)


def _repeated_headline(lines: list[str]) -> str | None:
    """A page that prints its headline above its info line and again over the document (a plan
    reposted with its cover notice between) names itself by it, not by the cover notice's title."""
    repeated = [line for index, line in enumerate(lines) if line in lines[index + 1:] and title_score(line) is not None]
    return repeated[0] if repeated else None


def title_score(line: str) -> int | None:
    """How much a line looks like a headline (None: it cannot be one): a document's genre at the
    end (…的报告, …的通知), `关于`, a year, the subject (法治), a place; ties go to the higher line."""
    words = vocabulary()
    if len(line) < words.title_min_chars or _office_name(line):
        return None  # too short to be a title, or an office's name alone
    if _BRACKETED_NOTE.fullmatch(line):
        return None  # a note: （此件主动公开）, （2025年4月29日…会议通过）
    return 2 * line.endswith(words.title_endings) + sum(score for score, sign in _TITLE_SIGNS if sign.search(line))


def _office_name(line: str) -> bool:
    return re.fullmatch(f"[{HAN}]{{2,30}}?{alternation(vocabulary().signature_suffixes)}", line) is not None


def _writing_office(cleaned: Cleaned, title: str) -> str | None:
    """An office's name printed alone above an untitled text (■ 某市司法局) is who wrote it; above a
    title it is the issuer or subject the title goes with, read there."""
    lines = [line.lstrip("■●◆▲★▶ ") for line in cleaned.title_lines]
    return lines[0] if not title and len(lines) == 1 and _office_name(lines[0]) else None


def _publisher(article: Article, cleaned: Cleaned, kind: Found | None, title: str) -> Found | None:
    """As the page states it: a document's own signature (a letter reposted by a district bureau
    is still the signing office's), else 发布机构/来源, else the issuer printed with the page's date or
    with a document's title, else the outlet a reporter's byline names."""
    signed = "、".join(cleaned.traced("signature"))
    document = kind is not None and kind.value == _GOVERNMENT_DOCUMENT
    source = cleaned.fields.get("source", "")
    candidates = (
        (signed if document else None, "文件落款"),
        # 来源: 某省人民政府 over 某省人民政府关于…的报告: the office the title names as its author, where the
        # panel's 发布机构 is another (the office that filed the page) — the author is who publishes.
        (source if source and title.startswith(source) else None, "原文所载的来源，即标题所写的发文机关"),
        (_publishing_office(cleaned), "原文所载的发布机构"),
        (cleaned.fields.get("source"), "原文所载的来源"),
        (cleaned.fields.get("carried-by"), "通讯员稿件电头中的媒体"),
        (cleaned.fields.get("issuer"), "日期旁所载的发文机关"),
        # A document's issuer is its 发文机关; a report's (某镇人民政府 / 关于…的报告) is who reports, its subject.
        (cleaned.fields.get("title-issuer") if document else None, "标题旁所载的发文机关"),
        (cleaned.fields.get("byline"), "记者署名中的媒体"),
        (signed, "文末署名"),
        (_writing_office(cleaned, title), "正文上方单独一行的署名单位"),
    )
    for value, evidence in candidates:
        if value:
            return Found(value, evidence)
    if article.page_fields.get("publisher"):
        return Found(article.page_fields["publisher"], "网页元数据中的网站名称", check=True)
    return None


def _publishing_office(cleaned: Cleaned) -> str | None:
    """发布机构 as printed, unless it names the website (某县人民政府门户网站) where 来源 names an
    office: the site only hosts what that office published; or unless 来源 names the same office with
    its place (区政府办公室 and 来源: 某某区政府办公室): the fuller name says whose office it is."""
    publisher = cleaned.fields.get("publisher")
    source = cleaned.fields.get("source", "")
    if publisher and source and (publisher.endswith(_WEBSITE) or source.endswith(publisher)):
        return None
    return publisher


def _date(article: Article, cleaned: Cleaned) -> Found | None:
    candidates = (
        (cleaned.fields.get("date"), "原文所载的发布日期", False),
        (cleaned.fields.get("dated-line"), "正文前的日期行", False),
        # The page's own update time beside its source is still the page's; a signature dates the document.
        (cleaned.fields.get("updated"), "网页显示的更新时间，不一定是发布日期", True),
        (cleaned.fields.get("signed"), "文末落款日期", False),
        (article.page_fields.get("date"), "网页元数据中的日期", True),
    )
    for text, evidence, check in candidates:
        date = parse_date(text or "")
        if date:
            return Found(date, evidence, check)
    return None


def parse_date(text: str) -> dt.date | None:
    match = DATE.search(text)
    parts = match.groups() if match else None
    if parts is None:
        day_first = DAY_FIRST_DATE.search(text)
        parts = tuple(reversed(day_first.groups())) if day_first else None
    if parts is None:
        return None
    try:
        return dt.date(*(int(part) for part in parts))
    except ValueError:
        return None


def _kind(title: str, cleaned: Cleaned, structure: Structure) -> Found | None:
    """The kind of source, from the document's own structure: its title's genre, how its text
    says what it is (现将…报告如下, 制定本方案), its sections, and news furniture."""
    signals = vocabulary().kinds
    lead = "".join(structure.lead)
    # 《某某规划(2021—2025年)》 printed as the headline is that document; 某某规划（2026-2030年）（草案）:
    # the genre is before its notes.
    title = _TITLE_NOTES.sub("", _WHOLE_BOOK_TITLE.sub(r"\1", title))
    if title.endswith(signals.government_document.title_suffixes):
        return Found(_GOVERNMENT_DOCUMENT, "标题是公文文种（" + _ending(title, signals.government_document.title_suffixes) + "）")
    adopted = _adopted_note(cleaned)
    if adopted:
        return Found(_GOVERNMENT_DOCUMENT, f"标题处注明会议通过（{adopted}），是会议通过的文件")
    subtitle = cleaned.fields.get("subtitle", "")
    # The lead's opening, its first sentence whole however long its list of outlets: a later 发布会 may be another event.
    opening = lead[:max(_LEAD_OPENING_CHARS, len(_SENTENCE.split(lead, maxsplit=1)[0]))]
    hit = _first_in(title + subtitle + opening, signals.press_conference.title_or_lead)
    if hit:
        return Found("press-conference", f"标题或首句提到“{hit}”")
    held = _press_conference_held(cleaned)
    if held:
        return Found("press-conference", f"导语说“{held}”")
    addressed = [a for a in cleaned.traced("addressee") if re.search(signals.press_conference.addressee_pattern, a)]
    if addressed:
        return Found("press-conference", f"开头称呼媒体（“{addressed[0]}”）")
    # 本报杭州3月26日讯…: a reporter's dispatch about a report (…审议…情况报告) is news; a report is not sent by wire.
    dispatched = cleaned.traced("dateline")
    if dispatched:
        return Found("news", f"导语有新闻电头：{dispatched[0]}")
    released = re.search(signals.news.report_released_pattern, title)
    if released:
        return Found("news", f"标题说发布了报告（“{released.group()}”），是对报告的报道")
    visit = re.search(signals.news.visit_title_pattern, title)
    if visit:
        return Found("news", f"标题说的是一次{visit.group()}，是对这次活动的报道")
    hit = _first_in(title, signals.annual_report.title)
    if hit:
        return Found("annual-report", f"标题含“{hit}”")
    said = re.search(signals.annual_report.lead_pattern, lead + "".join(cleaned.paragraphs[:2]))
    if said:
        return Found("annual-report", f"正文说“{said.group()}”")
    headings = {word for word in signals.annual_report.headings if any(word in h for h in structure.headings)}
    alone = [word for word in signals.annual_report.headings_alone if any(word in h for h in structure.headings)]
    alone += _year_report_headings(structure)
    if len(headings) >= 2 or alone:
        return Found("annual-report", "各节标题按年度报告格式写成（" + "、".join(sorted(headings | set(alone))) + "）")
    hit = _first_in(lead, signals.government_document.lead)
    if hit:
        return Found(_GOVERNMENT_DOCUMENT, f"正文说“{hit}”")
    submitted = _submitted_report(cleaned)
    if submitted:
        return Found("annual-report", f"文号是上报件（{submitted}），报告工作", check=True)
    documents = [t for t in cleaned.traces if t.kind in signals.government_document.traces]
    if documents:
        return Found(_GOVERNMENT_DOCUMENT, f"有印发通知或发文字号：{documents[0].text}")
    section = _year_report_section(structure)
    if section:
        return Found("annual-report", f"正文以年份起头，分节报告（“{section}”）", check=True)
    subject = _year_of_the_subject(structure)
    if subject:
        return Found("annual-report", f"正文以年份起头，说这一年的{subject}", check=True)
    if re.search(signals.news.title_pattern, title):
        return Found("news", "标题说召开了一次会议，是会议报道")
    news = [t for t in cleaned.traces if t.kind in signals.news.traces]
    if news:
        return Found("news", f"有新闻署名、电头或版面标题：{news[0].text}")
    stated = [cleaned.fields[f] for f in signals.news.fields if cleaned.fields.get(f)]
    if stated:
        return Found("news", f"有作者署名：{stated[0]}")
    if structure.lead and re.search(signals.news.lead_pattern, structure.lead[0]):
        return Found("news", "导语以日期或“近日”开头，报道一件事", check=True)
    stated = [cleaned.fields[f] for f in signals.news.weak_fields if cleaned.fields.get(f)]
    if stated:
        return Found("news", f"网页注明了来源：{stated[0]}", check=True)
    review = re.search(signals.news.review_pattern, "".join(cleaned.paragraphs[:_REVIEW_PARAGRAPHS]))
    if review:
        return Found("news", f"开头讲多年的工作（“{review.group()}”），是综述稿", check=True)
    return None


def _adopted_note(cleaned: Cleaned) -> str | None:
    """A note by the title that a meeting adopted the text ((…主任会议通过)): a resolution, review
    opinions or regulations, a document, however its body opens (…听取并审议了…的报告); else None."""
    pattern = vocabulary().kinds.government_document.adopted_note_pattern
    return next((line for line in cleaned.title_lines if re.match(pattern, line)), None)


def _year_report_headings(structure: Structure) -> list[str]:
    """Section headings' words naming one year's 法治政府建设情况 (一、2023年法治政府建设情况): what a yearly
    report's first section is, whatever its lead (今年以来，…) says."""
    pattern = vocabulary().kinds.annual_report.year_heading_pattern
    return [match.group() for match in (re.search(pattern, h) for h in structure.headings) if match]


def _press_conference_held(cleaned: Cleaned) -> str | None:
    """The words saying a press conference was held (举行…新闻发布会), in the first paragraph or in the
    one after a paragraph of background (为贯彻…，省委召开了全会…); else None."""
    pattern = vocabulary().kinds.press_conference.lead_pattern
    held = (re.search(pattern, p) for p in cleaned.paragraphs[:_PRESS_LEAD_PARAGRAPHS])
    return next((match.group() for match in held if match), None)


def _submitted_report(cleaned: Cleaned) -> str | None:
    """A text numbered as a submission to the office above (某政呈〔2025〕5号, 某政报〔2025〕5号) reports
    work to it, as the yearly report is sent up; it is no notice: the number, else None."""
    number = cleaned.fields.get("doc-number", "")
    return number if re.search(vocabulary().kinds.annual_report.submission_number_pattern, number) else None


def _year_report_section(structure: Structure) -> str | None:
    """An untitled report of a year's work: its text opens with the year (2024年，我县…) and is
    numbered in sections, one reporting 情况 or 成效, or its lead sums up the year's results
    (法治政府建设取得重大进展); the section heading or the lead's words, else None."""
    signals = vocabulary().kinds.annual_report
    if structure.shape != "numbered" or not structure.lead or not re.match(signals.year_lead_pattern, structure.lead[0]):
        return None
    section = next((h for h in structure.headings if any(word in h for word in signals.report_sections)), None)
    results = re.search(signals.year_results_pattern, structure.lead[0])
    return section or (results.group() if results else None)


def _year_of_the_subject(structure: Structure) -> str | None:
    """An untitled text whose first sentence opens with the year and names the work the yearly
    report is on (2024年，某市…全面深化法治政府建设), its paragraphs each led by a measure's topic
    sentence (坚持立法先行，夯实良法善治之基。…): that work's words, else None. Numbered sections
    must say they report (情况, 成效), above."""
    signals = vocabulary().kinds.annual_report
    if structure.shape != "sentence-led" or not structure.lead or not re.match(signals.year_lead_pattern, structure.lead[0]):
        return None
    first = _SENTENCE.split(structure.lead[0], maxsplit=1)[0]
    return _first_in(first, signals.report_subjects)


def _ending(text: str, endings: tuple[str, ...]) -> str:
    return max((e for e in endings if text.endswith(e)), key=len)


def _first_in(text: str, words: tuple[str, ...]) -> str | None:
    return next((word for word in words if word in text), None)


def _year(title: str, metadata: Metadata, cleaned: Cleaned, structure: Structure) -> Found | None:
    """The year of the work reported, only as the article states it: in the title, in an annual
    report's headings or lead, as 今年/近日 read against the page's own date, or as the one year a
    first paragraph names. A plan over several years, a letter, or a page that never says has none."""
    # 关于《…2023年度…的报告》的政策解读: the year of the document a title names counts too.
    in_title = stated_years(title) or stated_years(title, named_documents=True) or _opening_year(title)
    if in_title:
        return Found(in_title[0], "标题中的年份")
    if metadata.kind and metadata.kind.value == "annual-report":
        headings = Counter(y for h in structure.headings for y in stated_years(h))
        if headings:
            return Found(headings.most_common(1)[0][0], "各节标题中的年份")
        lead = [y for p in structure.lead for y in stated_years(p)]
        if lead:
            return Found(lead[0], "导语中的年份", check=True)
        opening = _year_opening(cleaned)
        if opening:
            return Found(opening, "报告中以年份起头的一段（“某年，…”）", check=True)
    several = re.search(vocabulary().multi_year_pattern, "".join(cleaned.paragraphs)) is not None
    lead = cleaned.paragraphs[0] if cleaned.paragraphs else ""
    dated_lead = _FULL_DATE_LEAD.match(lead)
    dates_the_work = _event_dates_the_work(metadata.kind)
    if dated_lead and not several and dates_the_work:
        return Found(int(dated_lead.group(1)), f"导语开头的日期（{dated_lead.group()}）", check=True)
    if metadata.date and _this_year_dates_the_work(metadata.kind):
        published = metadata.date.value
        text = "".join(cleaned.paragraphs)
        word = _first_in(text, vocabulary().this_year_words)
        if not word and dates_the_work and not _opens_with_years(cleaned):  # 近日 after a history of years dates an event in it
            word = _first_in(text, vocabulary().event_day_words)
        if word:
            return Found(published.year, f"正文说“{word}”，按发布日期（{published}）", check=True)
    if metadata.date and dates_the_work:
        published = metadata.date.value
        # A report of an event dates it by month and day (12月1日上午，…): the latest such day by the page's date.
        # Not when the work reported is of several years (近年来，…): the event's day dates the event only.
        day = _MONTH_DAY.search(lead) or _DAY_ONLY.match(lead)
        if day and not several:
            month, date = _month_and_day(day, published)
            year = published.year if (month, date) <= (published.month, published.day) else published.year - 1
            return Found(year, f"导语说“{day.group()}”，按发布日期（{published}）", check=True)
    # 2020年，全省…现将…通报如下 / 会上…全面安排了2022年…工作: a first paragraph naming one year only dates the work,
    # unless the text tells of several years' work (近年来，…2020年荣获…): then that year dates one event in it.
    years = _not_ahead(set(stated_years(lead)), metadata.date)
    if len(years) == 1 and not several:
        return Found(years.pop(), "首段所说的唯一年份", check=True)
    return None


def _year_opening(cleaned: Cleaned) -> int | None:
    """The year a report's paragraph opens with (2023年，在市委坚强领导下，…), the first such: a report
    whose lead says only that it reports (现就…报告如下) tells its year where its account begins."""
    pattern = vocabulary().kinds.annual_report.year_lead_pattern
    opening = next((p for p in cleaned.paragraphs if re.match(pattern, p)), None)
    years = stated_years(opening[:_YEAR_CHARS]) if opening else []
    return years[0] if years else None


def _event_dates_the_work(kind: Found | None) -> bool:
    """Whether the day of the event a page reports (its lead's date, 近日 by the page's date) is
    the year of the work: not for a document, nor for a press conference, whose day dates only the
    conference and not the work it presents (the years since a plan began, a decade's reforms)."""
    return not (kind and kind.value in (_GOVERNMENT_DOCUMENT, "press-conference"))


def _this_year_dates_the_work(kind: Found | None) -> bool:
    """Whether 今年 (今年以来，全市…) read against the page's date is the year of the work: also in a press
    conference, whose speakers tell this year's work (its own day dates only the conference); not in a
    document, whose 今年 is the year of what it asks."""
    return not (kind and kind.value == _GOVERNMENT_DOCUMENT)


def _not_ahead(years: set[int], published: Found | None) -> set[int]:
    """The years not after the page's own date: a later one is a target (对标2035年…目标), not the year of the work."""
    return {y for y in years if published is None or y <= published.value.year}


def _opens_with_years(cleaned: Cleaned) -> bool:
    """Whether the first paragraph tells a history of two years or more (2016年至2018年连续获评，2019年又…)."""
    return bool(cleaned.paragraphs) and len(set(stated_years(cleaned.paragraphs[0]))) > 1


def _month_and_day(day: re.Match[str], published: dt.date) -> tuple[int, int]:
    """12月1日 as it says; 7日 alone is in the page's month, or the month before when that day is yet to come."""
    if day.re is _MONTH_DAY:
        return int(day.group(1)), int(day.group(2))
    date = int(day.group("day"))
    if date <= published.day:
        return published.month, date
    return (published.month - 2) % 12 + 1, date


def _opening_year(title: str) -> list[int]:
    match = _OPENING_YEAR.match(title)
    return _plausible([int(match.group(1))]) if match else []


def _reports_practice(kind: Found | None, title: str, cleaned: Cleaned, structure: Structure) -> Found:
    """False for a document that only sets out tasks (a plan, notice, letter or interpretation)
    and for a meeting report whose text is the meeting's speeches and arrangements."""
    if kind and kind.value == _GOVERNMENT_DOCUMENT:
        return Found(False, f"原文是公文（{kind.evidence}），只布置任务或说明文件，不报告做法")
    presented = _plan_presented(kind, title, cleaned)
    if presented:
        return Found(False, f"原文是发布会，发布、解读的是方案规划一类文件（“{presented}”），讲要做的事，不报告做法")
    issued = _plan_issued(cleaned)
    if issued:
        return Found(False, f"原文报道出台了方案、要点一类文件（“{issued}”），接着讲它的要求，不报告做法")
    if _meeting_report(cleaned, structure):
        return Found(False, "原文是会议报道：导语说开了会，其余是会上的讲话和安排，不报告做法")
    return Found(True, "")


def _plan_presented(kind: Found | None, title: str, cleaned: Cleaned) -> str | None:
    """The words saying a press conference presents or interprets a plan (发布并解读《…规划》), in its
    title (《…规划》新闻发布会) or first paragraphs; else None. What a plan sets out is to be done, not done."""
    if not (kind and kind.value == "press-conference"):
        return None
    pattern = vocabulary().kinds.press_conference.plan_presented_pattern
    found = (re.search(pattern, p) for p in [title, *cleaned.paragraphs[:_PLAN_PRESENTED_PARAGRAPHS]])
    return next((match.group() for match in found if match), None)


def _plan_issued(cleaned: Cleaned) -> str | None:
    """The words of a lead saying a plan was issued (出台…工作要点) when the next paragraph sets out
    what it asks (根据要点的要求，…): else None. What a plan sets out is to be done, not done."""
    words = vocabulary()
    if len(cleaned.paragraphs) < 2 or not re.match(words.plan_contents_pattern, cleaned.paragraphs[1]):
        return None
    issued = re.search(words.plan_issued_pattern, cleaned.paragraphs[0])
    return issued.group() if issued else None


def _meeting_report(cleaned: Cleaned, structure: Structure) -> bool:
    """Whether the lead says a meeting was held (or opens inside it: 会议指出，…) and every later
    paragraph is what was said and arranged there. A speech's own 一是…二是… are its requirements:
    the paragraphs, not their numbering, tell what the text is."""
    words = vocabulary()
    if not structure.lead:
        return False
    opening = structure.lead[0]
    if not (re.search(words.meeting_lead_pattern, opening) or re.match(words.meeting_paragraph_pattern, opening)):
        return False
    return _said_at_the_meeting(_without_cut_tail(cleaned.paragraphs[1:]))


def _said_at_the_meeting(paragraphs: list[str]) -> bool:
    """Each paragraph is a meeting's: its agenda, speeches and who attended, another session held
    (…举行…发布会), or one of the points a speaker announced (提出三点意见：) in the paragraphs after."""
    words = vocabulary()
    points = False
    for paragraph in paragraphs:
        if not (points or re.match(words.meeting_paragraph_pattern, paragraph)
                or re.search(words.meeting_lead_pattern, paragraph)):
            return False
        points = points or paragraph.endswith((":", "："))
    return True


def _without_cut_tail(paragraphs: list[str]) -> list[str]:
    """The paragraphs without a last one the opening cut off too short to say what it is (各乡镇长、县直)."""
    if paragraphs and len(paragraphs[-1]) <= _CUT_TAIL_CHARS and not _PARAGRAPH_END.search(paragraphs[-1]):
        return paragraphs[:-1]
    return paragraphs


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


def stated_years(text: str, named_documents: bool = False) -> list[int]:
    """Years the text states, outside the titles of documents it names unless asked."""
    if not named_documents:
        text = _BOOK_TITLES.sub("", text)
    text = _SESSION_NOTE.sub("", text)
    return _plausible([int(m.group(1)) for m in _YEAR.finditer(text)])


def _plausible(years: list[int]) -> list[int]:
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
