"""The site's search index, rewritten for Chinese substring search.

Material's search plugin cuts Chinese into jieba words and its worker ORs the parts of a query,
so `复议` misses pages that say `行政复议` and a Traditional query finds nothing. We keep its
search box, deep links (`/?q=…`) and result list, and replace what sits behind them: this module
rewrites `search/search_index.json` after the build (plain text per section, stored as UTF-8)
and `assets/javascripts/casebook-search.js` (the worker) matches every part of the query as a
substring of the folded text. Folding is the same on both sides and maps one character to one
character, so matches can be marked in the original text: full-width Latin letters and digits to
ASCII, lower case, and Traditional → Simplified by a character table taken from OpenCC.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path

from .normalise import to_simplified

INDEX_PATH = Path("search/search_index.json")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# Han blocks whose characters OpenCC may convert between Traditional and Simplified.
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF))


def plain_text(fragment: str) -> str:
    """Readable text of an HTML fragment as Material's plugin stores it (jieba marks removed)."""
    text = html.unescape(_TAG.sub(" ", fragment)).replace("\u200b", "")
    return _SPACE.sub(" ", text).strip()


@functools.cache
def traditional_to_simplified() -> dict[str, str]:
    """Every Han character that OpenCC converts to one other character."""
    table = {}
    for start, end in _HAN_RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            simplified = to_simplified(char)
            if simplified != char and len(simplified) == 1:
                table[char] = simplified
    return table


def fold_table(texts: list[str]) -> str:
    """Pairs 'TSTS…' of the conversions whose Simplified side occurs in the indexed text.

    A Traditional character whose Simplified form is nowhere in the site cannot make a query
    match, so it is left out and the table stays as small as the site's vocabulary.
    """
    present = set("".join(texts))
    return "".join(t + s for t, s in sorted(traditional_to_simplified().items()) if s in present)


def rewrite_index(site_dir: Path) -> dict:
    """Replace Material's index in `site_dir` with the substring index; returns the new index."""
    path = site_dir / INDEX_PATH
    material = json.loads(path.read_text(encoding="utf-8"))
    docs = [
        {key: value for key, value in {
            "location": doc["location"],
            "title": plain_text(doc["title"]),
            "text": plain_text(doc.get("text", "")),
            "boost": doc.get("boost"),
        }.items() if value is not None}
        for doc in material["docs"]
    ]
    index = {
        "config": {**material["config"], "fold": fold_table([d["title"] + d["text"] for d in docs])},
        "docs": docs,
    }
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return index
