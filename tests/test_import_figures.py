"""The figures `casebook import` keeps as metrics, measured on the dev set's real pages: every kept
figure is judged by hand in tests/fixtures/import-dev/figures.yml (is it a result of the practice it
is filed under, or context?), and the share judged results is held to a floor.

A change to the importer that keeps a figure not judged there fails until someone reads the page and
judges it, so the share always counts every figure the importer now keeps."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import yaml

from casebook.importer.evaluate import KeptFigure, kept_figures, page_order
from casebook.vocabularies.measures import load_metrics
from casebook.vocabularies.taxonomy import load_taxonomy
from support import FIXTURES, REPO

DEV_SET = FIXTURES / "import-dev"
JUDGMENTS = DEV_SET / "figures.yml"
HELD_BACK_FROM = 503  # pages 503–670 are the held-back ones (round 11; see the dev set's README)
# The target: figures kept are results at least 90% of the time. First measured (every figure
# kept on all 86 pages, before any rule was written for it): 166 of 194, 85.6% (1–64: 108/130;
# held back 65–86: 58/64, 90.6%, the honest held-back figure). Then one general rule (figures.py: the
# set a rank is taken in, the scope of a third-party evaluation, the items of a plan or mechanism, a
# 每两月 frequency), written from the false judgments on all pages, 76 among them: 166 of 180, 92.2%
# (1–64: 108/118; 65–86: 58/62); it dropped 14 figures, all judged context, and no result.
# Round 5: pages 87–116 added and held back (65–86 became tuning pages); the importer as it stood,
# its figures judged before any change for them: kept on 87–116, 77 of 82 judged results, 93.9%;
# overall 243 of 261, 93.1% (1–64: 108/118; 65–86: 58/61). The 5 context figures: a meeting's
# session number read as a count (第17届1次), the problems a supervision fed back (the object of the
# work, not what it did), the steps of a work plan, the size of a list in a public notice, and the
# whole tally of a party committee's 三重一大 matters.
# Round 6: pages 117–156 added and held back (87–116 became tuning pages); the importer as it stood after
# tuning on 1–116, its figures judged before any change for them: kept on 117–156, 128 of 144 judged
# results, 88.9%, short of the target; overall 371 of 404, 91.8%. The 16 context figures: earlier
# batches' and all batches' totals of named demonstration districts (4, 117), a number inside a rule's
# name (八项规定, 123), the time a reform started from (126), a TV programme's standing rules and a
# ranking (4, 132), existing model villages at three levels whose example is used (134), a press
# conference's agenda (150), a committee's three groups (151) and a comment counter (156). Then
# tuning on 1–156, with a rule for more kinds of context (earlier batches, a ranking after the figure,
# stock whose example is used, where a reform started, 每期, 全市仅, 议程, 八项规定): 1–156 keep 373
# results of 394, 94.7%.
# Round 7: pages 157–208 added and held back, their figures judged before any change for them: kept on
# 157–208, 126 of 135 judged results, 93.3%; overall 499 of 529, 94.3%. The 9 context figures: the
# parts of a named model or of a mechanism (三位一体, three groups, three key steps), a reformed body's
# offices and units, problems found by evaluations (the object of the work), a plenary session's number,
# and a list's size before it was cut.
# Round 8: pages 209–278 added and held back (157–208, unchanged by the tuning, became tuning pages),
# their figures judged before any change for them: kept on 209–278, 203 of 220 judged results, 92.3%;
# overall 702 of 749, 93.7%. The 17 context figures: a footer's company profile, reformed bodies'
# offices and units, the departments a duty list names, an expert team's size, numbers inside names
# (两手抓, 三项制度), totals before a cut or a reform (4), regulations in force built up over years (2),
# a policy's measures, who praised the work, a standard's indicators, a committee's groups.
# Round 9: pages 279–376 added and held back (209–278 became tuning pages), their figures judged before
# any change for them: kept on 279–376, 291 of 320 judged results, 90.9%; overall 993 of 1,068, 93.0%.
# The 29 context figures: plenums' session numbers (5), totals before a cut or at a rise's start (6),
# demonstration sites to be named next year (2), a plan's target, a required rate, numbers inside names
# (2), a district's running total, a mechanism's or a study plan's or a service hall's parts (4), the
# rules of a list's adjustment or of inspections (2), the set a candidate belongs to, a previous year's
# work (3), all of a committee's meetings.
# Round 10: pages 377–502 added and held back (279–376 became tuning pages), their figures judged before
# any change for them: kept on 377–502, 301 of 345 judged results, 87.2%, short of the target (two equal
# figures of one practice, 罚款650元 twice on 382, share one judgment); overall 1,294 of 1,413, 91.6%. The
# 44 context figures: what plans and documents contain or set as tasks and targets (10), numbers inside
# names (6), session numbers (5), panels, teachers and who was picked for a pool (5), totals before a cut
# (4), the set competed or ranked in (4), a class's or a tour's length and a standing rule (3), general
# economic growth (2), background totals (2), an indicator system's or a committee's parts (2), a study
# list's contents.
# Round 11: pages 503–670 added and held back (377–502 became tuning pages); tuning on 1–502 first dropped
# 14 figures kept before, all judged context (session numbers, the set competed in, the start of a cut, a
# plan's contents): 1–502 keep 1,294 results of 1,399, 92.5% (377–502: 301 of 337, 89.3%). The figures kept
# on 503–670, judged before any change for them: 373 of 402 judged results, 92.8%; overall 1,667 of 1,801,
# 92.6%. The 29 context figures: general economic figures (GDP, its growth and rank, incomes; 5), the pool
# or grading of an award a place won (7), a town's background facts (4), session numbers, routine meeting
# counts and a panel's size (4), who an inspection from above covered (3), what a study list, a mechanism
# or a duty system contains (3), a leading group's member units, the object of a reform, experts at a
# forum. Should a change fall under TARGET, do not lower it: record the measured share here as a floor,
# assert that.
TARGET = 0.90
HELD_BACK_MEASURED = 373 / 402  # the held-back pages' share, measured once (round 11)


@functools.cache
def kept() -> tuple[KeptFigure, ...]:
    taxonomy = load_taxonomy(REPO / "cases")
    return tuple(kept_figures(DEV_SET, taxonomy, load_metrics(REPO / "cases", taxonomy), dt.date(2026, 11, 23)))


@functools.cache
def judgments() -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load(JUDGMENTS.read_text(encoding="utf-8")))


def key(entry: dict[str, Any]) -> tuple[str, str, int | float, str]:
    return entry["folder"], entry["name"], entry["value"], entry["quote"]


def judged() -> dict[tuple[str, str, int | float, str], bool]:
    return {key(e): e["result"] for e in judgments()}


def share(figures: list[KeptFigure]) -> float:
    results = judged()
    return sum(results[f.key] for f in figures) / len(figures)


def test_every_kept_figure_is_judged():
    results = judged()
    unjudged = [f"{f.folder} 做法{f.practice} {f.name}={f.value}{f.unit}「{f.quote}」"
                for f in kept() if f.key not in results]
    assert not unjudged, "未判断的数字（请读原文后写入 figures.yml）:\n" + "\n".join(unjudged)


def test_every_judgment_is_of_a_kept_figure():
    now = {f.key for f in kept()}
    stale = [f"{e['folder']} {e['name']}={e['value']}「{e['quote']}」" for e in judgments() if key(e) not in now]
    assert not stale, "导入器已不再保留这些数字，请从 figures.yml 删去:\n" + "\n".join(stale)


def test_judgments_are_well_formed():
    keys = [key(e) for e in judgments()]
    assert len(keys) == len(set(keys))
    for entry in judgments():
        assert isinstance(entry["result"], bool), entry
        assert bool(entry.get("reason")) != entry["result"], f"a reason exactly when not a result: {entry}"


def test_figures_kept_are_results_90_percent_of_the_time():
    assert share(list(kept())) >= TARGET


def test_figures_kept_on_the_held_back_pages_stay_results_as_often_as_measured():
    figures = [f for f in kept() if page_order(Path(f.folder))[0] >= HELD_BACK_FROM]
    assert figures and share(figures) >= min(TARGET, HELD_BACK_MEASURED)
