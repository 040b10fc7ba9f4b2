"""Charts for the compare pages: static SVG drawn at build time with matplotlib, no script.

Text stays text (`svg.fonttype: none`): the reader's own fonts render the Chinese, and the numbers
can be read back out of the file (the tests do). Ids are seeded (`svg.hashsalt`) and no date or
creator is written, so two builds give the same bytes. The root element is announced as an image
with a <title> and a <desc> that says every value, for readers who cannot see the bars.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.figure import Figure

# Fonts for the reader's browser, CJK first; the first one installed here also sizes the layout.
_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "DejaVu Sans"]
_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "casebook",
    "font.family": "sans-serif",
    "font.sans-serif": _FONTS,
    "font.size": 12,
    "text.color": "#212121",
    "axes.labelcolor": "#212121",
    "xtick.color": "#424242",
    "ytick.color": "#212121",
}
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
BAR_COLOUR = "#b71c1c"  # the site's primary red (casebook.css), 6.6:1 on white
# 5 in is 480 CSS px: on a 390 px phone (358 px of text width) 12 pt text shows at 11.9 px.
_WIDTH_INCHES = 5
_INCHES_PER_BAR = 0.6
_BAR_HEIGHT, _BAR_OFFSET = 0.42, 0.3  # below its label, which stands on the bar's row line
_ROOT = re.compile(r"<svg\b")


@dataclass(frozen=True)
class Bar:
    label: str  # who, and for when: 枣庄市（2022年）
    value: float
    text: str  # the value as the table shows it: 100%、74 项


@dataclass(frozen=True)
class Chart:
    id: str  # a slug, unique on its page; names the SVG's title and description
    title: str
    description: str
    axis_label: str
    bars: tuple[Bar, ...]


def bar_chart(chart: Chart) -> str:
    """The chart as an SVG document: one horizontal bar per value, in the order given."""
    with matplotlib.rc_context(_STYLE):
        figure = _draw(chart)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata=_NO_METADATA)
    return _announced(out.getvalue(), chart)


def _draw(chart: Chart) -> Figure:
    """Each bar under its label, so the bars have the whole width: a phone shows the chart at
    three quarters of its size, and its text is still at least 11 CSS px (tests/ check it)."""
    figure = Figure(figsize=(_WIDTH_INCHES, 0.8 + _INCHES_PER_BAR * len(chart.bars)), layout="constrained")
    axes = figure.add_subplot()
    values = [bar.value for bar in chart.bars]
    low, high = min(0.0, *values), max(0.0, *values)
    for position, bar in enumerate(chart.bars):
        [rectangle] = axes.barh([position + _BAR_OFFSET], [bar.value], height=_BAR_HEIGHT, color=BAR_COLOUR)
        rectangle.set_gid(f"bar-{position}")  # ids that let the tests measure each bar
        # Case text is never read as mathtext ($…$) by matplotlib.
        axes.text(low, position, bar.label, va="bottom", gid=f"label-{position}", parse_math=False)
        axes.text(bar.value, position + _BAR_OFFSET, f" {bar.text}", va="center", gid=f"value-{position}",
                  parse_math=False)
    axes.set_yticks([])
    axes.set_ylim(len(chart.bars) - 0.4, -0.75)  # the first value on top, as in the table below the chart
    room = (high - low) * 0.35 or 1.0  # space right of the longest bar for its value
    axes.set_xlim(low, high + room)
    axes.set_xlabel(chart.axis_label, parse_math=False)
    axes.spines[["top", "right", "left"]].set_visible(False)
    return figure


def _announced(svg: str, chart: Chart) -> str:
    """The SVG with role="img", and a <title> and <desc> that aria-labelledby points to."""
    title_id, desc_id = f"{chart.id}-title", f"{chart.id}-desc"
    root_end = svg.index(">", _ROOT.search(svg).end())
    opening = svg[:root_end] + f' role="img" aria-labelledby="{title_id} {desc_id}">'
    labels = (f'\n <title id="{title_id}">{escape(chart.title)}</title>'
              f'\n <desc id="{desc_id}">{escape(chart.description)}</desc>')
    return opening + labels + svg[root_end + 1:]
