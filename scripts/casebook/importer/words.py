"""Words as jieba segments them: keywords and place names are found only as words, never across
two (访调 is not in 走访调研, 政和 is not in 行政和事业). Shared by ids, categories and places."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable

import jieba


@functools.cache
def segmenter() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)  # jieba announces its dictionary loading on every run
    return jieba.Tokenizer()


def find_words(words: Iterable[str], text: str, whole: bool = False) -> list[str]:
    """The occurrences of `words` in `text` that are words there, left to right, the longest
    at each place, none overlapping; `whole`: only whole tokens (not 执法 in 执法人员)."""
    token_of = _token_of(text)
    hits = sorted(
        ((start, start + len(word), word) for word in set(words) if word
         for start in _occurrences(text, word) if _is_word(token_of, start, start + len(word), whole)),
        key=lambda hit: (hit[0], hit[0] - hit[1]),
    )
    found, end = [], 0
    for start, stop, word in hits:
        if start >= end:
            found.append(word)
            end = stop
    return found


def _occurrences(text: str, word: str):
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + 1)


@functools.lru_cache(maxsize=64)
def _token_of(text: str) -> tuple[int, ...]:
    """For each character, the number of the token it belongs to."""
    numbers: list[int] = []
    for number, token in enumerate(segmenter().lcut(text)):
        numbers += [number] * len(token)
    return tuple(numbers)


def _is_word(token_of: tuple[int, ...], start: int, end: int, whole: bool) -> bool:
    """Whole tokens (执法/监督), or the start or end of one token (执法 in 执法人员, 复议 in 行政复议);
    not a span that begins inside one token and ends inside another (访调 in 走访/调研)."""
    starts_word = start == 0 or token_of[start] != token_of[start - 1]
    ends_word = end == len(token_of) or token_of[end] != token_of[end - 1]
    if whole or not (starts_word or ends_word):
        return starts_word and ends_word
    return starts_word and ends_word or token_of[start] == token_of[end - 1]
