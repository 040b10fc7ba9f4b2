"""The importer's word lists, read from `vocabulary.yml` beside this module.

Editors tune recognition there; the model below only checks that the file still has the shape
the code expects, so a misspelt key is an error rather than a list silently ignored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yml")

Words = tuple[str, ...]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldLabels(_Frozen):
    title: Words
    date: Words
    signed: Words
    updated: Words
    publisher: Words
    source: Words
    author: Words
    ignored: Words


class Sections(_Frozen):
    problems: Words
    next_steps: Words


class PressConferenceSignals(_Frozen):
    title_or_lead: Words
    lead_pattern: str
    addressee_pattern: str
    plan_presented_pattern: str


class AnnualReportSignals(_Frozen):
    title: Words
    lead_pattern: str
    headings: Words
    headings_alone: Words
    year_heading_pattern: str
    year_lead_pattern: str
    report_sections: Words
    year_results_pattern: str
    report_subjects: Words
    submission_number_pattern: str


class DocumentSignals(_Frozen):
    title_suffixes: Words
    lead: Words
    adopted_note_pattern: str
    traces: Words


class NewsSignals(_Frozen):
    traces: Words
    fields: Words
    lead_pattern: str
    title_pattern: str
    report_released_pattern: str
    visit_title_pattern: str
    review_pattern: str
    weak_fields: Words


class KindSignals(_Frozen):
    # The keys are the source kinds of the schema, which are spelt with hyphens.
    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=lambda name: name.replace("_", "-"))

    press_conference: PressConferenceSignals
    annual_report: AnnualReportSignals
    government_document: DocumentSignals
    news: NewsSignals


class MetricContext(_Frozen):
    structure: Words
    plan: Words
    done: Words
    label: Words
    clause: Words
    right_before: Words
    history: Words
    ranked_after: str
    cut_from: str
    stock_clause: str


class Vocabulary(_Frozen):
    furniture_max_chars: int
    furniture: Words
    furniture_exact: Words
    reprint_notice_pattern: str
    page_buttons: Words
    breadcrumb_pattern: str
    header_crumbs_pattern: str
    crumbs_pattern: str
    date_widget_pattern: str
    column_words: Words
    doc_number_pattern: str
    cover_notice: Words
    cover_notice_within: int
    footer_labels: Words
    title_min_chars: int
    title_endings: Words
    masthead_pattern: str
    page_header_pattern: str
    issue_number_pattern: str
    credit_roles: Words
    field_labels: FieldLabels
    media_suffixes: Words
    signature_suffixes: Words
    closing_formulas: Words
    sections: Sections
    next_step_openers: Words
    next_step_tail_openers: Words
    measure_verbs: Words
    kinds: KindSignals
    this_year_words: Words
    event_day_words: Words
    multi_year_pattern: str
    meeting_lead_pattern: str
    plan_issued_pattern: str
    plan_contents_pattern: str
    meeting_paragraph_pattern: str
    metric_units: Words
    metric_multipliers: Words
    metric_unit_word_starts: Words
    metric_units_for_chinese_numerals: Words
    metric_notes_before: Words
    metric_notes_inside: Words
    metric_notes_after: Words
    metric_label_leading: Words
    metric_label_trailing: Words
    metric_period_phrases: Words
    metric_context: MetricContext
    metric_fixed_expressions: Words
    practice_id_skip: Words
    practice_id_stop_words: Words
    practice_id_max_words: int
    practice_id_max_chars: int
    town_not_names: Words
    town_anchors: Words
    town_self_references: Words
    self_references: dict[str, Words]
    place_telltales: dict[str, Words]


@functools.cache
def vocabulary() -> Vocabulary:
    with VOCABULARY_FILE.open(encoding="utf-8") as handle:
        return Vocabulary.model_validate(yaml.safe_load(handle))


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of `words`, longest first so 人次 wins over 人."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"
