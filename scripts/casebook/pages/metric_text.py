"""How a metric reads on a page: its number with its unit and the qualifier the source gave it
(`80余项`, `近300家`, `突破47万次`), and what is left of its note.

Editors write a source's qualifier as the first part of the note (`note: 余`, `note: 近；自运行以来`,
as the schema describes it); shown in a column of its own it read oddly (说明: "余"), so it is
joined to the number here and the rest of the note stays a note.
"""

from __future__ import annotations

from casebook.sources.schema import Metric

NOTE_PARTS = "；"
# Qualifiers written before the number, and those written after it; of these 以上 follows the
# whole unit (100人以上) and the others the number with any magnitude the unit starts with (3万余份).
BEFORE = ("近", "约", "逾", "超", "超过", "突破")
AFTER_NUMBER = ("余", "多")
AFTER_UNIT = ("以上",)
MAGNITUDES = "万亿"  # not 千 or 百: 千米 and 百分点 are units of their own


def _split_note(metric: Metric) -> tuple[str, str]:
    """(the qualifier the note begins with, or "", the rest of the note)."""
    head, _, rest = (metric.note or "").partition(NOTE_PARTS)
    if head in BEFORE + AFTER_NUMBER + AFTER_UNIT:
        return head, rest
    return "", metric.note or ""


def value_text(metric: Metric) -> str:
    """The value as a reader says it: 48057件, 66.46%, 80余项, 近300家, 2.4万余人次."""
    number = str(int(metric.value) if metric.value.is_integer() else metric.value)
    qualifier, _ = _split_note(metric)
    unit = metric.unit
    if qualifier in BEFORE:
        return f"{qualifier}{number}{unit}"
    if qualifier in AFTER_NUMBER:
        magnitude = len(unit) - len(unit.lstrip(MAGNITUDES))
        return f"{number}{unit[:magnitude]}{qualifier}{unit[magnitude:]}"
    return f"{number}{unit}{qualifier}"


def note_text(metric: Metric) -> str:
    """The note without the qualifier `value_text` has joined to the number ("" when none is left)."""
    return _split_note(metric)[1]
