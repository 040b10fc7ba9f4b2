"""The comparisons: the index of comparable measures, each category's measures, and a page with
a chart (an SVG file beside it) for each measure that two or more cases hold."""

from __future__ import annotations

from casebook.core import routes
from casebook.pages import markup
from casebook.pages.catalogue import Catalogue
from casebook.pages.charts import bar_chart
from casebook.pages.compare import chart_of, format_metric_value
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
        chart = chart_of(comparison, format_metric_value)
        pages.add(comparison.page, "compare_measure.md.j2", {"comparison": comparison, "chart": chart}, owner)
        pages.add(comparison.chart_file, "compare_chart.svg.j2", {"svg": markup.svg(bar_chart(chart))}, owner)
