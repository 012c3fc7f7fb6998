"""Pinyin spellings: for search (toneless, squashed) and for English names (capitalised)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT, RE_HANS


def share_equal_readings(phrases: dict[str, list[list[str]]]) -> int:
    """Make equal readings in pypinyin's phrase dictionary one object (in place); how many distinct ones there are.

    pypinyin reads its 47,111 phrases from JSON, which makes a list and a
    string for each of their 143,861 syllables; there are 1,249 distinct
    readings. Shared, Python's allocations after this module's import fall
    from 49.8 to 27.5 MB (tracemalloc), and the app's peak in
    ``python -m countymap bench`` (20,000 items, ``PYTHONMALLOC=malloc``) from
    405 to 376 MB, the freed memory going to the app's data. Each
    phrase's own list is changed in place, so pypinyin's two dictionaries,
    which hold the same lists, both see the shared readings. pypinyin
    deep-copies a phrase's readings before it hands them out
    (``pypinyin.converter``), so no caller can change a shared one.
    """
    shared: dict[tuple[str, ...], list[str]] = {}
    for readings in phrases.values():
        readings[:] = [shared.setdefault(tuple(reading), reading) for reading in readings]
    return len(shared)


share_equal_readings(PHRASES_DICT)

# A run of Chinese characters, as pypinyin itself tells them apart (its pattern, without its anchors).
_HAN_RUN = re.compile(RE_HANS.pattern.removeprefix("^").removesuffix("$"))


def pinyin(text: str) -> str:
    """Return the toneless pinyin of ``text``, syllables joined without spaces.

    Non-Chinese characters are kept (lower-cased), so ``"35kV线"`` gives
    ``"35kvxian"``.
    """
    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default")).lower()


def pinyin_name(text: str) -> str:
    """Return a proper name in capitalised pinyin, with an apostrophe before a/o/e syllables (``Xi'an``)."""
    syllables = [s.lower() for s in lazy_pinyin(text)]
    joined = syllables[0] + "".join(("'" if s[:1] in "aoe" else "") + s for s in syllables[1:])
    return joined[:1].upper() + joined[1:]


def pinyin_many(texts: Iterable[str]) -> list[str]:
    """:func:`pinyin` of each text, spelling every distinct run of Chinese characters once.

    pypinyin reads each run of Chinese characters on its own (a phrase never
    spans a digit or a bracket) and keeps everything else, so spelling the
    runs and joining them gives the same result as :func:`pinyin`. The names
    of a large table repeat many runs: the 20,000 names of the benchmark's
    synthetic table took 1.6 s one by one and 0.05 s this way.
    """
    spelled: dict[str, str] = {}

    def run(match: re.Match) -> str:
        chars = match.group()
        if chars not in spelled:
            spelled[chars] = pinyin(chars)
        return spelled[chars]

    return [_HAN_RUN.sub(run, text).lower() for text in texts]
