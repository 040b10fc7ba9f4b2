"""Readable Latin names for places, used in URLs and case ids: 枣庄市 → zaozhuang."""

from __future__ import annotations

from pypinyin import lazy_pinyin

# Administrative suffixes dropped before spelling a place in pinyin; longest first.
_PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "街道", "省", "市", "区", "县", "旗", "盟", "镇", "乡")


def place_slug(name: str) -> str:
    stem = name
    for suffix in _PLACE_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    return "".join(lazy_pinyin(stem)).lower()
