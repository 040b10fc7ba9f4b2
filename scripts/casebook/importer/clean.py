"""Cleaning: an article as Simplified-Chinese paragraphs, without page furniture.

Every line goes through the pipeline's own `normalise_text` (Traditional → Simplified, pinyin
readings dropped, Chinese punctuation), so a draft reads exactly as a published case would.
Before that, full-width digits and letters become ASCII (numbers must parse) and invisible
characters go. Page furniture — share buttons, back-issue lists, hit counters, font-size and
print links, reporter credits — is dropped; info lines such as `发文日期：…` are kept aside as
fields for the metadata step. What was changed or dropped is recorded as traces, so the source
note can say it and the editor can check it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

import cn2an

from casebook.core.text_rules import HAN
from casebook.sources.normalise import (
    normalise_text,
    strip_pinyin_readings,
    to_simplified,
)

from .structure import opens_with_marker
from .vocabulary import alternation, vocabulary

_HAS_HAN = re.compile(f"[{HAN}]")
# Full-width digits, Latin letters and the signs numbers use; Chinese punctuation stays as it is.
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff0d\uff0e\uff0f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BULLETS = re.compile(r"^[•·●○▪■□◆◇►▶\-*|｜\s]+")
DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# 25.02.2016: some portals print the day first; only ever read from a line that is a date.
DAY_FIRST_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
# The time after a date may be written 09:07 or 09时07分.
_DATE_TEXT = (rf"[\[［(（]?(?:{DATE.pattern}|{DAY_FIRST_DATE.pattern})[\]］)）]?"
              r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?|\s*\d{1,2}时\d{1,2}分(?:\d{1,2}秒)?)?")
_DATE_ONLY = re.compile(rf"^{_DATE_TEXT}$")
# 光明日报客户端2022-09-24 14:11: an outlet's name and the date, run together when spaces were dropped.
_TRAILING_DATE = re.compile(rf"(?:\s+|(?<=[\u4e00-\u9fff]))(?P<date>{_DATE_TEXT})$")
# 二○一一年五月十一日: a date in Chinese numerals (零, 〇 and ○ all write 0).
_CHINESE_DIGITS = {**{c: i for i, c in enumerate("〇一二三四五六七八九")}, "○": 0, "零": 0}
_CHINESE_DATE = re.compile(rf"^([{''.join(_CHINESE_DIGITS)}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,2}})\s*月\s*([一二三四五六七八九十]{{1,3}})\s*日$")
_DATE_KINDS = {"date", "signed", "updated"}
# A hit counter after the page's date and time, or run into the time (`2023-07-10 10:114857阅读`: 10:11, 4857 reads).
_HIT_COUNTER = re.compile(r"(?:(?<=\d:\d\d)|\s+)\d+\s*(?:次)?(?:阅读|浏览|点击)(?:量|数|次数)?$")
# A site template's tag left unfilled where a value should be: [db:来源], {dede:field name='source'/}, {$source}.
_TEMPLATE_PLACEHOLDER = re.compile(r"\[[A-Za-z]+[：:][^\]]*\]|\{[^{}]*\}")
# Around a label's value: spaces, colons, brackets and the separators portals put between fields.
_FIELD_TRIM = " ：:|｜┆│¦/·•[]［］【】"
_BOOK_TITLE = re.compile(r"《[^《》\n]*》")
_SENTENCE_END = re.compile(r"[。！？；]")
# 新华路街道交上这样的“法治答卷”！ / 送上一份祝福！法治宣传…一直在路上……: a news headline may exclaim, in a
# short line with no full stop; a first paragraph's exclamation runs on into sentences.
_HEADLINE_EXCLAIMED = re.compile(r"^(?=[^。；？]{8,40}$)[^！]+！(?:[^！]+(?:！|……)?)?$")
# A paragraph break flattened into spaces (`…走深走实。 重视法治宣传…`), a numbered part run on
# after spaces (`…以下十一个方面: (一)推动…`), and a numbered heading run into its text by a space
# (`(一)推动领导干部学法常态化 多措并举，…`): each starts a new paragraph.
_FLATTENED_BREAK = re.compile(
    r"(?<=[。！？])\s+(?=\S)|\s+(?=[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")
_HEADING_RUN_ON = re.compile(
    r"^((?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)[^。！？\s]{2,40})\s+(?=\S)")
_MAX_TITLE_LINES = 6
_PLACE_SUFFIX = "(?:省|市|县|区|旗|盟|州|镇|乡|街道)"
# The sections inside an office (政策法规科, 法制股, 法规处): too small for a signature, named as a supplier.
_SECTION_SUFFIX = "(?:科|股|处|室)"
_OFFICE_KINDS = ("publisher", "source")  # fields naming who published
_PLACE_NAME = rf"[{HAN}]{_PLACE_SUFFIX}"
# 2024年法治政府建设工作报告: a title line that starts with its year and names no place.
_SUBJECTLESS_TITLE = re.compile(rf"^\d{{4}}年(?!.*{_PLACE_NAME})")
# A title line that states its year (…2024年度法治政府) and the rest of it wrapped onto the next line
# (建设情况报告), which neither names a place nor a year: the headline's second half.
_STATED_YEAR = re.compile(r"\d{4}年")
_RESTATES_SUBJECT = re.compile(rf"{_PLACE_NAME}|\d{{4}}年")
# A signature's date may give the month only (2019年12月); a page's tail lines are short.
_SIGNED_MONTH = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月$")
_TAIL_LINE_CHARS = 30
_MENU_SEPARATOR = re.compile(r"[\s|｜]+")
_MENU_MIN_LINKS, _MENU_LINK_CHARS = 3, 8
# 微信图片_20191211152904.png: a picture's file name printed where the picture was, no text of the page
_IMAGE_FILE_NAME = re.compile(r"^\S{1,60}\.(?:png|jpe?g|gif|bmp|webp)$", re.IGNORECASE)
_MENU_CAPTION = re.compile(r"^[^|｜：:]{1,20}[：:]")  # 旗下媒体: before the links
_MAX_TITLE_CHARS = 80
_FRAGMENT_HAN = 4  # a line with fewer Han characters (图片, 目录X, 目录) is page furniture
_PANEL_VALUE_CHARS = 20
# A label alone before its value without a colon is read only when this long (发布机构, 发布日期; not 时间, 来源,
# which also open headlines).
_LONE_LABEL_CHARS = 4
_CORRESPONDENT_ONLY = re.compile(r"[（(]通讯员[^（）()记者]*[）)]")
_SPLICED_PARAGRAPHS = 2  # how many paragraphs a copying site may put above a news piece's dateline
# A picture's caption above a feature (组织开展宪法宣誓活动。本版图片均由采访单位提供): one short sentence,
# perhaps with a short note after; a page may print any number of them above the dateline.
_CAPTION = re.compile(r"^[^。！？，,]{2,30}。[^。！？]{0,20}$")


@dataclass(frozen=True)
class Trace:
    """One thing cleaning changed or dropped: what kind of thing, and the text concerned."""

    # traditional, pinyin, furniture, image, page-header, credit, dateline, signature, field, closing,
    # breadcrumb, widget, column, navigation, addressee, doc-number, footer, cover-notice, banner, caption,
    # spliced, masthead, attachment
    kind: str
    text: str


@dataclass
class Cleaned:
    paragraphs: list[str]                # the body, one paragraph a line
    title_lines: list[str]               # lines that may be the headline, in page order
    fields: dict[str, str]               # title, date, updated, publisher, source, author, issuer,
                                         # title-issuer, dated-line, signed, doc-number, byline, carried-by,
                                         # masthead
    traces: list[Trace] = field(default_factory=list)

    def traced(self, kind: str) -> list[str]:
        return [t.text for t in self.traces if t.kind == kind]


def clean_article(text: str, page_text: str = "") -> Cleaned:
    cleaned = Cleaned([], [], {})
    body: list[str] = []
    above_addressee: str | None = None  # the line above the first addressee under the headline
    for line in _without_attachment(list(_values_below_labels(_lines(text, cleaned))), cleaned):
        # Above the first paragraph (the headline lines included) a date dates the page.
        if not _set_aside(line, cleaned, before_body=all(_title_like(b) for b in body)):
            body.append(line)
        elif cleaned.traces[-1].kind == "field":
            in_header = len(body) <= _MAX_TITLE_LINES
            body = _without_office_of_date(line, body, cleaned)
            body = _without_banner(body, cleaned) if in_header else body
        elif cleaned.traces[-1].kind == "addressee" and body and above_addressee is None:
            above_addressee = body[-1]
    if page_text:  # an HTML page's info line sits outside the main text
        for kind, value in _fields_anywhere(_normalise(_tidy(page_text))).items():
            cleaned.fields.setdefault(kind, value)
    body = _without_sign_off(_without_inline_furniture(body, cleaned), cleaned)
    if "title" in cleaned.fields:  # an index panel's 标题 field
        cleaned.fields["title"] = _without_doc_number(cleaned.fields["title"], cleaned)
    title_lines, body = _split_title(body, cleaned, above_addressee)
    cleaned.title_lines = title_lines + _after_cover_notice(body, cleaned)
    cleaned.paragraphs = body
    return cleaned


def _without_attachment(lines: list[str], cleaned: Cleaned) -> list[str]:
    """A document's note of its attachment (附件：某某名单) is neither its text nor its title; and the
    attachment printed after it (附 件 / 某某名单 / 一个单位一行) is a list, not signing offices."""
    patterns = _patterns()
    kept = []
    for index, line in enumerate(lines):
        if patterns.attachment_note.match(line):
            cleaned.traces.append(Trace("attachment", line))
            continue
        rest = lines[index + 1:]
        if kept and patterns.attachment_heading.match(line) and rest and not any(_SENTENCE_END.search(r) for r in rest):
            cleaned.traces.extend(Trace("attachment", attached) for attached in lines[index:])
            break
        kept.append(line)
    return kept


def _without_office_of_date(line: str, body: list[str], cleaned: Cleaned) -> list[str]:
    """The offices alone on the lines above a bare date: above the text (某区人民政府 / 2025-03-19, an
    info panel printing its values without labels) the issuer printed with the page's date, as on
    one line; below it a signature, also where more follows (a 公示 signed above the list it
    publishes, a cover notice above its document)."""
    offices = 0
    while offices < len(body) and _patterns().sign_off.match(body[-1 - offices]):
        offices += 1
    if not (_DATE_ONLY.match(line) and offices):
        return body
    if all(_title_like(b) for b in body):
        cleaned.fields.setdefault("issuer", body[-1])
        cleaned.traces.append(Trace("field", body[-1]))
        return body[:-1]
    cleaned.traces.extend(Trace("signature", office) for office in body[-offices:])
    return body[:-offices]


def _without_banner(header: list[str], cleaned: Cleaned) -> list[str]:
    """The lines above the page's info line (时间, 来源) are its header: when it has a headline, the
    sentences above the headline's lines are a banner (a slogan, a notice to visitors), not the
    article's first paragraph."""
    if not any(_title_like(line) and len(line) >= vocabulary().title_min_chars for line in header):
        return header
    first = next(index for index, line in enumerate(header) if _title_like(line) and not _slogan_above(index, header))
    if any(_patterns().cover_notice.search(line) for line in header[:first]):
        return header  # a cover notice above its signature and date is the document's own text
    cleaned.traces.extend(Trace("banner", line) for line in header[:first])
    return header[first:]


