"""The quantities a short phrase states, so that a figure can be checked against the words it was read from.

A number is written in Arabic digits (`48057`, `10,539`, `66.46`) or in Chinese numerals (`三`, `两万`,
`四点八`, read by cn2an), may be followed by a magnitude (`4.8万`, `560余万`, `2.5亿`) and may be a share
(`31%`, `百分之百`, `千分之三`). A figure of a case is its value in its unit: a unit that starts with a
magnitude counts in it (value 4.8, unit 万件 is 48000), `%` and `‰` are shares. The figure is in its
phrase when the phrase states the same amount as the same kind of number, however it writes it:
4.8 万件, 48000 件 and `4.8万件` agree; 100 % and `百分之百` agree; 4.8 件 and `4.8万件` do not.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from decimal import Decimal

import cn2an

MAGNITUDES = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
SHARES = ("%", "‰")

_CHINESE_DIGITS = "零〇一二两三四五六七八九十百千点壹贰叁肆伍陆柒捌玖拾佰仟"  # with the capitals of accounts
_NUMBER = (r"(?P<arabic>(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
           rf"|(?P<chinese>[{_CHINESE_DIGITS}][{_CHINESE_DIGITS}万亿]*)")
_QUANTITY = re.compile(
    rf"(?P<share_word>百分之|千分之)?(?:{_NUMBER})"
    r"(?:余|多)?(?P<magnitude>(?:万|亿)+)?(?:余|多)?(?P<share_sign>[%‰])?"
)
_SHARE_WORDS = {"百分之": "%", "千分之": "‰"}


@dataclass(frozen=True)
class Quantity:
    """An amount and its kind: a count or measure (""), or a share ("%" or "‰")."""

    amount: Decimal
    kind: str = ""
    written: str = ""  # as the phrase writes it: 4.8万, 三, 百分之百
    chinese: bool = False  # written with Chinese numerals

    def same(self, other: Quantity) -> bool:
        return self.kind == other.kind and abs(self.amount) == abs(other.amount)

    def __str__(self) -> str:
        plain = f"{_plain(self.amount)}{self.kind}"
        return plain if self.written in (plain, "") else f"{self.written}（{plain}）"


def figure_quantity(value: float, unit: str) -> Quantity:
    """A metric's value in its unit as one amount: 4.8 万件 → 48000; 66.46 % → a share of 66.46."""
    if unit in SHARES:
        return Quantity(Decimal(repr(value)), unit)
    scale = Decimal(1)
    for char in unit:
        if char not in MAGNITUDES:
            break
        scale *= MAGNITUDES[char]
    return Quantity(Decimal(repr(value)) * scale)


def written_figure(value: float, unit: str) -> str:
    """A metric's figure as a phrase would write it: 4.8万件, 66.46%."""
    return f"{_plain(Decimal(repr(value)))}{unit}"


def stated_quantities(phrase: str) -> list[Quantity]:
    """Every quantity the phrase states, in order. Numerals that are words (一站式, 千家万户) may read
    as numbers too: the list says what could be meant, a figure is looked for in it."""
    phrase = unicodedata.normalize("NFKC", phrase)
    found = []
    for match in _QUANTITY.finditer(phrase):
        quantity = _quantity(match)
        if quantity is not None:
            found.append(quantity)
    return found


def figure_in_phrase(value: float, unit: str, phrase: str) -> Quantity | None:
    """The quantity of `phrase` that states the metric's figure, if one does."""
    figure = figure_quantity(value, unit)
    return next((q for q in stated_quantities(phrase) if q.same(figure)), None)


def _quantity(match: re.Match[str]) -> Quantity | None:
    number = match["arabic"] or match["chinese"]
    magnitude = match["magnitude"] or ""
    if match["chinese"]:
        read = _chinese_number("一百" if match["share_word"] == "百分之" and number == "百" else number)
        if read is None:
            return None
        amount, extra = read
        magnitude = extra + magnitude
    else:
        amount = Decimal(number.replace(",", ""))
    for char in magnitude:
        amount *= MAGNITUDES[char]
    kind = _SHARE_WORDS.get(match["share_word"] or "", match["share_sign"] or "")
    return Quantity(amount, kind, match.group().strip("余多"), bool(match["chinese"]))


def _chinese_number(text: str) -> tuple[Decimal, str] | None:
    """A run of Chinese numerals as a number, and the magnitude written after it when cn2an reads the
    number only without it (四点八万 → 4.8 and 万); None when the run is no number (千家万户's 千)."""
    magnitude = ""
    while text:
        with warnings.catch_warnings():  # cn2an warns before it raises
            warnings.simplefilter("ignore")
            try:
                return Decimal(str(cn2an.cn2an(text, "smart"))), magnitude
            except (ValueError, KeyError, IndexError):
                pass
        if text[-1] not in MAGNITUDES:
            return None
        text, magnitude = text[:-1], text[-1] + magnitude
    return None


def _plain(amount: Decimal) -> str:
    """48000, 66.46, 0.5: an amount without exponent or trailing zeros."""
    return format(amount.normalize(), "f")
