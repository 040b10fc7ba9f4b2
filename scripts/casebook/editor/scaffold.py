"""`casebook new`: a correctly named skeleton case with every field present and explained.

The skeleton fails validation only where the editor still has to write something (title,
summary, the first practice), so `casebook validate` doubles as the editor's to-do list. What the
editor answers is checked first, each answer on its own (`new_case`): a place from the national
list, a year, a source kind; an answer that cannot be used is one line naming its option.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import jinja2

from casebook.core.urls import NotAWebAddress, web_address
from casebook.sources.schema import PLACE_LEVELS, SOURCE_KIND_NAMES
from casebook.vocabularies import divisions
from casebook.vocabularies.place_slugs import place_slug
from casebook.vocabularies.taxonomy import Taxonomy

FIRST_YEAR = 1949  # the earliest date a case may hold (fields.py) is 1949-10-01


class BadAnswer(ValueError):
    """An answer `casebook new` cannot use: one line naming the option, what is wrong and what
    is expected; `option` is asked again when the editor is at a terminal."""

    def __init__(self, option: str, message: str):
        super().__init__(f"--{option.replace('_', '-')}：{message}")
        self.option = option


@dataclass(frozen=True)
class NewCase:
    province: str
    year: int
    city: str | None = None
    county: str | None = None
    town: str | None = None
    source_title: str = ""
    source_publisher: str | None = None
    source_date: str | None = None
    source_url: str | None = None
    source_kind: str = "news"

    @property
    def level(self) -> str:
        return next(PLACE_LEVELS[part] for part in reversed(PLACE_LEVELS) if part == "province" or getattr(self, part))

    @property
    def case_id(self) -> str:
        """province-place-year, naming the most specific places: shandong-yucheng-ju-2023."""
        local = [self.county, self.town] if self.town else [self.county or self.city]
        names = [self.province, *(n for n in local if n)]
        return "-".join([*(place_slug(n) for n in names), str(self.year)])

    def path(self, cases_dir: Path, number: int = 1) -> Path:
        """Where the case is written; `number` 2, 3 … for further cases of the same place and year."""
        return cases_dir / place_slug(self.province) / (f"{self.case_id}.yml" if number == 1 else
                                                        f"{self.case_id}-{number}.yml")


def new_case(answers: dict[str, str | None], today: dt.date) -> tuple[NewCase, str | None]:
    """The case the answers describe (blank answers are left out), and a warning for a town the
    national list does not name; raises BadAnswer for the first answer that cannot be used."""
    given = {name: value.strip() for name, value in answers.items() if value and value.strip()}
    new = NewCase(**{name: value for name, value in given.items() if name not in ("year", "source_kind", "source_date",
                                                                                  "source_url")},
                  year=_year(given.get("year", ""), today), source_kind=_source_kind(given.get("source_kind", "")),
                  source_date=_date(given.get("source_date"), today), source_url=_url(given.get("source_url")))
    return new, _place_warning(new)


def _year(text: str, today: dt.date) -> int:
    """2023, 2023年 or ２０２３ all mean 2023."""
    written = unicodedata.normalize("NFKC", text).strip().removesuffix("年").strip()
    if not re.fullmatch(r"[0-9]{4}", written) or not FIRST_YEAR <= int(written) <= today.year:
        raise BadAnswer("year", f"应为 {FIRST_YEAR} 到 {today.year} 之间的四位年份，如 2023（现为 “{text}”）")
    return int(written)


def _source_kind(text: str) -> str:
    """The kind's own name (annual-report) or what it is called in Chinese (年度报告)."""
    kinds = {**{name: kind for kind, name in SOURCE_KIND_NAMES.items()}, **{kind: kind for kind in SOURCE_KIND_NAMES}}
    if text not in kinds:
        raise BadAnswer("source_kind", f"应为 {source_kind_choices()} 之一（现为 “{text}”）")
    return kinds[text]


def source_kind_choices() -> str:
    return " / ".join(f"{kind} {name}" for kind, name in SOURCE_KIND_NAMES.items())


def _date(text: str | None, today: dt.date) -> str | None:
    if text is None:
        return None
    try:
        date = dt.date.fromisoformat(unicodedata.normalize("NFKC", text))
    except ValueError:
        raise BadAnswer("source_date", f"应为真实的日期，格式 YYYY-MM-DD，如 2022-02-23（现为 “{text}”）") from None
    if not dt.date(FIRST_YEAR, 10, 1) <= date <= today:
        raise BadAnswer("source_date", f"应在 {FIRST_YEAR}-10-01 到今天之间（现为 {date.isoformat()}）")
    return date.isoformat()


def _url(text: str | None) -> str | None:
    try:
        return None if text is None else web_address(text)
    except NotAWebAddress as error:
        raise BadAnswer("source_url", str(error)) from None


def _place_warning(new: NewCase) -> str | None:
    """Raises BadAnswer for a province, city or county the national list refuses (山东 → 应为
    山东省); a town it does not name is only a warning, as in `casebook validate`."""
    found = divisions.lookup(new.province, new.city, new.county)
    if not found.ok:
        raise BadAnswer(found.field, found.problem)
    if new.town and not divisions.has_town(found.division, new.town):
        return (f"警告：{found.division.name}下没有名为“{new.town}”的乡镇或街道（民政部行政区划 "
                f"{divisions.data_as_of()} 版）；请核对名称")
    return None


def skeleton(new: NewCase, case_id: str, taxonomy: Taxonomy, today: dt.date) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("casebook.editor", "templates"),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["yaml"] = lambda text: json.dumps(text, ensure_ascii=False)  # JSON strings are YAML
    fields = {name: getattr(new, name) for name in NewCase.__dataclass_fields__}
    return env.get_template("new-case.yml.j2").render(
        **fields, case_id=case_id, level=new.level, today=today.isoformat(),
        categories=" / ".join(taxonomy.category_slugs),
    )


def write_new_case(new: NewCase, cases_dir: Path, taxonomy: Taxonomy, today: dt.date) -> Path:
    """Write the skeleton, never over a file: a second case of the same place and year (a news
    piece beside the annual report) takes the next free id, shandong-zibo-2021-2."""
    target, number = new.path(cases_dir), 1
    while target.exists():
        number += 1
        target = new.path(cases_dir, number)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(new, target.stem, taxonomy, today), encoding="utf-8")
    return target
