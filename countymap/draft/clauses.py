"""Sentences, clauses and list members of the cleaned text, with their offsets.

Quotes (“…”), book titles (《…》) and brackets (（…）) are kept whole: a comma or
an enumeration comma inside them separates nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

OPENERS = {"“": "”", "《": "》", "（": "）", "‘": "’"}
CLOSERS = {close: open_ for open_, close in OPENERS.items()}
SENTENCE_ENDS = "。！？；"
CLAUSE_ENDS = "，："


@dataclass(frozen=True)
class Piece:
    """A stretch of the cleaned text: ``text == cleaned[start:end]``."""

    text: str
    start: int

    @property
    def end(self) -> int:
        """One past the last character."""
        return self.start + len(self.text)

    def sub(self, start: int, end: int | None = None) -> Piece:
        """The piece's own characters ``[start, end)`` as a piece (offsets stay absolute)."""
        end = len(self.text) if end is None else end
        return Piece(self.text[start:end], self.start + start)

    def strip(self, chars: str = " ") -> Piece:
        """Without ``chars`` at either end."""
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.sub(left, max(left, right))


def depth_map(text: str) -> list[int]:
    """Per character: how many quotes or brackets are open at it (the closing mark counts as inside)."""
    depths, stack = [], []
    for char in text:
        if char in CLOSERS and stack and stack[-1] == CLOSERS[char]:
            depths.append(len(stack))
            stack.pop()
            continue
        if char in OPENERS and not (char == "“" and stack and stack[-1] == "“"):
            stack.append(char)
        depths.append(len(stack))
    return depths


@functools.lru_cache(maxsize=32)
def _separator_starts(separators: tuple[str, ...]) -> re.Pattern:
    """Every position where a separator starts, the first of ``separators`` there (overlaps included)."""
    return re.compile("(?=(" + "|".join(re.escape(s) for s in separators) + "))")


def split_piece(piece: Piece, separators: str | tuple[str, ...], keep: tuple[str, ...] = ()) -> list[Piece]:
    """Split ``piece`` at ``separators`` that stand outside quotes and brackets; empty parts are dropped.

    A separator inside one of the ``keep`` words (``和美``) does not split. The
    separators are found by one compiled pattern, not by trying each at every character.
    """
    text, parts, begin, depths = piece.text, [], 0, None
    for match in _separator_starts(tuple(separators)).finditer(text):
        index, sep = match.start(), match.group(1)
        if index < begin:  # inside the separator just split at
            continue
        depths = depth_map(text) if depths is None else depths
        kept = any(text.startswith(word, index - word.index(sep)) for word in keep if sep in word)
        if depths[index] == 0 and not kept:
            parts.append(piece.sub(begin, index))
            begin = index + len(sep)
    parts.append(piece.sub(begin))
    return [p for p in parts if p.text.strip()]


def sentences(text: str) -> list[Piece]:
    """The sentences of the cleaned text (ending marks dropped)."""
    return split_piece(Piece(text, 0), tuple(SENTENCE_ENDS))


def clauses(sentence: Piece) -> list[Piece]:
    """The clauses of a sentence (split at commas and colons outside quotes and brackets)."""
    return split_piece(sentence, tuple(CLAUSE_ENDS))