def _slogan_above(index: int, header: list[str]) -> bool:
    """An exclaiming line (奋力谱写新篇章！) with a headline's lines still under it is a slogan; alone above
    the info line it is the headline."""
    return bool(_HEADLINE_EXCLAIMED.match(header[index])) and any(_title_like(line) for line in header[index + 1:])


def _lines(text: str, cleaned: Cleaned):
    """The article's lines, tidied and normalised; a line holding several paragraphs is split."""
    for raw_line in text.splitlines():
        for piece in (p for part in _headline_run_on(raw_line.strip()) for p in _FLATTENED_BREAK.split(part)):
            for part in _HEADING_RUN_ON.split(piece, maxsplit=1):
                line = _tidy(part)
                if line:
                    _trace_conversions(line, cleaned)
                    for info in _headline_before_info(_normalise(line)):
                        yield from _info_before_text(info)


def _values_below_labels(lines: Iterator[str]) -> Iterator[str]:
    """`来 源` / `某某镇` (or `来源:` / `某某镇`): an info panel printing each label and its value on lines
    of their own is read as `来源:某某镇`; a label followed by another label (`索引号` / `文  号`) has no value."""
    label = None
    for line in lines:
        if label and _is_bare_value(line) and _bare_label(line) is None and not _opens_with_long_label(line):
            yield f"{label}:{line}"
            label = None
            continue
        if label:
            yield label
        label = _bare_label(line)
        if not label:
            yield line
    if label:
        yield label


def _opens_with_long_label(line: str) -> bool:
    """`发布日期2026-01-27` under an empty `文号`: the next field, its colon missing, not the value above's."""
    label = _patterns().colonless_label.match(line)
    return bool(label) and len(label.group(1)) >= _LONE_LABEL_CHARS


def _bare_label(line: str) -> str | None:
    """The label a line holds alone, with its colon or without (`来 源`, `来源:`), else None."""
    label = line.rstrip("：: ")
    return label if label in _patterns().label_kind else None


def _is_bare_value(line: str) -> bool:
    """Short enough for a panel's value, and no sentence or headline (a title under a lone 来源 is the title)."""
    return (len(line) <= _PANEL_VALUE_CHARS and not _SENTENCE_END.search(line)
            and not line.endswith(vocabulary().title_endings))


def _headline_run_on(line: str) -> list[str]:
    """`某镇人民政府关于…的报告 某市委、某市人民政府: 2024年,…`: an opening flattened into one line,
    the headline, its addressee and the text separated by spaces, is three lines."""
    run_on = _patterns().headline_run_on.match(line)
    if not run_on:
        return [line]
    return [run_on.group("title"), run_on.group("addressee"), line[run_on.end():]]


def _headline_before_info(line: str) -> list[str]:
    """`某某…示范地区和项目发布时间:2021-09-16 来源:某某日报`: a headline with the page's info line run
    on after it is two lines; an outlet or office before the labels (某某网 发布时间:…) is the info
    line's own unlabelled source, and stays."""
    patterns = _patterns()
    run_on = patterns.headline_before_info.match(line)
    if not run_on or patterns.source_before_label.match(line):
        return [line]
    info = line[run_on.end():]
    fields = labelled_fields(info)
    return [run_on.group("title"), info] if fields and "ignored" not in fields else [line]


