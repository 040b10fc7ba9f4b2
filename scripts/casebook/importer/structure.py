"""Structure: an article's paragraphs as practices, problems and next steps.

Official writing numbers its parts in a fixed order of levels (GB/T 9704): `一、` above `（一）`
above `1.` above `（1）`, with `一是`, `①` and `第一，` enumerating inside a part. Paragraphs are
read into a tree by those markers; the innermost numbered parts are the practices, and the parts
whose headings speak of problems or plans give those lists instead. News pieces number nothing:
each measure is a paragraph led by a short topic sentence (`以推进依法行政夯基础。`,
`实施“理论铸魂”工程，压实……。`), and the paragraphs before the first of them are the lead.
Text that fits nowhere is kept as unplaced, for the editor to see.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .vocabulary import alternation, vocabulary

# Marker kinds and their level; enumerations inside a part share the innermost level.
_MARKERS = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^\d{1,2}[.、](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
    (5, re.compile(r"^(?:[一二三四五六七八九十]+是|[①-⑳]|第[一二三四五六七八九十]+[，、])")),
)
_ENUMERATION = "一二三四五六七八九十"
_SENTENCE = re.compile(r"^(.+?)[。！？；：](.*)$")
# 以推进依法行政夯基础。… / 【规范执法】…: a short topic sentence (no figures) or a bracketed topic.
_TOPIC_SENTENCE = re.compile(r"^(?:([^。！？；\d]{4,32})[。！？；]|【([^】]{2,32})】)(.+)$")
_HEADING_CHARS = 60
_TITLE_CHARS = 40
# 近年来，… / 今年以来，… / 2023年以来，…: a paragraph introducing the period, not a measure.
_INTRO = re.compile(r"^(?:近年来|近几年来|多年来|一年来|今年以来|\d{4}年以来)[，,]")
# News pieces state their measures in parallel (排比): most topic sentences open alike.
_PARALLEL_MIN, _PARALLEL_SHARE = 3, 2 / 3
# …and summaries in clauses opening alike (始终坚持…；始终坚持…): four characters, three times at least.
_CLAUSE_OPENING = re.compile(r"(?:^|(?<=[。；]))\s*([\u4e00-\u9fff]{4})")
_PARALLEL_CLAUSES = 3
_CLAUSE = re.compile(r"[，,；;。]")


@dataclass
class PracticeText:
    title: str
    description: str


@dataclass
class Structure:
    lead: list[str] = field(default_factory=list)
    practices: list[PracticeText] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    shape: str = "numbered"  # numbered, sentence-led, or whole (nothing to split by)


@dataclass
class _Node:
    level: int
    head: str  # the marked paragraph without its marker
    parent: _Node | None = None
    body: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    parallel: bool = False  # a clause of a parallel enumeration: its opening clause is its title, all of it the text


def read_structure(paragraphs: list[str], title: str = "") -> Structure:
    pieces = [piece for p in paragraphs for piece in split_enumerations(p)]
    root = _tree(pieces)
    opener = None if root.children else parallel_opener(pieces)
    if opener:  # 始终坚持…；始终坚持…；: measures enumerated in parallel clauses, each an item
        root = _tree([clause for piece in pieces for clause in _split_at_opener(piece, opener)], opener)
    structure = Structure(headings=[title_and_rest(n.head)[0] for n in _walk(root) if n is not root])
    if root.children:
        structure.lead = root.body
        for child in root.children:
            _collect(child, structure)
    else:
        _collect_unnumbered(root.body, title, structure)
    return structure


def split_enumerations(paragraph: str) -> list[str]:
    """`一是…。二是…。` inside one paragraph → one piece per item (only whole sentences, in order)."""
    starts, expected = [], 0
    for match in re.finditer(rf"(?:^|(?<=[。；：]))([{_ENUMERATION}])是", paragraph):
        if _ENUMERATION.index(match.group(1)) == expected:
            starts.append(match.start())
            expected += 1
    if len(starts) < 2:
        return [paragraph]
    bounds = ([0] if starts[0] else []) + starts + [len(paragraph)]
    return [paragraph[a:b].strip() for a, b in zip(bounds, bounds[1:]) if paragraph[a:b].strip()]


def parallel_opener(paragraphs: list[str]) -> str | None:
    """The words at least three clauses open with (始终坚持…；始终坚持…), when a text numbers nothing
    but enumerates in parallel (排比)."""
    openers = Counter(m.group(1) for p in paragraphs for m in _CLAUSE_OPENING.finditer(p))
    if not openers:
        return None
    opener, count = openers.most_common(1)[0]
    return opener if count >= _PARALLEL_CLAUSES else None


def _split_at_opener(paragraph: str, opener: str) -> list[str]:
    starts = [m.start(1) for m in _CLAUSE_OPENING.finditer(paragraph) if m.group(1) == opener]
    bounds = ([0] if not starts or starts[0] else []) + starts + [len(paragraph)]
    return [paragraph[a:b].strip() for a, b in zip(bounds, bounds[1:]) if paragraph[a:b].strip()]


def _tree(paragraphs: list[str], opener: str | None = None) -> _Node:
    root = current = _Node(0, "")
    for paragraph in paragraphs:
        level, rest = _marker(paragraph)
        parallel = level is None and bool(opener) and paragraph.startswith(opener)
        if parallel:
            level = _MARKERS[-1][0]  # a parallel clause enumerates like 一是
        if level is None:
            current.body.append(paragraph)
            continue
        parent = current
        while parent.level >= level:
            parent = parent.parent
        current = _Node(level, rest, parent, parallel=parallel)
        parent.children.append(current)
    return root


def opens_with_marker(paragraph: str) -> bool:
    return _marker(paragraph)[0] is not None


def _marker(paragraph: str) -> tuple[int | None, str]:
    for level, pattern in _MARKERS:
        match = pattern.match(paragraph)
        if match and paragraph[match.end():].strip():
            return level, paragraph[match.end():].strip()
    return None, paragraph


def _walk(node: _Node):
    yield node
    for child in node.children:
        yield from _walk(child)


def _collect(node: _Node, structure: Structure) -> None:
    section = _section(node.head)
    if section:
        getattr(structure, section).extend(_entries(node))
    elif node.children:
        preamble = "" if _is_heading(node.head) else title_and_rest(node.head)[1]
        structure.unplaced += ([preamble] if preamble else []) + node.body  # a part's own opening text
        for child in node.children:
            _collect(child, structure)
    else:
        _collect_leaf(node, structure)


def _collect_leaf(node: _Node, structure: Structure) -> None:
    if node.parallel:
        structure.practices.append(PracticeText(_CLAUSE.split(node.head, maxsplit=1)[0], "".join([node.head, *node.body])))
        return
    title, rest = title_and_rest(node.head)
    paragraphs = _without_plans(([rest] if rest else []) + node.body, structure)
    if not rest and len(paragraphs) >= 2:  # a bare heading over topic-sentence paragraphs
        lead, practices = _topic_sentence_practices(paragraphs)
        if len(practices) >= 2:
            structure.unplaced += lead
            structure.practices += practices
            return
    if paragraphs:
        structure.practices.append(PracticeText(title, "".join(paragraphs)))
    else:
        structure.unplaced.append(node.head)


def _collect_unnumbered(paragraphs: list[str], title: str, structure: Structure) -> None:
    paragraphs = _without_plans(paragraphs, structure)
    # The lead, and the introductions after it (近年来，我市坚持…): the background, not a measure.
    intro = 1
    while intro < len(paragraphs) - 1 and _INTRO.match(paragraphs[intro]):
        intro += 1
    lead, practices = _topic_sentence_practices(paragraphs[intro:])
    structure.lead = paragraphs[:intro] + lead
    if practices:
        structure.shape, structure.practices = "sentence-led", practices
        return
    # Nothing to split by: the body after the lead as one practice, for the editor to divide.
    structure.shape, structure.lead = "whole", paragraphs[:intro]
    body = paragraphs[intro:] or paragraphs
    if body:
        structure.practices = [PracticeText(title_and_rest(body[0])[0] or title, "".join(body))]


def _topic_sentence_practices(paragraphs: list[str]) -> tuple[list[str], list[PracticeText]]:
    """Paragraphs led by a topic sentence start practices; others continue the one before."""
    matches = [_TOPIC_SENTENCE.match(p) for p in paragraphs]
    topics = [(m.group(1) or m.group(2), m.group(3).strip()) if m else None for m in matches]
    opening = _parallel_opening([topic[0] for topic in topics if topic])
    lead: list[str] = []
    practices: list[PracticeText] = []
    for paragraph, topic in zip(paragraphs, topics):
        # A slogan (法治兴则国兴，法治强则国强。) leads no practice: a topic needs a measure after it.
        if topic and (opening is None or topic[0].startswith(opening)) and concrete(topic[1]):
            practices.append(PracticeText(*topic))
        elif practices:
            practices[-1].description += paragraph
        else:
            lead.append(paragraph)
    return lead, practices


def _parallel_opening(topics: list[str]) -> str | None:
    """The first character most topic sentences share, when they are written in parallel."""
    if not topics:
        return None
    opening, count = Counter(t[0] for t in topics).most_common(1)[0]
    return opening if count >= _PARALLEL_MIN and count >= _PARALLEL_SHARE * len(topics) else None


def _without_plans(paragraphs: list[str], structure: Structure) -> list[str]:
    """Move paragraphs opening with 下一步 (and the like) to next steps, and a paragraph's last
    sentences from a 下一步 on; return the rest."""
    words = vocabulary()
    opener = re.compile(rf"^{alternation(words.next_step_openers)}")
    tail = re.compile(rf"(?<=[。！？；])\s*{alternation(words.next_step_tail_openers)}[，,：:]")
    kept = []
    for paragraph in paragraphs:
        plan = tail.search(paragraph)
        if plan and not opener.match(paragraph):
            structure.next_steps.append(paragraph[plan.start():].strip())
            paragraph = paragraph[: plan.start()]
        (structure.next_steps if opener.match(paragraph) else kept).append(paragraph)
    return kept


def concrete(text: str) -> bool:
    """Whether a text states a measure taken: a figure, or a verb of doing (出台、建立、开展…)."""
    return bool(re.search(r"\d", text)) or any(verb in text for verb in vocabulary().measure_verbs)


def _entries(node: _Node, section_heading: bool = True) -> list[str]:
    """The items of a problems or plans part: its own paragraphs, then each sub-item whole."""
    if not section_heading and not node.children:
        return [_item(node.head, node.body)]
    if _is_heading(node.head):
        own = node.body
    else:  # a section's heading sentence is not an item; a sub-part's opening sentence is
        rest = title_and_rest(node.head)[1] if section_heading else node.head
        own = ([rest] if rest else []) + node.body
    return own + [entry for child in node.children for entry in _entries(child, section_heading=False)]


def _item(head: str, body: list[str]) -> str:
    """法治思维有待加强 + [少数…] → 法治思维有待加强。少数…"""
    if not body:
        return head
    return head + ("" if re.search(r"[。！？；：]$", head) else "。") + "".join(body)


def _section(head: str) -> str | None:
    """problems or next_steps when a part's heading says so; None for a part of practices."""
    heading = head if _is_heading(head) else title_and_rest(head)[0]
    sections = vocabulary().sections
    for name, words in (("problems", sections.problems), ("next_steps", sections.next_steps)):
        if any(word in heading for word in words):
            return name
    return None


def _is_heading(text: str) -> bool:
    return len(text) <= _HEADING_CHARS and not re.search(r"[。！？；]", text)


def title_and_rest(text: str) -> tuple[str, str]:
    """A practice's title and the text after it: a bare heading is all title; otherwise the
    first sentence when short, else the first clause (with the whole text kept as description)."""
    if _is_heading(text):
        return text.rstrip("：:；;，,"), ""
    sentence = _SENTENCE.match(text)
    if sentence and len(sentence.group(1)) <= _TITLE_CHARS:
        return sentence.group(1), sentence.group(2).strip()
    return re.split(r"[，,；;]", text, maxsplit=1)[0][:_TITLE_CHARS], text
