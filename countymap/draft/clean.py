"""Clean PDF-extracted report text while remembering where every character came from.

The extraction breaks lines mid-sentence, leaves page footers (``— 4 —``) inside
sentences and mixes full- and half-width punctuation. :func:`clean` undoes that
and keeps, for each character of the cleaned text, its index in the text as
given, so a span found in the cleaned text maps back to offsets into the file
(Python ``str`` indices, the convention of ``source_spans``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from countymap.core.report import FOOTER

# Half-width punctuation written the report's (full-width) way; one character for one.
_TO_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ";": "；", "!": "！", "?": "？"})
_ASCII_WORD = re.compile(r"[0-9A-Za-z%.]")
_THOUSANDS = re.compile(r"\d,\d{3}(?![\d])")  # 1,000 groups thousands; 1,2 is a list


@dataclass(frozen=True)
class CleanText:
    """Cleaned text and, per character, its offset in the original.

    Attributes
    ----------
    text : str
        The cleaned text: no line breaks, footers or spaces between Chinese characters.
    origin : tuple of int
        ``origin[i]`` is the index in the original text of ``text[i]``.
    original_length : int
        Length of the original text (the end of a span that reaches the end).
    """

    text: str
    origin: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the cleaned span ``[start, end)`` to the original text's ``[start, end)``.

        The end is one past the original index of the span's last character, so a
        span never swallows the whitespace or footer that follows it.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside the cleaned text (length {len(self.text)})")
        return self.origin[start], self.origin[end - 1] + 1

    def to_clean(self, offset: int) -> int:
        """The first cleaned index whose original offset is at least ``offset``."""
        low, high = 0, len(self.origin)
        while low < high:
            middle = (low + high) // 2
            if self.origin[middle] < offset:
                low = middle + 1
            else:
                high = middle
        return low


def _normalised(raw: str, index: int) -> str:
    """One character as the drafter reads it: full-width letters and digits become ASCII.

    A comma that groups thousands (``1,000``) disappears; any other becomes ``，``.
    """
    char = raw[index]
    if char == "," and index and _THOUSANDS.match(raw, index - 1):
        return ""
    if char == ",":
        return "，"
    if char == ":":
        return "："
    if "\uff01" <= char <= "\uff5e" and unicodedata.normalize("NFKC", char).isalnum():
        return unicodedata.normalize("NFKC", char)
    return char.translate(_TO_FULL_WIDTH)


def _keeps_space(before: str, after: str) -> bool:
    """Whether whitespace between two characters stays as one space.

    Between two ASCII words it does when the first ends in a letter (``Phase 2``),
    and between two numbers always: ``12 34`` must not become a number that is not in the file.
    """
    if not (_ASCII_WORD.match(before) and _ASCII_WORD.match(after)):
        return False
    return before.isalpha() or (before.isdigit() and after.isdigit())


def _drop_footers(raw: str) -> list[bool]:
    """Per character of ``raw``: whether it belongs to a page footer."""
    dropped = [False] * len(raw)
    for match in FOOTER.finditer(raw):
        for index in range(match.start(), match.end()):
            dropped[index] = True
    return dropped


def clean(raw: str) -> CleanText:
    """Clean ``raw`` (see the module doc); straight double quotes alternate into “ and ”.

    Whitespace disappears, except one space between two ASCII words
    (``PCR 实验`` keeps none, ``Phase 2`` keeps one).
    """
    dropped = _drop_footers(raw)
    chars: list[str] = []
    origin: list[int] = []
    pending_space = False
    open_quote = True
    for index, char in enumerate(raw):
        if dropped[index] or char.isspace():
            pending_space = pending_space or bool(chars)
            continue
        out = _normalised(raw, index)
        if char == '"':
            out, open_quote = ("“" if open_quote else "”"), not open_quote
        if not out:
            continue
        if pending_space and _keeps_space(chars[-1], out):
            chars.append(" ")
            origin.append(index - 1)
        pending_space = False
        chars.append(out)
        origin.append(index)
    return CleanText("".join(chars), tuple(origin), len(raw))
