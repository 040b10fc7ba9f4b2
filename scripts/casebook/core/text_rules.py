"""Rules about characters that several steps share: what a slug is, which characters are Han,
which are hidden, what reads as markup. One definition each, used by validation, normalisation,
rendering, search and the importer alike.
"""

from __future__ import annotations

import re
import unicodedata

# A slug: lower-case Latin letters and digits in groups joined by single hyphens. Case ids,
# practice ids, category and tag slugs, measure ids and place slugs are all slugs, so every
# generated address is made of them.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)
# A permanent link as the registry writes it: a case id, or a case id and a practice id joined by #.
LINK_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?$"
# File names Windows cannot check out, whatever their extension: a slug may not be one.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                              *(f"lpt{n}" for n in range(10))})

# The Han blocks: CJK Unified Ideographs with Extension A, the compatibility ideographs, and
# Extension B (rare characters of place and personal names).
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF))
HAN = "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES)  # for a regex character class

# Anything that a browser could read as markup: a tag, a comment or a doctype.
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")

# Characters that change what text does or how it is ordered without being seen ("Trojan Source"):
# control characters other than tab and line breaks, format characters (zero-width spaces, joiners,
# bidirectional embeddings, overrides and isolates, the byte order mark, tag characters), line and
# paragraph separators, lone surrogates and the non-characters of the first plane. These are the
# Unicode categories Cc, Cf, Zl, Zp and Cs (Unicode 14, Python 3.11) plus U+FDD0–FDEF and
# U+FFFE–FFFF; tests check the list against Python's own Unicode tables.
HIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufdd0-\ufdef\ufeff"
    "\ufff9-\ufffb\ufffe\uffff\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def describe_character(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE: how a message names a character an editor cannot see."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()