def _info_before_text(line: str) -> list[str]:
    """`时间:2025-12-23 来源: 作者: [收藏] [打印] [关闭]12月17日,…`: the page's buttons end its info
    line; the sentences run on after them are the article's first paragraph."""
    run_on = _patterns().text_after_buttons.match(line)
    if not run_on or not labelled_fields(run_on.group("info")):
        return [line]
    return [run_on.group("info"), run_on.group("text")]


def fold_width(text: str) -> str:
    text = _FULL_WIDTH.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    # Invisible format and control characters (zero-width spaces, byte order marks) carry nothing.
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in {"Cf", "Cc"})


def _tidy(line: str) -> str:
    """One kind of space, no list bullets, ASCII digits."""
    return _BULLETS.sub("", _SPACES.sub(" ", fold_width(line)).strip()).strip()


def _trace_conversions(line: str, cleaned: Cleaned) -> None:
    if strip_pinyin_readings(line) != line:
        cleaned.traces.append(Trace("pinyin", line))
    if to_simplified(line) != line:
        cleaned.traces.append(Trace("traditional", line))


def _normalise(line: str) -> str:
    return _with_digits_in_date(_BOOK_TITLE.sub(_nested_title_marks, normalise_text(line)).strip())


def _with_digits_in_date(line: str) -> str:
    """二○一一年五月十一日 → 2011年5月11日: a document dated in Chinese numerals, as signatures are, alone on its line."""
    date = _CHINESE_DATE.match(line)
    if not date:
        return line
    year = "".join(str(_CHINESE_DIGITS[c]) for c in date.group(1))
    month, day = (int(cn2an.cn2an(part, "smart")) for part in date.group(2, 3))
    return f"{year}年{month}月{day}日"


def _nested_title_marks(match: re.Match[str]) -> str:
    """《…<…>…》 → 《…〈…〉…》: a title inside a title takes Chinese angle brackets, not markup's."""
    return match.group(0).replace("<", "〈").replace(">", "〉")


def _set_aside(line: str, cleaned: Cleaned, before_body: bool) -> bool:
    """Record and drop a line that is not article text; False for body text."""
    patterns = _patterns()
    fields = labelled_fields(line)
    if fields:
        for kind, value in fields.items():
            if kind != "ignored":
                cleaned.fields.setdefault(kind, value)
        cleaned.traces.append(Trace("field", line))
        return True
    # A date widget (今天是…星期二) shows the day the page was read: neither kept nor used; but on a
    # newspaper's page (第01版:头版) the date with its weekday is the issue's.
    issue = patterns.issue_date.match(line) if "page-header" in (t.kind for t in cleaned.traces) else None
    if issue and before_body:
        cleaned.fields.setdefault("dated-line", issue.group("date"))
        cleaned.traces.append(Trace("field", line))
        return True
    if patterns.widget.search(line) and len(line) <= vocabulary().furniture_max_chars:
        cleaned.traces.append(Trace("widget", line))
        return True
    dated = _dated_line(line)
    if dated and (before_body or not (dated[1] or dated[2])):  # below the text, `2023年1月1日起施行` is not a date line
        date, who, outlet = dated
        # Above the text it dates the page; below it, it is a signature's date.
        cleaned.fields.setdefault("dated-line" if before_body else "signed", date)
        if who and before_body and patterns.sign_off.match(who):
            cleaned.fields.setdefault("issuer", who)
        if outlet:  # printed beside the page's date without a label, the outlet is its 来源
            cleaned.fields.setdefault("source", outlet)
        cleaned.traces.append(Trace("field", line))
        return True
    masthead = patterns.masthead.match(line) if before_body else None
    if masthead:  # 某某日报 数字报纸: the paper a 本报 dateline speaks of
        cleaned.fields.setdefault("masthead", masthead.group("paper"))
        cleaned.traces.append(Trace("masthead", line))
        return True
    if patterns.doc_number.match(line):
        cleaned.fields.setdefault("doc-number", line)
        cleaned.traces.append(Trace("doc-number", line))
        return True
    # 分享到: ends with a colon as an addressee does, but it is a page's button
    if before_body and patterns.addressee.match(line) and "如下" not in line and not patterns.furniture.search(line):
        cleaned.traces.append(Trace("addressee", line))
        return True
    kind = "breadcrumb" if before_body and patterns.header_crumbs.search(line) else _furniture_kind(line)
    if kind:
        cleaned.traces.append(Trace(kind, line))
        byline = patterns.credit_line.match(line) if kind == "credit" else None
        if byline and byline.group("outlet"):  # the outlet the reporter writes for
            cleaned.fields.setdefault("byline", byline.group("outlet"))
        supplied = patterns.supplied_by.match(line) if kind == "credit" else None
        if supplied:  # (某某局供稿): the office that supplied the piece is its 稿源
            cleaned.fields.setdefault("source", next(name for name in supplied.group("who", "named", "office", "outlet") if name))
        return True
    return False


def _dated_line(line: str) -> tuple[str, str, str] | None:
    """A line that is a date, alone or with who wrote it or the outlet it came from, in either
    order: `2023-01-13 10:04:14`, `清水县人民政府 2024年01月08日`, `——2024年01月16日王辉`,
    `2025-04-27 10:14 某某省人民政府网`, `某某法制报 2020-10-16 00:32 大字`, a newspaper's edition line
    `《某某日报》2025年11月29日03版` → (the date, the name or "", the outlet or "")."""
    edition = _patterns().edition.match(line)
    if edition:
        return edition.group("date"), "", edition.group("outlet")
    match = _patterns().dated.match(_HIT_COUNTER.sub("", line))
    if not match:
        return None
    return (match.group("date"), match.group("who") or match.group("by") or "",
            match.group("outlet") or match.group("outlet_after") or "")


def labelled_fields(line: str) -> dict[str, str]:
    """`发文日期：2022-02-23 发布机构：淄博市司法局` → {date: …, publisher: …}; table rows too:
    `标题：… | |`, `发布日期 | 2025-06-30`, `索引号 | … | 发文字号 | …`; labels in brackets too
    (`[ 发布机构 ] 某某局 [ 有效性 ]`). An info line with nothing of use comes back as
    {ignored: line}; any other line as {}. A date before the first label (`2022-03-29 17:13:17
    来源: 某某局`) dates the page."""
    patterns = _patterns()
    found: dict[str, str] = {}
    numbered = patterns.numbered_panel_label.match(line)
    if numbered:  # 1. [主题分类] …: an info panel printed as a numbered list; its labels we do not know are of no use
        line = line[numbered.end("number"):]
        if numbered.group("label") not in patterns.label_kind:
            return {"ignored": line}
    line = patterns.bracketed_label.sub(r"\1:", line)
    line = _colons_restored(patterns.site_before_label.sub("", line))
    leading = patterns.date_before_label.match(line)
    if leading:
        found["date"] = leading.group("date")
        line = line[leading.end():]
    unlabelled = patterns.source_before_label.match(line)
    if unlabelled:
        line = line[unlabelled.end():]
    cells = [cell.strip() for cell in line.split("|")]
    cells = [cell for cell in cells if cell]
    if not cells or not (patterns.field_start.match(cells[0]) or cells[0] in patterns.label_kind):
        return {}
    index = 0
    while index < len(cells):
        cell = _label_cell(cells[index])
        if cell in patterns.label_kind:  # a label cell: the next cell, unless a label, is its value
            following = cells[index + 1] if index + 1 < len(cells) else ""
            is_value = following and _label_cell(following) not in patterns.label_kind and not patterns.field_start.match(following)
            _add_field(found, patterns.label_kind[cell], following if is_value else "")
            index += 2 if is_value else 1
            continue
        labels = list(patterns.field_label.finditer(cell)) if patterns.field_start.match(cell) else []
        for here, after in zip(labels, labels[1:] + [None]):
            _add_field(found, patterns.label_kind[here.group(1)], cell[here.end(): after.start() if after else len(cell)])
        index += 1
    if unlabelled and found:  # 杭州网 发布时间:…: an outlet or office printed before the labels is the 来源
        found.setdefault("source", unlabelled.group("name"))
    return found or {"ignored": line}


