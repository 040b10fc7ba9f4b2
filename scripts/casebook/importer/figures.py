"""Metrics: the figures of a practice with their label, unit and qualifiers.

A figure is a number (Arabic or Chinese, the latter read by cn2an) followed by a unit from the
vocabulary (`48057件`, `66.46%`, `2.4万余人次`, `百分之九十`). Numbers inside quotation or
title marks are names (`“1234”工作法`, `《…（2021—2025年）》`), and numbers followed by 年、月、日
are dates, so neither counts. The label is the phrase the figure belongs to: after it when the
figure opens a noun phrase (`107项实现“全省通办”`), else before it (`出庭应诉率100%`), with
scope words and copulas trimmed. Approximations (余、近、以上) and periods (近两年来) go to the
note; a year stated in the same sentence, or the report's own year, goes to the year.

Only results of the practice are kept: figures that set the scene are left out — ranks and the
set ranked in (16个城市中排名第4位), the structure of an index or document (10项一级指标, 五个方面),
the items a plan or mechanism contains unless done (58项具体措施, 35个量化目标; 完成改革任务30项
stays), targets and standing rules (力争, 至少, 每年, 每两月), national counts (全国仅命名50个),
the scope of a third-party evaluation (评估范围), general economic, environmental or social
figures (生产总值, 空气优良天数, 参保), earlier batches (在前两批…中), a rank after the figure
(7项列全市第一), a stock whose example is used (发挥10个…示范村示范作用), where a reform started
(由原来的15天), and numbers in names (八项规定). Each kept figure carries the short source phrase it was
read from (`quote`), so the editor can check it at a glance.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import cn2an

from casebook.core.text_rules import HAN

from .vocabulary import alternation, vocabulary

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_PROTECTED = re.compile(r"“[^“”]*”|‘[^‘’]*’|《[^《》]*》|〈[^〈〉]*〉|「[^「」]*」|\"[^\"]*\"")
_SENTENCES = re.compile(r"[^。！？]+[。！？]?")
_CLAUSE_END = "，；：,;:"
_YEAR = re.compile(r"(\d{4})年(?!以来)(?!度?[^，。；]{0,8}(?:计划|规划|方案|纲要))")
_ORDINAL = re.compile(r"第[\d一二三四五六七八九十]+[名位]?$")
_CUT_START = ("从", "由")  # 从799项削减至326项: the figure a cut starts from
_PREFIX_CHARS = 4  # a verb (2 to 4 characters) before a figure that opens a noun phrase is kept (出台18部法规)
_QUOTE_CHARS = 60  # the schema's aim for a metric's quote
_QUOTE_BEFORE = 40  # of a long clause, this much before the figure is quoted


@dataclass(frozen=True)
class FoundMetric:
    name: str
    value: int | float
    unit: str
    year: int | None = None
    note: str | None = None
    quote: str | None = field(default=None, compare=False)  # evidence for the editor, not part of the figure


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    value: int | float
    unit: str
    notes: tuple[str, ...]


def find_metrics(text: str, default_year: int | None = None) -> list[FoundMetric]:
    metrics: list[FoundMetric] = []
    for sentence in _SENTENCES.finditer(text):
        metrics += _sentence_metrics(sentence.group(), default_year)
    return metrics


def _sentence_metrics(sentence: str, default_year: int | None) -> list[FoundMetric]:
    protected = [m.span() for m in _PROTECTED.finditer(sentence)]
    figures = [f for f in _figures(sentence) if not _inside(f.start, protected)]
    found: list[FoundMetric] = []
    label, previous_end = "", 0
    for index, figure in enumerate(figures):
        following_start = figures[index + 1].start if index + 1 < len(figures) else len(sentence)
        own_label, previous_end = _label(sentence, figure, previous_end, following_start, protected)
        # 分别达到29处、353处: a bare figure listed right after another shares its label.
        listed = index > 0 and not sentence[figures[index - 1].end: figure.start].strip("、和及与")
        label = own_label or (label if listed else "")
        if not label or _context(sentence, figure, label, protected):
            continue
        periods = tuple(_period_phrases(sentence[: figure.start]))
        note = "；".join(dict.fromkeys(periods + figure.notes)) or None
        found.append(FoundMetric(label, figure.value, figure.unit, _year(sentence, figure.start) or default_year, note,
                                 _quote(sentence, figure, protected)))
    return found


def _context(sentence: str, figure: _Figure, label: str, protected: list[tuple[int, int]]) -> bool:
    """A figure that sets the scene rather than reports a result of the practice."""
    patterns = _patterns()
    clause = sentence[_last_boundary(sentence, figure.start, protected, "，；：,;:。") + 1: figure.end]
    following = sentence[figure.end:]
    counts_plan_items = patterns.context_plan.search(label) or patterns.context_plan_counted.match(following)
    planned = counts_plan_items and not patterns.done.search(clause + label)
    return bool(patterns.context_structure.search(label) or patterns.context_counted.match(following) or planned
                or patterns.context_label.search(label) or patterns.context_clause.search(clause)
                or patterns.context_before.search(sentence[: figure.start][-_PREFIX_CHARS:])
                or sentence.startswith(tuple(vocabulary().metric_fixed_expressions), figure.start)
                or _background(sentence, figure, protected))


def _background(sentence: str, figure: _Figure, protected: list[tuple[int, int]]) -> bool:
    """A figure the sentence gives as background: of earlier batches (在前两批…中，已有6个区), a rank
    (7项列全市第一), the start of a cut (从799项削减至326项), or a stock whose example is used
    (发挥10个国家级示范村示范作用)."""
    patterns = _patterns()
    clause_start = _last_boundary(sentence, figure.start, protected, "，；：,;:。") + 1
    clause = sentence[clause_start: _next_boundary(sentence, figure.end, protected, "，；：,;:。！？")]
    cut_from = sentence[: figure.start].endswith(_CUT_START) and patterns.context_cut_from.match(sentence[figure.end:])
    return bool(patterns.context_history.search(sentence[: figure.start])
                or patterns.context_ranked_after.match(sentence[figure.end:]) or cut_from
                or patterns.context_stock_clause.match(clause.strip()))


def _quote(sentence: str, figure: _Figure, protected: list[tuple[int, int]]) -> str:
    """The clause the figure was read from, cut around the figure when it is long."""
    start = _last_boundary(sentence, figure.start, protected, "，；：,;:") + 1
    end = _next_boundary(sentence, figure.end, protected, "，；：,;:。！？")
    if end - start > _QUOTE_CHARS:
        start = max(start, figure.start - _QUOTE_BEFORE)
        end = min(end, start + _QUOTE_CHARS)
    return sentence[start:end].strip(" 、，；：,;:")


def _figures(sentence: str) -> list[_Figure]:
    figures = []
    for match in _patterns().figure.finditer(sentence):
        figure = _figure(match, sentence)
        if figure:
            figures.append(figure)
    return figures


def _figure(match: re.Match[str], sentence: str) -> _Figure | None:
    try:
        return _read_figure(match, sentence)
    except ValueError:  # 百人、千家万户: Chinese numeral characters that do not make a number
        return None


def _read_figure(match: re.Match[str], sentence: str) -> _Figure | None:
    words = vocabulary()
    groups = match.groupdict()
    if groups["percent"]:
        value, unit = _number(groups["percent"]), "%"
    else:
        unit = (groups["multiplier"] or "") + groups["unit"]
        if sentence.startswith(tuple(words.metric_unit_word_starts), match.start("unit")):
            return None
        chinese = groups["number"][0] in _CN_DIGITS
        if chinese and groups["unit"] not in words.metric_units_for_chinese_numerals:
            return None
        value = _number(groups["number"])
        if chinese and value == 1:  # 一个、一批: idiom far more often than a figure
            return None
    notes = tuple(n for n in (groups["before"], groups["inner"] or groups["inner2"], groups["after"]) if n)
    return _Figure(match.start(), match.end(), value, unit, notes)


def _number(text: str) -> int | float:
    text = text.replace(",", "")
    if text[0] in _CN_DIGITS:
        value = cn2an.cn2an(text, "smart")
    else:
        value = float(text)
    return int(value) if float(value).is_integer() else value


def _label(sentence: str, figure: _Figure, previous_end: int, following_start: int,
           protected: list[tuple[int, int]]) -> tuple[str, int]:
    """The figure's label, and where the text it used ends (the next label starts after it)."""
    clause_start = _last_boundary(sentence, figure.start, protected, _CLAUSE_END) + 1
    before = sentence[max(clause_start, previous_end): figure.start].lstrip("、")
    after_end = min(_next_boundary(sentence, figure.end, protected, _CLAUSE_END + "、"), following_start)
    after = _clean_label(sentence[figure.end: after_end])
    if len(re.findall(f"[{HAN}]", after)) >= 2:  # the figure opens a noun phrase
        prefix = _clean_label(before)
        # Text running on into the next figure may be that figure's label too: leave it available.
        used = figure.end if after_end == following_start else after_end
        return (prefix if 2 <= len(prefix) <= _PREFIX_CHARS else "") + after, used
    return _clean_label(before), figure.end


