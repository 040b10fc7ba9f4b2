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

from casebook.sources.normalise import normalise_text, strip_pinyin_readings, to_simplified
from .structure import opens_with_marker
from .vocabulary import alternation, vocabulary

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_HAN = re.compile(f"[{HAN}]")
# Full-width digits, Latin letters and the signs numbers use; Chinese punctuation stays as it is.
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0b\uff0d\uff0e\uff0f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BULLETS = re.compile(r"^[•·●○▪■□◆◇►▶\-*|｜\s]+")
DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_ONLY = re.compile(rf"^{DATE.pattern}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?$")
_BOOK_TITLE = re.compile(r"《[^《》\n]*》")
_SENTENCE_END = re.compile(r"[。！？；]")
_MAX_TITLE_LINES = 3
_MAX_TITLE_CHARS = 60


@dataclass(frozen=True)
class Trace:
    """One thing cleaning changed or dropped: what kind of thing, and the text concerned."""

    kind: str  # traditional, pinyin, furniture, page-header, credit, dateline, signature, field, closing
    text: str


@dataclass
class Cleaned:
    paragraphs: list[str]                # the body, one paragraph a line
    title_lines: list[str]               # the headline (and subtitle) above the body
    fields: dict[str, str]               # title, date, updated, publisher, source, dated-line, signed
    traces: list[Trace] = field(default_factory=list)

    def traced(self, kind: str) -> list[str]:
        return [t.text for t in self.traces if t.kind == kind]


def clean_article(text: str, page_text: str = "") -> Cleaned:
    cleaned = Cleaned([], [], {})
    body: list[str] = []
    for raw_line in text.splitlines():
        line = _tidy(raw_line)
        if not line:
            continue
        _trace_conversions(line, cleaned)
        line = _normalise(line)
        if not _set_aside(line, cleaned, before_body=not body):
            body.append(line)
    if page_text:  # an HTML page's info line sits outside the main text
        for kind, value in _fields_anywhere(_normalise(_tidy(page_text))).items():
            cleaned.fields.setdefault(kind, value)
    body = _without_sign_off(_without_inline_furniture(body, cleaned), cleaned)
    cleaned.title_lines, cleaned.paragraphs = _split_title(body, cleaned.fields.get("title"))
    return cleaned


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
    return _BOOK_TITLE.sub(_nested_title_marks, normalise_text(line)).strip()


def _nested_title_marks(match: re.Match[str]) -> str:
    """《…<…>…》 → 《…〈…〉…》: a title inside a title takes Chinese angle brackets, not markup's."""
    return match.group(0).replace("<", "〈").replace(">", "〉")


def _set_aside(line: str, cleaned: Cleaned, before_body: bool) -> bool:
    """Record and drop a line that is not article text; False for body text."""
    fields = labelled_fields(line)
    if fields:
        for kind, value in fields.items():
            if kind != "ignored":
                cleaned.fields.setdefault(kind, value)
        cleaned.traces.append(Trace("field", line))
        return True
    if before_body and _DATE_ONLY.match(line):
        cleaned.fields.setdefault("dated-line", line)
        cleaned.traces.append(Trace("field", line))
        return True
    kind = _furniture_kind(line)
    if kind:
        cleaned.traces.append(Trace(kind, line))
        return True
    return False


def labelled_fields(line: str) -> dict[str, str]:
    """`发文日期：2022-02-23 发布机构：淄博市司法局` → {date: …, publisher: …}. An info line with
    nothing of use (`索引号：… 文号：`) comes back as {ignored: line}; any other line as {}."""
    if not _patterns().field_start.match(line):
        return {}
    found: dict[str, str] = {}
    labels = list(_patterns().field_label.finditer(line))
    for here, after in zip(labels, labels[1:] + [None]):
        value = line[here.end(): after.start() if after else len(line)].strip(" ：:|")
        kind = _patterns().label_kind[here.group(1)]
        if value and kind != "ignored":
            found.setdefault(kind, value)
    return found or {"ignored": line}


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
    if patterns.credit_line.match(line):
        return "credit"
    if not _HAS_HAN.search(line) or patterns.issue_number.match(line):
        return "furniture"
    bare = patterns.brackets.sub("", line)
    if bare in patterns.furniture_exact or (
        len(line) <= vocabulary().furniture_max_chars and patterns.furniture.search(line)
    ):
        return "furniture"
    if line in vocabulary().closing_formulas:
        return "closing"
    return None