def _colons_restored(line: str) -> str:
    """`索引号 zzf/2021-00044 发布机构州政府`: an index panel printing its labels without colons (the
    spaces after them lost in normalising) is read with a colon after each label, when the line opens
    with a label, holds another, and is no sentence; so is a line holding one long label and a value
    that is plainly its own, a date or an office (`发布机构某乡人民政府`, `发布日期2026-01-27`)."""
    patterns = _patterns()
    labels = list(patterns.colonless_label.finditer(line))
    if not labels or labels[0].start() or patterns.field_label.search(line) or _SENTENCE_END.search(line):
        return line
    if len(labels) == 1:
        value = line[labels[0].end():].strip()
        own_value = _DATE_ONLY.match(value) or patterns.sign_off.match(value)
        if len(labels[0].group(1)) < _LONE_LABEL_CHARS or not own_value:
            return line
    return patterns.colonless_label.sub(r"\1:", line)


def _label_cell(cell: str) -> str:
    """`发布机构:` alone in its cell (`| 发布机构: | 某镇人民政府 |`) is a label cell like `发布机构`: its value is the next cell."""
    label = cell.rstrip("：: ")
    return label if label in _patterns().label_kind else cell


def _add_field(found: dict[str, str], kind: str, value: str) -> None:
    """A label's value without the separators and buttons around it (`小店区司法局 ┆`,
    `海口市司法局 打印`: normalising has joined the button to the name) or a site template's
    unfilled placeholder (`来源:[db:来源]`); a date printed after another label's value without a
    label of its own (`编辑:白璐 2025-11-21 11:04`) dates the page."""
    patterns = _patterns()
    value = _TEMPLATE_PLACEHOLDER.sub("", value)
    value = patterns.trailing_buttons.sub("", value.strip(_FIELD_TRIM)).strip(_FIELD_TRIM)
    dated = _TRAILING_DATE.search(value) if kind not in _DATE_KINDS else None
    if dated:
        found.setdefault("date", dated.group("date"))
        # 信息来源: 某镇 发布时间 2026-01-26: the date's own label, its colon missing, is not the value's
        value = patterns.trailing_date_label.sub("", value[: dated.start()]).strip(_FIELD_TRIM)
    value = _office_after_prefix(value) if kind in _OFFICE_KINDS else value
    if value and kind != "ignored" and value not in patterns.label_kind:  # a label whose colon is missing: no value
        found.setdefault(kind, value)


def _office_after_prefix(value: str) -> str:
    """发布机构:某某:霞美镇人民政府: a word a copying site put before the office, with a colon of its own,
    is not the office's name: the office after the last colon, when that is an office's name."""
    office = re.split("[：:]", value)[-1].strip()
    return office if office != value and _patterns().sign_off.match(office) else value


def _fields_anywhere(text: str) -> dict[str, str]:
    """Labelled fields inside running page text, where an info line was flattened into it."""
    found: dict[str, str] = {}
    for match in _patterns().field_anywhere.finditer(text):
        kind = _patterns().label_kind[match.group(1)]
        if kind != "ignored":
            found.setdefault(kind, match.group(2))
    return found


def _furniture_kind(line: str) -> str | None:
    patterns = _patterns()
    if patterns.page_header.match(line):
        return "page-header"
    if _IMAGE_FILE_NAME.match(line):
        return "image"
    if patterns.reprint_notice.search(line):
        return "furniture"
    if patterns.breadcrumb.search(line) and len(line) <= 2 * vocabulary().furniture_max_chars or patterns.crumbs.match(line):
        return "breadcrumb"
    if patterns.credit_line.match(line) or patterns.supplied_by.match(line):
        return "credit"
    if patterns.photo_caption.search(line) and len(line) <= 2 * vocabulary().furniture_max_chars:
        return "caption"
    if not _HAS_HAN.search(line) or patterns.issue_number.match(line):
        return "furniture"
    bare = patterns.brackets.sub("", line)
    if bare in patterns.furniture_exact or (
        len(line) <= vocabulary().furniture_max_chars and patterns.furniture.search(line)
    ):
        return "furniture"
    if patterns.column_line.match(bare):
        return "column"
    if _is_navigation(line):
        return "navigation"
    if line in vocabulary().closing_formulas:
        return "closing"
    if len(re.findall(f"[{HAN}]", line)) < _FRAGMENT_HAN and not opens_with_marker(line) and not _SIGNED_MONTH.match(line):
        return "furniture"
    return None


def _is_navigation(line: str) -> bool:
    """A site's menu bar: several short links in a row (`无障碍 一网搜 登录| 注册`,
    `政务服务 中国政府网 省政府网 English 日本語`), perhaps after a caption (`旗下媒体: 某某日报 |…`),
    no sentence, no numbered heading."""
    links = _patterns().trailing_buttons.sub("", _MENU_CAPTION.sub("", line))
    pieces = [piece for piece in _MENU_SEPARATOR.split(links) if piece]
    return (len(pieces) >= _MENU_MIN_LINKS and all(len(piece) <= _MENU_LINK_CHARS for piece in pieces)
            and not _SENTENCE_END.search(line) and not opens_with_marker(line))


def _without_inline_furniture(body: list[str], cleaned: Cleaned) -> list[str]:
    """Drop a dateline before the first paragraph, credits and footers after any, and the
    signature after the last."""
    patterns = _patterns()
    result = []
    # The dateline opens the first paragraph, below the headline's lines when there are any.
    first = next((index for index, paragraph in enumerate(body) if not _title_like(paragraph)), 0)
    body, first = _without_text_above_dateline(body, first, cleaned)
    for index, paragraph in enumerate(body):
        if index == first:
            paragraph = _cut(paragraph, patterns.dateline, "dateline", cleaned)
        paragraph = _cut(paragraph, patterns.trailing_footer, "footer", cleaned)
        paragraph = _cut(paragraph, patterns.trailing_credit, "credit", cleaned)
        if index == len(body) - 1:
            paragraph = _cut(paragraph, patterns.signature, "signature", cleaned)
        if paragraph and _furniture_kind(paragraph) is None:
            result.append(paragraph)
    return result


