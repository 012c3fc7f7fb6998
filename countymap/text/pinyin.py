"""Pinyin spellings: for search (toneless, squashed) and for English names (capitalised)."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


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
