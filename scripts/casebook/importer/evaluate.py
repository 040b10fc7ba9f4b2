"""`casebook import --evaluate DIR`: how often the importer reads a page's facts right, on a set of
real page openings with hand-checked answers (tests/fixtures/import-dev/: `NN-…/page.txt` and
`expected.yml`; see its README).

Each field is compared as a careful reader states it: `null` means the page does not say, so a
value there is a guess and counts as wrong; titles and publishers are compared with width,
spaces and punctuation forms folded (the stored pages have ASCII punctuation, drafts Chinese);
the number of practices is right within one of the hand count. Pages marked `held_back` are
reported apart: they measure the importer, and are never read while tuning it.

`kept_figures` lists the figures each draft keeps as metrics, for judging by hand whether each is a
result of its practice (tests/fixtures/import-dev/figures.yml).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from casebook.vocabularies.measures import MetricVocabulary
from casebook.vocabularies.taxonomy import Taxonomy

from .draft import Draft, make_draft
from .source import Article

FIELDS = ("province", "city", "county", "town", "level", "year", "title", "date", "publisher", "kind",
          "practices", "reports_practice")
_FOLDED = ("title", "publisher")
_PRACTICE_TOLERANCE = 1


@dataclass(frozen=True)
class PageResult:
    folder: str
    held_back: bool
    got: dict[str, Any]
    expected: dict[str, Any]
    error: str | None = None  # what stopped the importer on this page: then no field is right

    def right(self, field: str) -> bool:
        if self.error is not None:
            return False
        got, expected = self.got[field], self.expected[field]
        if field == "practices":
            return abs(got - expected) <= _PRACTICE_TOLERANCE
        if field in _FOLDED and got is not None and expected is not None:
            return fold(str(got)) == fold(str(expected))
        return got == expected

    @property
    def wrong(self) -> list[str]:
        return [f for f in FIELDS if not self.right(f)]


def fold(text: str) -> str:
    """Width and punctuation forms folded (：→: （→( ), spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def evaluate(folder: Path, taxonomy: Taxonomy, metrics: MetricVocabulary | None = None,
             today: dt.date | None = None, held_back: bool = True) -> list[PageResult]:
    """Import every page under `folder` and compare; `held_back=False` skips the held-back pages
    (for tuning: they are not even read)."""
    results = []
    for page, expected, draft in _drafts(folder, taxonomy, metrics, today, held_back):
        want = {f: expected.get(f) for f in FIELDS if f != "practices"}
        want["practices"] = expected.get("practices_in_opening") or 0
        if isinstance(draft, Exception):
            got, error = dict.fromkeys(FIELDS), f"{type(draft).__name__}: {draft}"
        else:
            got, error = facts(draft), None
        results.append(PageResult(page.name, bool(expected.get("held_back")), got, want, error))
    return results


@dataclass(frozen=True)
class KeptFigure:
    folder: str
    practice: int  # 1-based, in the draft's order
    practice_title: str
    name: str
    value: int | float
    unit: str
    quote: str

    @property
    def key(self) -> tuple[str, str, int | float, str]:
        """What a judgment is matched by: folder, name, value and quote."""
        return self.folder, self.name, self.value, self.quote


def kept_figures(folder: Path, taxonomy: Taxonomy, metrics: MetricVocabulary | None = None,
                 today: dt.date | None = None, held_back: bool = True) -> list[KeptFigure]:
    """Every figure the drafts of the pages under `folder` keep as a metric, page by page."""
    kept = []
    for page, _, draft in _drafts(folder, taxonomy, metrics, today, held_back):
        if isinstance(draft, Exception):
            continue
        for index, practice in enumerate(draft.case["practices"], 1):
            kept += [KeptFigure(page.name, index, practice["title"], m["name"], m["value"], m["unit"],
                                m.get("quote") or "") for m in practice["metrics"]]
    return kept


def page_order(page: Path) -> tuple[int, str]:
    """Pages in the order they were added: by their number (`9-…` before `10-…`, `99-…` before `100-…`)."""
    number, _, rest = page.name.partition("-")
    return (int(number), rest) if number.isdigit() else (-1, page.name)


def _drafts(folder: Path, taxonomy: Taxonomy, metrics: MetricVocabulary | None, today: dt.date | None,
            held_back: bool) -> Iterator[tuple[Path, dict[str, Any], Draft | Exception]]:
    """Each page under `folder` with its expected.yml and its draft, imported with the page's url;
    or what stopped the importer on it, which is a result too."""
    for page in sorted((p for p in folder.iterdir() if (p / "expected.yml").is_file()), key=page_order):
        expected = yaml.safe_load((page / "expected.yml").read_text(encoding="utf-8"))
        if expected.get("held_back") and not held_back:
            continue
        article = Article(str(page / "page.txt"), (page / "page.txt").read_text(encoding="utf-8"),
                          url=expected.get("url") or "")
        try:
            draft: Draft | Exception = make_draft(article, taxonomy, today or dt.date.today(), metrics)
        except Exception as error:  # noqa: BLE001 - any failure of the importer is measured, not raised
            draft = error
        yield page, expected, draft


def facts(draft: Draft) -> dict[str, Any]:
    """What the draft says about the page, in the fields of expected.yml."""
    region = draft.case["region"] or {}
    source = draft.case["sources"][0]
    found = {f: region.get(f) for f in ("province", "city", "county", "town", "level")}
    found.update(year=draft.year, title=source.get("title"), date=source.get("date"),
                 publisher=source.get("publisher"), kind=source.get("kind"),
                 practices=len(draft.case["practices"]), reports_practice=draft.reports_practice)
    return found


def report(results: list[PageResult]) -> str:
    """Accuracy per field for all pages, those used for tuning and the held-back ones; then each
    page's mistakes."""
    groups = [("全部", results), ("调试用", [r for r in results if not r.held_back]),
              ("保留（held back）", [r for r in results if r.held_back])]
    groups = [(name, members) for name, members in groups if members]
    lines = ["字段".ljust(18) + "".join(f"{name} {len(members)} 页".rjust(22) for name, members in groups)]
    for field in FIELDS:
        cells = []
        for _, members in groups:
            right = sum(r.right(field) for r in members)
            cells.append(f"{right}/{len(members)} {right / len(members):6.1%}".rjust(24))
        lines.append(field.ljust(18) + "".join(cells))
    lines.append("")
    for result in results:
        marker = "（保留）" if result.held_back else ""
        if not result.wrong:
            lines.append(f"{result.folder}{marker}: 全对")
            continue
        lines.append(f"{result.folder}{marker}: 错 {len(result.wrong)} 项" + (f"（导入出错：{result.error}）" if result.error else ""))
        for field in result.wrong:
            lines.append(f"  {field}: 得到 {result.got[field]!r}，应为 {result.expected[field]!r}")
    return "\n".join(lines)


def accuracy(results: list[PageResult], field: str) -> float:
    return sum(r.right(field) for r in results) / len(results) if results else 1.0