def _without_text_above_dateline(body: list[str], first: int, cleaned: Cleaned) -> tuple[list[str], int]:
    """A news piece starts at its outlet's dateline (某某网太原3月17日电…): paragraphs above it, in
    place of the first, are text a copying site spliced in, not the piece's; the body without them,
    and where its first paragraph now is."""
    if first >= len(body) or _patterns().dateline.match(body[first]):
        return body, first
    for index in range(first + 1, len(body)):
        if sum(not _CAPTION.match(paragraph) for paragraph in body[first:index]) > _SPLICED_PARAGRAPHS:
            break
        dateline = _patterns().dateline.match(body[index])
        if dateline and dateline.group("media"):
            cleaned.traces.extend(Trace("spliced", paragraph) for paragraph in body[first:index])
            return body[:first] + body[index:], first
    return body, first


def _without_sign_off(body: list[str], cleaned: Cleaned) -> list[str]:
    """A report ends with who signs it and when (沂水县人民政府 / 2024年1月20日): not body text;
    nor are the page's short lines after that (小伙伴们 / 赶紧扫码二维码)."""
    body = _without_tail_after_signature(body, cleaned)
    while body:
        if _DATE_ONLY.match(body[-1]) or _SIGNED_MONTH.match(body[-1]):
            cleaned.fields.setdefault("signed", body[-1])
            cleaned.traces.append(Trace("field", body.pop()))
        elif _patterns().sign_off.match(body[-1]):
            cleaned.traces.append(Trace("signature", body.pop()))
        else:
            return body
    return body


def _without_tail_after_signature(body: list[str], cleaned: Cleaned) -> list[str]:
    """A document signed and dated (中共长沙市委…办公室 / 2019年12月) ends there: the short lines
    a page prints after it (a WeChat article's 小伙伴们 / 赶紧扫码二维码) are furniture. A cover
    notice's signature, with the document itself after it, is left alone."""
    sign_off = _patterns().sign_off
    for index in range(len(body) - 2, 0, -1):
        if sign_off.match(body[index]) and (_DATE_ONLY.match(body[index + 1]) or _SIGNED_MONTH.match(body[index + 1])):
            break
    else:
        return body
    tail = body[index + 2:]
    if not tail or not all(_is_tail_line(line) for line in tail):
        return body
    cleaned.traces.extend(Trace("furniture", line) for line in tail)
    return body[: index + 2]


def _is_tail_line(line: str) -> bool:
    return (len(line) <= _TAIL_LINE_CHARS and "。" not in line and not line.endswith(vocabulary().title_endings)
            and not line.startswith(("（", "(")))


def _cut(paragraph: str, pattern: re.Pattern[str], kind: str, cleaned: Cleaned) -> str:
    match = pattern.search(paragraph)
    if not match:
        return paragraph
    cleaned.traces.append(Trace(kind, match.group("who") if kind == "signature" else match.group(0)))
    outlet = match.groupdict().get("media") or match.groupdict().get("cited") or match.groupdict().get("named")
    if kind == "dateline" and match.group(0).startswith("本报"):  # 本报杭州3月26日讯: the paper of the masthead
        outlet = cleaned.fields.get("masthead")
    if outlet:
        # 某某网(通讯员 张三): a correspondent's piece is supplied by an office, which the page's 来源 names;
        # a reporter's dispatch is the outlet's own.
        key = "carried-by" if _CORRESPONDENT_ONLY.search(match.group(0)) else "publisher"
        cleaned.fields.setdefault(key, _with_channel(outlet, cleaned.fields.get("source", "")))
    if kind == "footer":
        for key, value in labelled_fields(match.group(0).strip()).items():
            if key != "ignored":
                cleaned.fields.setdefault(key, value)
    return (paragraph[: match.start()] + paragraph[match.end():]).strip()


def _with_channel(outlet: str, source: str) -> str:
    """The dateline's outlet as the page's 来源 names it when that is the same outlet: its channel
    (人民网石家庄…电 under 来源: 人民网-河北频道), or the outlet alone where the dateline runs the place it is
    sent from into its name (长城网邢台讯 under 来源: 长城网): the name printed as the source."""
    return source if source and (source.startswith(outlet) or outlet.startswith(source)) else outlet


def _headline_limit(body: list[str], above_addressee: str | None) -> int:
    """How many lines the headline may take: the lines after an addressee or a list's label
    (各位委员: / 主持人: / 新闻发布人:) are what it introduces, not the headline."""
    if above_addressee in body:
        return min(_MAX_TITLE_LINES, body.index(above_addressee) + 1)
    return _MAX_TITLE_LINES


def _split_title(body: list[str], cleaned: Cleaned, above_addressee: str | None) -> tuple[list[str], list[str]]:
    """The short unpunctuated lines above the first paragraph may be the headline: returned
    without column labels and dates (which become fields), a subtitle or an occasion note under
    it, an issuer's line joined to the `关于…` line below it. A line repeating the stated title
    is dropped."""
    stated_title = cleaned.fields.get("title")
    if stated_title:
        body = [p for p in body if p != normalise_text(stated_title)]
    count, limit = 0, _headline_limit(body, above_addressee)
    while count < min(limit, len(body) - 1) and _title_like(body[count]):
        count += 1
        if count == 1 and _HEADLINE_EXCLAIMED.match(body[0]):
            break  # an exclaiming headline atop the page is whole: the short lines under it are the text's (近日 / 某办印发)
    lines = [_without_title_furniture(line, cleaned) for line in _without_notes(body[:count], cleaned)]
    return _joined_title_lines([line for line in lines if line], cleaned), body[count:]


def _without_notes(lines: list[str], cleaned: Cleaned) -> list[str]:
    """A subtitle (`——…新闻发布会举行`) under the headline is kept as a field, not a candidate
    headline; an occasion note (`2025年3月17日在…第二十四次会议上`, perhaps over two lines) dates
    the report as its signature would."""
    patterns = _patterns()
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        occasion = patterns.occasion.match(line) if kept else None
        if kept and line.startswith("——"):
            cleaned.fields.setdefault("subtitle", line.lstrip("—"))
            cleaned.traces.append(Trace("subtitle", line))
        elif occasion:
            cleaned.fields.setdefault("signed", occasion.group("date"))
            cleaned.traces.append(Trace("occasion", line))
            if not line.endswith("上") and index + 1 < len(lines) and lines[index + 1].endswith("上"):
                index += 1  # the note runs on to its `…会议上`
                cleaned.traces.append(Trace("occasion", lines[index]))
        else:
            kept.append(line)
        index += 1
    return kept


def _title_like(line: str) -> bool:
    return (len(line) <= _MAX_TITLE_CHARS and not _SENTENCE_END.search(_HEADLINE_EXCLAIMED.sub("", line))
            and not line.endswith(("：", ":")) and not opens_with_marker(line))


