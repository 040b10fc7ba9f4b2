"""Readable ids in pinyin: practice ids from practice titles, words kept together (yifaxingzheng-jichu), as schema.SLUG_PATTERN requires."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from casebook.core.text_rules import HAN

from .vocabulary import vocabulary
from .words import segmenter

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_HAN = re.compile(f"[{HAN}]")
_LEADING_YEAR = re.compile(r"^\d{4}年度?")


def title_slug(title: str) -> str:
    """The first words of a title's first clause in pinyin, one word per hyphenated part, leading
    verbs and a leading year skipped."""
    words = vocabulary()
    clause = _LEADING_YEAR.sub("", re.split(r"[，,：:；;。]", title)[0])
    tokens = [t for t in segmenter().lcut(clause)
              if (_HAN.search(t) or t.isalnum()) and t not in words.practice_id_stop_words]
    while len(tokens) > 1 and tokens[0].startswith(words.practice_id_skip):
        skipped = next(w for w in words.practice_id_skip if tokens[0].startswith(w))
        tokens[0] = tokens[0][len(skipped):]
        if not tokens[0]:
            tokens.pop(0)
    parts: list[str] = []
    for token in tokens[: words.practice_id_max_words]:
        part = _slug("".join(lazy_pinyin(token)))
        if part and len("-".join(parts + [part])) <= words.practice_id_max_chars:
            parts.append(part)
    return "-".join(parts) or "zuofa"


def unique(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`… if taken; the result is added to `taken`."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")