def _clean_label(text: str) -> str:
    patterns = _patterns()
    text = patterns.period.sub("", text)
    previous = None
    while previous != text:  # 全年共 … 均达到: trim word by word until nothing changes
        previous = text
        text = patterns.label_leading.sub("", text.strip(" ，、；：,;:。！？的")).strip()
        text = patterns.label_trailing.sub("", text).strip()
    text = _ORDINAL.sub("", text)  # 300余家地级城市第22名: the rank is not part of the label
    return text.strip(" ，、；：,;:（(。！？")


def _period_phrases(text: str) -> list[str]:
    return [m.group() for m in _patterns().period.finditer(text)]


def _year(sentence: str, before: int) -> int | None:
    years = [int(m.group(1)) for m in _YEAR.finditer(sentence[:before])]
    return years[-1] if years else None


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _last_boundary(sentence: str, position: int, protected: list[tuple[int, int]], chars: str) -> int:
    for index in range(position - 1, -1, -1):
        if sentence[index] in chars and not _inside(index, protected):
            return index
    return -1


def _next_boundary(sentence: str, position: int, protected: list[tuple[int, int]], chars: str) -> int:
    for index in range(position, len(sentence)):
        if sentence[index] in chars and not _inside(index, protected):
            return index
    return len(sentence)