def _without_title_furniture(line: str, cleaned: Cleaned) -> str:
    """`【政策解读】关于…` → `关于…`; `标题 关于…` (a panel's label without its colon) → `关于…`;
    `盘政发〔2016〕10号关于…` → `关于…` (a document number run on before it);
    `…安宁- 新华网内蒙古频道` → `…安宁` (the site's name after a page's title);
    `…工作情况报告 2025-02-24` → the title, and the date kept;
    `| 关于… |` (a title in a one-cell table row: its left border went with the bullets) → `关于…`."""
    patterns = _patterns()
    line = line.rstrip(" |｜")
    label = patterns.column_prefix.match(line) or patterns.title_label.match(line)
    if label and len(line) - label.end() >= vocabulary().title_min_chars:
        cleaned.traces.append(Trace("column", label.group(0)))
        line = line[label.end():].strip()
    line = _without_doc_number(line, cleaned)
    site = patterns.site_suffix.search(line)
    if site and site.start() >= vocabulary().title_min_chars:
        cleaned.traces.append(Trace("field", site.group(0).strip()))
        line = line[: site.start()].strip()
    dated = patterns.title_date.search(line)
    if dated and dated.start() >= vocabulary().title_min_chars:
        cleaned.fields.setdefault("dated-line", dated.group("date"))
        cleaned.traces.append(Trace("field", dated.group(0).strip()))
        line = line[: dated.start()].strip()
    return line


def _without_doc_number(title: str, cleaned: Cleaned) -> str:
    """`盘政发〔2016〕10号 盘锦市人民政府关于…` → the title after the document's number."""
    number = _patterns().doc_number_before.match(title)
    if not number or len(title) - number.end() < vocabulary().title_min_chars:
        return title
    cleaned.traces.append(Trace("field", number.group(0)))
    return title[number.end():].strip()


def _joined_title_lines(lines: list[str], cleaned: Cleaned) -> list[str]:
    """A headline printed over several lines, as official documents print them, is one title:
    the issuers above `关于…` (西平县人民政府办公室 / 关于印发…建设 / 工作安排的通知; 某市人民政府
    某市中级人民法院印发 / 关于…的通知; 中共某镇委员会 / 某镇人民政府 / 关于…的报告), a joint issue
    of two offices above any document title (中共某镇委员会 某镇人民政府 / 某镇2024年…报告), an office
    above a title that starts with its year and so lacks its subject (某某街道办事处 / 2024年…工作报告),
    and a title line continued by one that ends as titles end."""
    joined: list[str] = []
    for line in lines:
        issuers = _issuer_lines_above(joined)
        if issuers and _titled_by(issuers, line):
            if line.startswith("关于"):
                names = [_patterns().issuer_line.match(issuer).group("issuer") for issuer in issuers]
                cleaned.fields.setdefault("title-issuer", "、".join(names))
            del joined[-len(issuers):]
            joined.append(" ".join(issuers) + line)
        elif joined and _continues_title(joined[-1], line):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def _issuer_lines_above(joined: list[str]) -> list[str]:
    """The offices printed one a line at the end of `joined`; only the last may say 印发."""
    issuers: list[str] = []
    for line in reversed(joined):
        issuer = _patterns().issuer_line.match(line)
        if not issuer or (issuer.group("verb") and issuers):
            break
        issuers.insert(0, line)
    return issuers


def _titled_by(issuers: list[str], line: str) -> bool:
    """Whether the offices above `line` head it as its issuers. A single office above a title that
    names its own place may be the site's name (沂水县人民政府 / 2023年沂水县…报告); two offices
    issuing jointly are never a site's name."""
    if line.startswith("关于"):
        return True
    if not line.endswith(vocabulary().title_endings) or _patterns().issuer_line.match(issuers[-1]).group("verb"):
        return False
    joint = len(issuers) > 1 or bool(_patterns().joint_issuers.match(issuers[0]))
    return joint or bool(_SUBJECTLESS_TITLE.match(line))


def _continues_title(previous: str, line: str) -> bool:
    """`关于印发…建设` / `工作安排的通知`, `某州人民政府2024年度法治政府` / `建设情况报告`: a title broken
    where the line wrapped; the second line ends the title and says nothing the first already did."""
    endings = vocabulary().title_endings
    if previous.endswith(endings) or not line.endswith(endings):
        return False
    return "关于" in previous or bool(_STATED_YEAR.search(previous) and not _RESTATES_SUBJECT.search(line))


def _after_cover_notice(body: list[str], cleaned: Cleaned) -> list[str]:
    """A document issued with a cover notice (`…现印发给你们，请…`, signed and dated) starts after
    it: the notice and its signature leave the body, and the document's own title line, when
    it has one, is returned as a title line. An office right above a `关于…` line heads that
    title (the document repeats its issuers there): it is not a second signature."""
    patterns = _patterns()
    for index, paragraph in enumerate(body[: vocabulary().cover_notice_within]):
        if patterns.cover_notice.search(paragraph):
            break
    else:
        return []
    end = index + 1
    while end < len(body) and patterns.sign_off.match(body[end]) and not _heads_title(body, end):
        cleaned.traces.append(Trace("signature", body[end]))
        end += 1
    cleaned.traces.append(Trace("cover-notice", paragraph))
    lines = 2 if _heads_title(body, end) else 1
    titles = []
    if end + lines < len(body) and all(_title_like(line) for line in body[end: end + lines]):
        titles = _joined_title_lines(body[end: end + lines], cleaned)
        end += lines
    del body[: end]
    return titles


def _heads_title(body: list[str], index: int) -> bool:
    """Whether the line is an issuer printed above the `关于…` title line after it."""
    return (index + 1 < len(body) and bool(_patterns().issuer_line.match(body[index]))
            and body[index + 1].startswith("关于") and _title_like(body[index + 1]))


