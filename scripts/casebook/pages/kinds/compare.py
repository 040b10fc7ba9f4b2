"""The comparisons: the index of comparable measures, each category's measures, and a page with
a chart (an SVG file beside it) for each measure that two or more cases hold."""

from __future__ import annotations

from casebook.core import routes
from casebook.pages import markup
from casebook.pages.catalogue import Catalogue
from casebook.pages.charts import bar_chart
from casebook.pages.compare import chart_of
from casebook.pages.metric_text import value_text
from casebook.pages.plan import PagePlan, vocabulary_owner
from casebook.vocabularies.measures import METRICS_FILE

# The case fields that decide which of these pages a case is on, where, and the counts shown.
ARRANGED_BY = ("region", "period", "practices.id", "practices.metrics")


def plan(catalogue: Catalogue, pages: PagePlan) -> None:
    owner = vocabulary_owner(METRICS_FILE)
    categories = catalogue.comparisons.by_category(catalogue.taxonomy)
    pages.add(routes.COMPARE_INDEX, "compare_index.md.j2", {"categories": categories})
    for group in categories:
        pages.add(group.page, "compare_category.md.j2", {"group": group}, owner)
    for comparison in catalogue.comparisons.with_pages:
        pages.add(comparison.page, "compare_measure.md.j2", {"comparison": comparison}, owner)
        if comparison.has_chart:
            chart = bar_chart(chart_of(comparison, value_text))
            pages.add(comparison.chart_file, "compare_chart.svg.j2", {"svg": markup.svg(chart)}, owner)