def _without_inline_furniture(body: list[str], cleaned: Cleaned) -> list[str]:
    """Drop a dateline before the first paragraph, credits after any, and the signature after the last."""
    patterns = _patterns()
    result = []
    for index, paragraph in enumerate(body):
        if index == 0:
            paragraph = _cut(paragraph, patterns.dateline, "dateline", cleaned)
        paragraph = _cut(paragraph, patterns.trailing_credit, "credit", cleaned)
        if index == len(body) - 1:
            paragraph = _cut(paragraph, patterns.signature, "signature", cleaned)
        if paragraph and _furniture_kind(paragraph) is None:
            result.append(paragraph)
    return result


def _without_sign_off(body: list[str], cleaned: Cleaned) -> list[str]:
    """A report ends with who signs it and when (沂水县人民政府 / 2024年1月20日): not body text."""
    while body:
        if _DATE_ONLY.match(body[-1]):
            cleaned.fields.setdefault("signed", body[-1])
            cleaned.traces.append(Trace("field", body.pop()))
        elif _patterns().sign_off.match(body[-1]):
            cleaned.traces.append(Trace("signature", body.pop()))
        else:
            return body
    return body


def _cut(paragraph: str, pattern: re.Pattern[str], kind: str, cleaned: Cleaned) -> str:
    match = pattern.search(paragraph)
    if not match:
        return paragraph
    cleaned.traces.append(Trace(kind, match.group("who") if kind == "signature" else match.group(0)))
    if match.groupdict().get("media"):
        cleaned.fields.setdefault("publisher", match.group("media"))
    return (paragraph[: match.start()] + paragraph[match.end():]).strip()


def _split_title(body: list[str], stated_title: str | None) -> tuple[list[str], list[str]]:
    """The short unpunctuated lines above the first paragraph are the headline; a line repeating
    the stated title is dropped."""
    if stated_title:
        body = [p for p in body if p != normalise_text(stated_title)]
    count = 0
    while (count < min(_MAX_TITLE_LINES, len(body) - 1) and len(body[count]) <= _MAX_TITLE_CHARS
           and not _SENTENCE_END.search(body[count]) and not opens_with_marker(body[count])):
        count += 1
    return body[:count], body[count:]


@dataclass(frozen=True)
class _Patterns:
    field_start: re.Pattern[str]
    field_label: re.Pattern[str]
    field_anywhere: re.Pattern[str]
    label_kind: dict[str, str]
    page_header: re.Pattern[str]
    issue_number: re.Pattern[str]
    credit_line: re.Pattern[str]
    trailing_credit: re.Pattern[str]
    dateline: re.Pattern[str]
    signature: re.Pattern[str]
    sign_off: re.Pattern[str]
    furniture: re.Pattern[str]
    furniture_exact: frozenset[str]
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
    return _Patterns(
        field_start=re.compile(rf"^{labels}\s*[：:]"),
        field_label=re.compile(rf"({labels})\s*[：:]"),
        field_anywhere=re.compile(rf"({labels})\s*[：:]\s*([^\s：:|【】]+)"),
        label_kind=label_kind,
        page_header=re.compile(words.page_header_pattern),
        issue_number=re.compile(words.issue_number_pattern),
        # 本报记者杨瑾 / （记者单成镇摄影甄宗奎） / （通讯员）: a line that is nothing but a credit.
        credit_line=re.compile(rf"^[（(]?(?:{roles}[：:]?(?:{name}{{2,4}}[、，,]?){{0,2}}){{1,3}}[）)]?$"),
        trailing_credit=re.compile(rf"[（(](?P<who>{roles}[^（）()]{{0,40}})[）)]$"),
        # 山东法制传媒网：（李孝浩、丁峰）… / 本报讯（记者 王五）… / 新华社北京12月15日电（记者张三）…
        dateline=re.compile(
            rf"^(?:(?P<media>[{HAN}A-Za-z]{{2,15}}?{media})(?:[{HAN}]{{0,6}}?\d{{1,2}}月\d{{1,2}}日[电讯])?[：:]?"
            rf"\s*[（(](?P<who>[^（）()]{{1,40}})[）)]|本[报台网]讯(?:\s*[（(][^（）()]{{1,40}}[）)])?)[：:，,]?"
        ),
        signature=re.compile(rf"(?<=[。！？”])\s*[（(](?P<who>{signatory})[）)]$"),
        sign_off=re.compile(rf"^{signatory}$"),
        furniture=re.compile(alternation(words.furniture)),
        furniture_exact=frozenset(words.furniture_exact),
        brackets=re.compile(r"[【】\[\]（）()：:|｜\s]"),
    )
