"""Amounts of money (亿元 / 万元, with 以上 or 约) and quantities with their units."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"\d+(?:\.\d+)?"
AMOUNT = re.compile(rf"(约)?({_NUMBER})\s*(亿|万)元(以上|左右)?")
YI_PER = {"亿": 1.0, "万": 1e-4}


@dataclass(frozen=True)
class Amount:
    """An amount in 亿元, its qualifier code (``at_least``, ``about`` or ``""``) and where it stands."""

    yi: float
    qualifier: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quantity:
    """A number with its unit (``10万亩`` -> 10, ``万亩``) and where it stands in the piece."""

    value: float
    unit: str
    start: int
    end: int


def _qualifier(before: str | None, after: str | None) -> str:
    """A code of :data:`countymap.schema.QUALIFIERS`, or ``""``."""
    if after == "以上":
        return "at_least"
    if before == "约" or after == "左右":
        return "about"
    return ""


def parse_amount(text: str) -> Amount | None:
    """The first amount of money in ``text``, converted to 亿元 (``2620万元`` -> 0.262)."""
    match = AMOUNT.search(text)
    if match is None:
        return None
    yi = round(float(match.group(2)) * YI_PER[match.group(3)], 8)
    return Amount(yi, _qualifier(match.group(1), match.group(4)), match.start(), match.end(), match.group())


def quantity_pattern(units: tuple[str, ...]) -> re.Pattern:
    """A number followed by one of ``units`` (longest first), optionally 以上."""
    alternatives = "|".join(re.escape(u) for u in units)
    return re.compile(rf"({_NUMBER})\s*({alternatives})(?:以上)?")


def leading_quantity(text: str, pattern: re.Pattern) -> Quantity | None:
    """A quantity that opens ``text`` (``2所小学``)."""
    match = pattern.match(text)
    return Quantity(float(match.group(1)), match.group(2), 0, match.end()) if match else None


def trailing_quantity(text: str, pattern: re.Pattern) -> Quantity | None:
    """A quantity that closes ``text`` (``高标准农田10万亩``); not a number glued to a word (``G211``)."""
    last = None
    for match in pattern.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        if match.end() == len(text) and not (before.isascii() and before.isalnum()):
            last = match
    return Quantity(float(last.group(1)), last.group(2), last.start(), last.end()) if last else None
