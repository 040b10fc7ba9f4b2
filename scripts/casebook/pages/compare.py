"""Comparisons: who else reports a comparable measure, and with what value.

Plain data for the compare pages and their charts: every value of each measure in the metric
vocabulary (`cases/_metrics.yml`) that published cases hold, in a fixed order. Templates decide
how it looks; charts.py draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from casebook.core import routes
from casebook.pages.charts import Bar, Chart
from casebook.pages.metric_text import note_text, value_text
from casebook.sources.schema import Case, Metric, Practice
from casebook.vocabularies.measures import Measure, MetricVocabulary
from casebook.vocabularies.place_slugs import local_name, region_names
from casebook.vocabularies.taxonomy import Category, Taxonomy

# A measure gets its own page once this many cases hold it: one value alone compares nothing.
MIN_CASES = 2


@dataclass(frozen=True)
class Entry:
    """One value of a measure, with the case and practice that report it."""

    case: Case
    practice: Practice
    metric: Metric

    @property
    def region(self) -> str:
        return "".join(region_names(self.case.region))

    @property
    def place(self) -> str:
        """The region without its province, as a chart labels it: 济南市济阳区."""
        return local_name(self.case.region)

    @property
    def dated(self) -> bool:
        return self.metric.year is not None

    @property
    def year(self) -> str:
        """The year the value is for; without one, the period the case covers."""
        if self.metric.year is not None:
            return str(self.metric.year)
        start, end = self.case.period.start.year, self.case.period.end.year
        return str(start) if start == end else f"{start}—{end}"


@dataclass(frozen=True)
class Comparison:
    """A measure and every value published cases give for it, largest first."""

    measure: Measure
    entries: tuple[Entry, ...]

    @property
    def case_count(self) -> int:
        return len({entry.case.id for entry in self.entries})

    @property
    def has_page(self) -> bool:
        return self.case_count >= MIN_CASES

    @property
    def quoted(self) -> bool:
        """Whether any value has the source's words (else the 原文 column is left out)."""
        return any(entry.metric.quote for entry in self.entries)

    @property
    def noted(self) -> bool:
        """Whether any value has a note beyond its qualifier (else the 说明 column is left out)."""
        return any(note_text(entry.metric) for entry in self.entries)

    @property
    def all_equal(self) -> bool:
        """Whether every value is the same: the page says so in words instead of drawing bars."""
        return len({value_text(entry.metric) for entry in self.entries}) == 1

    @property
    def has_chart(self) -> bool:
        return self.has_page and not self.all_equal

    @property
    def page(self) -> str:
        return routes.compare_page(self.measure.id)

    @property
    def chart_file(self) -> str:
        return routes.compare_chart(self.measure.id)

    @property
    def category_page(self) -> str:
        return routes.compare_category_page(self.measure.category)


@dataclass(frozen=True)
class Comparisons:
    """Every measure held by at least one published case."""

    all: tuple[Comparison, ...]

    @property
    def with_pages(self) -> tuple[Comparison, ...]:
        return tuple(c for c in self.all if c.has_page)

    def page_of(self, metric: Metric) -> str | None:
        """The compare page of a metric's measure, where the measure has one."""
        return next((c.page for c in self.with_pages if c.measure.id == metric.measure), None)

    def by_category(self, taxonomy: Taxonomy) -> list[CategoryMeasures]:
        """Categories in taxonomy order, each with its measures; categories without any left out."""
        grouped = [CategoryMeasures(category, tuple(c for c in self.all if c.measure.category == category.slug))
                   for category in taxonomy.categories]
        return [group for group in grouped if group.comparisons]


@dataclass(frozen=True)
class CategoryMeasures:
    """The measures of one category that published cases hold."""

    category: Category
    comparisons: tuple[Comparison, ...]

    @property
    def page(self) -> str:
        return routes.compare_category_page(self.category.slug)


def compare(cases: list[Case], vocabulary: MetricVocabulary) -> Comparisons:
    """Each vocabulary measure with its values, in vocabulary order; `cases` in display order."""
    comparisons = []
    for measure in vocabulary.measures:
        entries = [Entry(case, practice, metric)
                   for case in cases for practice in case.practices for metric in practice.metrics
                   if metric.measure == measure.id]
        if entries:
            # Largest first; sorted() is stable, so equal values keep the cases' order.
            entries.sort(key=lambda entry: -entry.metric.value)
            comparisons.append(Comparison(measure, tuple(entries)))
    return Comparisons(tuple(comparisons))


def chart_of(comparison: Comparison, value_text: Callable[[Metric], str]) -> Chart:
    """The bar chart of a comparison: one bar per entry, in table order, labelled with its year."""
    measure = comparison.measure
    bars = tuple(Bar(_bar_label(entry), entry.metric.value, value_text(entry.metric))
                 for entry in comparison.entries)
    said = "；".join(f"{bar.label} {bar.text}" for bar in bars)
    return Chart(
        id=measure.id,
        title=f"{measure.name}：各地数值对比",
        description=f"横向条形图，{len(bars)} 个数值，从大到小：{said}。",
        axis_label=f"{measure.name}（{measure.unit}）",
        bars=bars,
    )


def _bar_label(entry: Entry) -> str:
    when = f"{entry.year}年" if entry.dated else f"案例时期 {entry.year}年"
    return f"{entry.place}（{when}）"
