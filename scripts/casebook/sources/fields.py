"""The types of the fields of case, vocabulary and registry files, and their rules: prose and labels
(never blank, never markup, never a hidden character), slugs, web addresses, dates, years, and the
limits of each. The case schema and the vocabulary models are made of them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from casebook.core.routes import ROUTE_NAME
from casebook.core.text_rules import (
    HIDDEN_CHARACTER,
    MARKUP,
    SLUG_PATTERN,
    WINDOWS_RESERVED,
    describe_character,
)
from casebook.core.urls import NotAWebAddress, web_address


def _no_markup(value: str) -> str:
    if MARKUP.search(value):
        raise PydanticCustomError(
            "markup", "不允许 HTML 或脚本标记（如 <script>）；请只写纯文本"
        )
    return value


def _no_hidden_characters(value: str) -> str:
    hidden = HIDDEN_CHARACTER.search(value)
    if hidden:
        raise PydanticCustomError(
            "hidden_character", "含有看不见的控制字符 {char}；它会让读者看到的与实际内容不同，请删除",
            {"char": describe_character(hidden.group())},
        )
    return value


def _not_blank(value: object) -> object:
    # Checked before surrounding spaces are stripped: "  " is a mistake, not an empty value.
    if isinstance(value, str) and value and not value.strip():
        raise PydanticCustomError("blank", "不能只有空白；不需要时请删去这一项")
    return value


# Any text that reaches a page: never a character the reader cannot see.
Visible = AfterValidator(_no_hidden_characters)

NotBlank = BeforeValidator(_not_blank)


class TextMarker:
    """Marks a field as reader-facing prose, so the normalise step converts it."""


TEXT = TextMarker()

# Reader-facing prose: never empty, never markup; normalised to Simplified Chinese.
Text = Annotated[
    str,
    NotBlank,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_no_markup),
    Visible,
    TEXT,
]

# A short label that is not prose (a unit, a category or tag name): the same rules, not normalised.
Label = Annotated[str, NotBlank, StringConstraints(strip_whitespace=True, max_length=20),
                  AfterValidator(_no_markup), Visible]


def _not_reserved(value: str) -> str:
    if value in WINDOWS_RESERVED:
        raise PydanticCustomError("reserved_name", "“{value}” 是 Windows 保留的文件名，不能用作 id 或短名",
                                  {"value": value})
    if ROUTE_NAME.fullmatch(value):
        raise PydanticCustomError("reserved_name", "“{value}” 是网站自身的页面名（列表首页、分页），不能用作 id 或短名",
                                  {"value": value})
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    AfterValidator(_not_reserved),
    Field(description="小写拉丁字母、数字和连字符，如 shandong-zaozhuang-2022"),
]


def _checked_address(value: str) -> str:
    try:
        return web_address(value)
    except NotAWebAddress as error:
        raise PydanticCustomError("web_address", str(error)) from None


WebUrl = Annotated[
    str,
    NotBlank,
    StringConstraints(strip_whitespace=True, max_length=2000),
    Visible,
    AfterValidator(_checked_address),
    Field(description="公开网站的网址，以 http:// 或 https:// 开头",
          json_schema_extra={"pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$"}),
]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Dates and years a case can speak of: from the People's Republic on, and never in the future for
# what has already happened (validation reads the clock; rendering never does).
EARLIEST = dt.date(1949, 10, 1)

LATEST = dt.date(2100, 12, 31)

MAX_PERIOD_YEARS = 10  # a five-year plan fits twice; a longer span is a typing mistake


def _iso_date_text(value: object) -> object:
    # YAML would turn 2021 into a number and pydantic a number into 1970-01-01: be explicit.
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise PydanticCustomError("date_format", "应为日期，格式 YYYY-MM-DD，如 2022-02-23")


def _within_history(value: dt.date) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError("date_range", "日期应在 {earliest} 至 {latest} 之间（现为 {value}）",
                                  {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat(),
                                   "value": value.isoformat()})
    return value


def today(info: ValidationInfo) -> dt.date:
    """The day validation runs (tests may fix it in the validation context)."""
    return (info.context or {}).get("today") or dt.date.today()


def not_in_future(value: dt.date, info: ValidationInfo) -> dt.date:
    if value > today(info):
        raise PydanticCustomError("future_date", "日期不能晚于今天（{today}）；请写已经发生的日期（现为 {value}）",
                                  {"today": today(info).isoformat(), "value": value.isoformat()})
    return value


def _yearnot_in_future(value: int, info: ValidationInfo) -> int:
    if value > today(info).year:
        raise PydanticCustomError("future_year", "年份不能晚于今年（{year}）；请写来源所述已经发生的年份",
                                  {"year": today(info).year})
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date_text), AfterValidator(_within_history)]

PastDate = Annotated[Date, AfterValidator(not_in_future)]

Year = Annotated[int, Field(strict=True, ge=EARLIEST.year), AfterValidator(_yearnot_in_future)]

# Upper limits, documented for editors (README, CONTRIBUTING): generous for any real report,
# small enough that no page or table grows without bound.
LIMITS = {
    "place": 20,            # a place name
    "title": 80,            # a case's title
    "practice_title": 60,
    "name": 80,             # names of metrics and honours, publishers, conferrers
    "source_title": 200,
    "summary": 1000,
    "description": 2000,    # a practice
    "item": 500,            # a problem, a next step, a note, a reason
    "quote": 80,            # about 60 characters is the aim
    "practices": 100,       # a case
    "metrics": 50,          # a practice
    "tags": 10,             # a practice
    "items": 30,            # problems, next steps
    "sources": 10,
    "honours": 10,
}


def limited(limit: str) -> object:
    return Annotated[Text, Field(max_length=LIMITS[limit])]