@dataclass(frozen=True)
class _Patterns:
    field_start: re.Pattern[str]
    field_label: re.Pattern[str]
    colonless_label: re.Pattern[str]
    field_anywhere: re.Pattern[str]
    date_before_label: re.Pattern[str]
    site_before_label: re.Pattern[str]
    source_before_label: re.Pattern[str]
    bracketed_label: re.Pattern[str]
    numbered_panel_label: re.Pattern[str]
    attachment_note: re.Pattern[str]
    attachment_heading: re.Pattern[str]
    trailing_buttons: re.Pattern[str]
    trailing_date_label: re.Pattern[str]
    label_kind: dict[str, str]
    page_header: re.Pattern[str]
    masthead: re.Pattern[str]
    breadcrumb: re.Pattern[str]
    header_crumbs: re.Pattern[str]
    crumbs: re.Pattern[str]
    widget: re.Pattern[str]
    dated: re.Pattern[str]
    title_date: re.Pattern[str]
    column_prefix: re.Pattern[str]
    site_suffix: re.Pattern[str]
    column_line: re.Pattern[str]
    title_label: re.Pattern[str]
    addressee: re.Pattern[str]
    doc_number: re.Pattern[str]
    doc_number_before: re.Pattern[str]
    cover_notice: re.Pattern[str]
    issue_number: re.Pattern[str]
    credit_line: re.Pattern[str]
    photo_caption: re.Pattern[str]
    supplied_by: re.Pattern[str]
    trailing_credit: re.Pattern[str]
    trailing_footer: re.Pattern[str]
    dateline: re.Pattern[str]
    signature: re.Pattern[str]
    sign_off: re.Pattern[str]
    issuer_line: re.Pattern[str]
    joint_issuers: re.Pattern[str]
    headline_run_on: re.Pattern[str]
    headline_before_info: re.Pattern[str]
    text_after_buttons: re.Pattern[str]
    occasion: re.Pattern[str]
    issue_date: re.Pattern[str]
    edition: re.Pattern[str]
    furniture: re.Pattern[str]
    furniture_exact: frozenset[str]
    reprint_notice: re.Pattern[str]
    brackets: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    words = vocabulary()
    label_kind = {label: kind for kind, labels in words.field_labels.model_dump().items() for label in labels}
    labels = alternation(label_kind)
    roles = alternation(words.credit_roles)
    media = alternation(words.media_suffixes)
    name = f"[{HAN}A-Za-z·]"
    signatory = rf"[{HAN}]{{2,30}}?{alternation(words.signature_suffixes)}"
    # 某某日报, 某某省人民政府网, 某某日报·某某客户端: a name, not a headline (…关于…的通报 ends with 报 too)
    outlet = rf"(?:(?!关于|的)[{HAN}A-Za-z·]){{2,15}}?{media}"
    # 星报讯: before 讯 or 电 an outlet's name may be one character and its kind (本报讯 is the outlet itself)
    # (某某新闻网10月30日…: the name runs on to 网, not stopping at 新闻)
    dateline_outlet = rf"(?!本[报台网])(?:(?!关于|的)[{HAN}A-Za-z]){{1,15}}?{media}(?![网網])"
    dateline_day = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日"
    buttons = alternation(words.page_buttons)
    columns = alternation(words.column_words)
    date = rf"(?P<date>{_DATE_TEXT})"
    date_labels = alternation(words.field_labels.date)
    return _Patterns(
        field_start=re.compile(rf"^{labels}\s*[：:]"),
        field_label=re.compile(rf"({labels})\s*[：:]"),
        colonless_label=re.compile(rf"({labels})(?!\s*[：:])"),
        field_anywhere=re.compile(rf"({labels})\s*[：:]\s*([^\s：:|【】]+)"),
        # 2022-03-29 17:13:17 来源: 某某局 / 2026年01月04日08:22 | 来源:某某日报
        # (the site's address may come between: 2013-04-28 10:09:43 http://www.example.cn/ 来源:…)
        date_before_label=re.compile(rf"^{date}\s*(?:(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/?\S*\s+)?"
                                     rf"(?=(?:[|｜]\s*)?{labels}\s*[：:])"),
        # 某某司法厅 sft.example.gov.cn 时间:…: the hosting site's name and domain before the info line's labels,
        # perhaps with the page's date between (某某网 www.example.cn 2007年09月07日 来源:…)
        site_before_label=re.compile(rf"^(?:[{HAN}]{{2,20}}\s+)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\s+"
                                     rf"(?=(?:{_DATE_TEXT}\s*(?:[|｜]\s*)?)?{labels}\s*[：:])"),
        # 某某网 发布时间:… / 某某县人民政府 发布时间:…: an outlet or office before the info line's first label
        source_before_label=re.compile(rf"^(?P<name>{outlet}|{signatory})\s*(?={labels}\s*[：:])"),
        # [ 发布机构 ] 某某局: a label in brackets, as some portals print their info fields
        bracketed_label=re.compile(rf"[\[［【]\s*({labels})\s*[\]］】]"),
        # 附件：某某名单 / 附件1:…: a document's note of what is attached; 附 件 / 附件2: the attachment's own heading
        attachment_note=re.compile(r"^附\s*件\s*\d*\s*[：:]\s*\S"),
        attachment_heading=re.compile(r"^附\s*件\s*\d*\s*[：:]?$"),
        # 1. [发文机构] 某某市委 / 3. [联合发文单位] …: an info panel's fields as a numbered list
        numbered_panel_label=re.compile(rf"^(?P<number>\d{{1,2}}[.、]\s*)[\[［]\s*(?P<label>[{HAN}/]{{2,10}})\s*[\]］]"),
        trailing_buttons=re.compile(rf"(?:\s*{buttons})+$"),
        trailing_date_label=re.compile(rf"\s*{date_labels}$"),
        label_kind=label_kind,
        page_header=re.compile(words.page_header_pattern),
        masthead=re.compile(words.masthead_pattern),
        breadcrumb=re.compile(words.breadcrumb_pattern),
        crumbs=re.compile(words.crumbs_pattern),
        header_crumbs=re.compile(words.header_crumbs_pattern),
        widget=re.compile(words.date_widget_pattern),
        # 2023-01-13 10:04:14 / 清水县人民政府 2024年01月08日 / ——2024年01月16日王辉 /
        # 2025-04-27 10:14 某某网 / 某某日报 2020-10-16 00:32 大字 (the page's buttons may follow)
        # (some print a separator after the outlet: 某某日报·2025-10-31 09:04)
        dated=re.compile(rf"^[—\-\s]*(?:(?P<who>{signatory})\s*|(?P<outlet>{outlet})\s*[·|｜]?\s*)?{date}\s*"
                         rf"(?:(?P<outlet_after>{outlet}|{signatory})|(?!{buttons})(?P<by>[{HAN}]{{2,4}}))?"
                         rf"(?:\s*{buttons})*$"),
        # …工作情况报告 2025-02-24 / …的报告——2024年01月16日王辉 / …规划 发布时间:2025-11-24:
        # a date printed after the title, with its label or without
        title_date=re.compile(rf"(?:\s*{date_labels}\s*[：:]\s*|\s+|\s*——\s*){date}\s*(?:[{HAN}]{{2,4}})?$"),
        # 【政策解读】… / [权威发布]… / 法治要闻——… / 某某法制报 | …: a column's or an outlet's name before the title
        column_prefix=re.compile(rf"^(?:【[^】]{{2,10}}】|[\[［][^\]］\d]{{2,10}}[\]］]|[^\s—]{{0,6}}{columns}\s*——|{outlet}\s*[|｜])\s*"),
        # …- 新华网内蒙古频道 / …_某某县人民政府门户网站 / … | 人民网: the site's name after a page's title:
        # a name that ends as sites' names end, or a short one ending in 网 (not after a dash: ——… is a
        # subtitle; not 当法治遇上互联网 or 织密“一张网”, the end of a headline)
        site_suffix=re.compile(rf"\s*[-_|｜–]\s*(?:[{HAN}A-Za-z·]{{1,10}}?(?:新闻网|新聞網|政府网|政府網|网站|網站|频道|頻道)"
                               rf"|[{HAN}A-Za-z·]{{1,4}}[网網])$"),
        column_line=re.compile(rf"^[{HAN}]{{0,6}}{columns}$"),
        # 标 题 某县…的报告: an info panel's title label printed without its colon (its spaces normalised away)
        title_label=re.compile(rf"^{alternation(words.field_labels.title)}\s*"),
        # 省委、省政府： / 亲爱的市民朋友们： / 各乡镇人民政府，…：  (whom a letter or report is to)
        addressee=re.compile(r"^[^。！？；]{2,80}[：:]$"),
        doc_number=re.compile(words.doc_number_pattern),
        # 盘政发〔2016〕10号盘锦市人民政府关于…: a document's number run on before its title
        # [天政发〔2026〕7号]天水市…: in brackets too
        doc_number_before=re.compile(r"^[\[［【]?" + words.doc_number_pattern.removeprefix("^").removesuffix("$") + r"[\]］】]?\s*"),
        cover_notice=re.compile(alternation(words.cover_notice)),
        issue_number=re.compile(words.issue_number_pattern),
        # 本报记者杨瑾 / （记者单成镇摄影甄宗奎） / （通讯员） / 某某客户端记者 张三 通讯员 李四: a line that is
        # nothing but a credit, perhaps led by the outlet the reporter writes for.
        # 文| 县融媒体中心记者 张三: a credit may say first what it credits (the text, the pictures), and
        # the reporter's unit may be too short for an outlet's name (县, 市).
        credit_line=re.compile(rf"^(?:[文图]{{1,2}}\s*[|｜/：:]\s*)?[（(]?(?:(?P<outlet>{outlet}(?={roles}))|[{HAN}](?={roles}))?"
                               rf"(?:{roles}[：:]?(?:{name}{{2,4}}[、，,]?){{0,2}}){{1,3}}[）)]?$"
                               # 文/张三: a feature's writer credited with no role; 某某新媒体记者张三摄: a photo's
                               rf"|^[文图]{{1,2}}\s*[|｜/]\s*{name}{{2,4}}$|^[{HAN}]{{0,12}}?(?:记者|通讯员|摄影)\s*{name}{{2,4}}\s*摄$"),
        # (某某局供稿) / (来源:某县某镇 张三): who supplied the piece, perhaps with the person who wrote it;
        # 供稿:政策法规科: an office, down to a section (科, 股), credited as the supplier on a line of its own,
        # perhaps with its writer's name after (供稿:政策法规科 张三)
        supplied_by=re.compile(rf"^(?:[（(](?:(?P<who>{signatory})供稿|来源[：:]\s*(?P<named>[{HAN}]{{2,30}}"
                               rf"(?:{alternation(words.signature_suffixes)}|{_PLACE_SUFFIX}))\s*{name}{{0,4}})[）)]"
                               rf"|供稿[：:]\s*(?P<office>[{HAN}]{{2,30}}(?:{alternation(words.signature_suffixes)}|{_SECTION_SUFFIX}))"
                               rf"(?:\s*{name}{{2,4}})?"
                               # 本文来源于某某新闻网[www.example.cn]: the closing note of the outlet a piece comes from
                               rf"|本文来源于\s*(?P<outlet>{outlet})\s*(?:[\[［【(（][^\]］】)）]*[\]］】)）])?)$"),
        # …召开法治政府建设推进会。某某记者 张三摄: a photo's caption, ending with who took it
        photo_caption=re.compile(rf"[。！]\s*[^。！？]{{0,12}}?(?:记者|通讯员|摄影)\s*{name}{{2,4}}\s*摄$"),
        trailing_credit=re.compile(rf"[（(](?P<who>{roles}[^（）()]{{0,40}})[）)]$"),
        # …取得实效。关键词：… 责任编辑：…  (a page's footer run on after the last sentence)
        trailing_footer=re.compile(rf"(?<=[。！？”）)])\s*{alternation(words.footer_labels)}\s*[：:].*$"),
        # 山东法制传媒网：（李孝浩、丁峰）… / 本报讯（记者 王五）… / 本报杭州3月26日讯… / 新华社北京12月15日电（记者张三）… / 某某新闻网讯… /
        # 某某日报12月17日讯（记者 王五）… /
        # 据《某某日报》消息… / 据新华社报道… (the outlet a piece is reported from is its source too) /
        # （记者 张三）3月20日上午，… (a reporter's credit opening the lead, with no outlet)
        # 新华社北京12月15日电 / 中新社武汉十月十九日电: a wire dates its dispatch in either numerals
        # 某某网5月20日南通讯: the place it is sent from may follow the day; 某某网10月30日消息: 消息 for 讯
        dateline=re.compile(
            rf"^(?:(?P<media>{dateline_outlet})(?:(?:[{HAN}]{{0,6}}?{dateline_day}[{HAN}]{{0,4}}?(?:电|讯|消息)|讯)"
            rf"(?:\s*[（(][^（）()]{{1,40}}[）)])?|[：:]?\s*[（(][^（）()]{{1,40}}[）)])"
            rf"|据《?(?P<cited>{outlet})》?(?:消息|报道)"
            # 掌上春城讯5月12日，…: an outlet of any name, its 讯 followed by the day
            rf"|(?!本[报台网])(?P<named>[{HAN}]{{2,8}})讯(?=\s*{dateline_day})"
            rf"|本[报台网](?:[{HAN}]{{0,6}}?\d{{1,2}}月\d{{1,2}}日)?讯(?:\s*[（(][^（）()]{{1,40}}[）)])?"
            rf"|[（(]{roles}[^（）()]{{0,40}}[）)])[：:，,]?"
        ),
        signature=re.compile(rf"(?<=[。！？”])\s*[（(](?P<who>{signatory})[）)]$"),
        sign_off=re.compile(rf"^{signatory}$"),
        # 某县人民政府办公室 / 某市人民政府 某市中级人民法院印发: who issues the document titled below
        issuer_line=re.compile(rf"^(?P<issuer>{signatory})(?P<verb>(?:联合)?(?:印发|转发))?$"),
        # 中共某镇委员会某镇人民政府: two offices on one line (the space between them normalised away)
        joint_issuers=re.compile(rf"^{signatory}{signatory}$"),
        # 某镇人民政府关于…的报告 某市委、某市人民政府: 2024年,…  (not a title and an info label: 发布时间:)
        headline_run_on=re.compile(rf"^(?P<title>[^。！？；：:\s]{{{words.title_min_chars},{_MAX_TITLE_CHARS}}}?"
                                   rf"{alternation(words.title_endings)})\s+"
                                   rf"(?P<addressee>(?!{labels}\s*[：:])[^。！？；\s]{{2,60}}[：:])\s+(?=\S)"),
        # 时间:… [收藏] [打印] [关闭]12月17日,…: an info line's bracketed buttons, then the text run on after them
        text_after_buttons=re.compile(rf"^(?P<info>.*[\[［【]\s*{buttons}\s*[\]］】])\s*(?P<text>[^\[［【].*[。！？].*)$"),
        # 某某…示范地区和项目发布时间:2021-09-16: a headline (no sentence) with an info line run on after it
        headline_before_info=re.compile(rf"^(?P<title>[^。！？；：:|｜]{{{words.title_min_chars},{_MAX_TITLE_CHARS}}}?)"
                                        rf"(?=(?:{labels})\s*[：:])"),
        # 2021年12月18日 星期六: a day and its weekday, nothing else
        issue_date=re.compile(rf"^{date}\s*星期[一二三四五六日天]$"),
        # 2025年3月17日在某某旗人民代表大会常务委员会会议上: when and where a report was delivered
        occasion=re.compile(rf"^{date}\s*在[{HAN}]"),
        # 《某某日报》2025年11月29日03版: a newspaper's name, date and page above the headline
        edition=re.compile(rf"^《(?P<outlet>{outlet})》\s*{date}\s*(?:第?\d{{1,3}}版)?$"),
        furniture=re.compile(alternation(words.furniture)),
        furniture_exact=frozenset(words.furniture_exact),
        reprint_notice=re.compile(words.reprint_notice_pattern),
        brackets=re.compile(r"[【】\[\]（）()：:|｜\s]"),
    )