@dataclass(frozen=True)
class _Patterns:
    figure: re.Pattern[str]
    period: re.Pattern[str]
    label_leading: re.Pattern[str]
    label_trailing: re.Pattern[str]
    context_structure: re.Pattern[str]
    context_counted: re.Pattern[str]
    context_plan: re.Pattern[str]
    context_plan_counted: re.Pattern[str]
    done: re.Pattern[str]
    context_label: re.Pattern[str]
    context_clause: re.Pattern[str]
    context_before: re.Pattern[str]
    context_history: re.Pattern[str]
    context_ranked_after: re.Pattern[str]
    context_cut_from: re.Pattern[str]
    context_stock_clause: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    words = vocabulary()
    number = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_CN_DIGITS}]+"
    inner = alternation(words.metric_notes_inside)
    figure = (
        rf"(?<![\d.A-Za-z第之{_CN_DIGITS}])(?P<before>{alternation(words.metric_notes_before)})?"
        rf"(?:百分之(?P<percent>\d+(?:\.\d+)?|[{_CN_DIGITS}]+)"
        rf"|(?P<number>{number})(?P<inner>{inner})?(?P<multiplier>{alternation(words.metric_multipliers)})?"
        rf"(?P<inner2>{inner})?(?P<unit>{alternation(words.metric_units)}))"
        rf"(?P<after>{alternation(words.metric_notes_after)})?"
    )
    return _Patterns(
        figure=re.compile(figure),
        period=re.compile("|".join(f"(?:{p})" for p in words.metric_period_phrases)),
        label_leading=re.compile(rf"^(?:{alternation(words.metric_label_leading)}|\d{{4}}年度?|【[^】]*】)"),
        label_trailing=re.compile(rf"(?:{alternation(words.metric_label_trailing)}|了)$"),
        context_structure=re.compile(alternation(words.metric_context.structure) + "$"),
        # 100项指标和新修订的… / 12个县区中有6个… / 16个城市中排名第4位 / 22个项目中脱颖而出: what the
        # figure counts is a structure, or the base of a share, a rank or a selection
        context_counted=re.compile(rf"^(?:[^，。；、]{{0,2}}{alternation(words.metric_context.structure)}"
                                   rf"|[^，。；、]{{0,6}}?中(?:有|，|,|排名|排第|位列|位居|列第|居第|脱颖而出))"),
        # 58项具体措施 / 35个量化目标: the items of a plan or mechanism, unless done (完成改革任务30项)
        context_plan=re.compile(alternation(words.metric_context.plan) + "$"),
        context_plan_counted=re.compile(rf"^[^，。；、]{{0,2}}{alternation(words.metric_context.plan)}"),
        done=re.compile(alternation(words.metric_context.done)),
        context_label=re.compile(alternation(words.metric_context.label)),
        context_clause=re.compile(alternation(words.metric_context.clause)),
        context_before=re.compile(alternation(words.metric_context.right_before) + "$"),
        context_history=re.compile(alternation(words.metric_context.history)),
        context_ranked_after=re.compile(words.metric_context.ranked_after),
        context_cut_from=re.compile(words.metric_context.cut_from),
        context_stock_clause=re.compile(words.metric_context.stock_clause),
    )
