"""Readable Latin names for places, used in URLs and case ids: 枣庄市 → zaozhuang.

The spellings that pypinyin's default readings get wrong for places (长治 is changzhi, not
zhangzhi) are data, in place_readings.yml beside this module.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

from casebook.sources.schema import Region

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@functools.cache
def _spelling() -> dict:
    return yaml.safe_load(Path(__file__).with_name("place_readings.yml").read_text(encoding="utf-8"))


@functools.cache  # a region tree asks for the same few names again and again
def place_slug(name: str) -> str:
    """山东省 → shandong, 长治市 → changzhi, 陕西省 → shaanxi; a one-character name keeps its
    suffix (莒镇 → juzhen)."""
    spelling = _spelling()
    stem = name
    for suffix in spelling["suffixes"]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            break
    if stem in spelling["readings"]:
        return spelling["readings"][stem]
    syllables = [spelling["char_readings"].get(char) or lazy_pinyin(char)[0] for char in stem]
    return _NOT_SLUG.sub("-", "".join(syllables).lower()).strip("-")


# The fields of a region, from the province down.
REGION_FIELDS = ("province", "city", "county", "town")


def region_parts(region: Region) -> tuple[tuple[str, str], ...]:
    """The case's places from province down with the field each is in:
    (("province", 山东省), ("city", 济南市), ("county", 济阳区))."""
    return tuple((name, getattr(region, name)) for name in REGION_FIELDS if getattr(region, name))


def region_names(region: Region) -> tuple[str, ...]:
    """The case's places from province down: (山东省, 济南市, 济阳区)."""
    return tuple(name for _, name in region_parts(region))


def local_name(region: Region) -> str:
    """The place without its province, as a short label says it (济南市济阳区); a province itself."""
    names = region_names(region)
    return "".join(names[1:]) or names[0]
