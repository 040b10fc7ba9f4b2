"""`casebook new`: a correctly named skeleton case with every field present and explained.

The skeleton fails validation only where the editor still has to write something (title,
summary, the first practice), so `casebook validate` doubles as the editor's to-do list.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

from casebook.sources.schema import PLACE_LEVELS
from casebook.vocabularies.place_slugs import place_slug
from casebook.vocabularies.taxonomy import Taxonomy


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

    def path(self, cases_dir: Path) -> Path:
        return cases_dir / place_slug(self.province) / f"{self.case_id}.yml"


def skeleton(new: NewCase, taxonomy: Taxonomy, today: dt.date) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("casebook.editor", "templates"),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["yaml"] = lambda text: json.dumps(text, ensure_ascii=False)  # JSON strings are YAML
    fields = {name: getattr(new, name) for name in NewCase.__dataclass_fields__}
    return env.get_template("new-case.yml.j2").render(
        **fields, case_id=new.case_id, level=new.level, today=today.isoformat(),
        categories=" / ".join(taxonomy.category_slugs),
    )


def write_new_case(new: NewCase, cases_dir: Path, taxonomy: Taxonomy, today: dt.date) -> Path:
    target = new.path(cases_dir)
    if target.exists():
        raise FileExistsError(f"{target} 已存在；请直接编辑它，或换一个年份或地区")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(skeleton(new, taxonomy, today), encoding="utf-8")
    return target
