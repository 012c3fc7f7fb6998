"""Text helpers shared by the data files and the app: slugs and pinyin."""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin


def pinyin(text: str) -> str:
    """Return the toneless pinyin of ``text``, syllables joined without spaces.

    Non-Chinese characters are kept (lower-cased), so ``"35kV线"`` gives
    ``"35kvxian"``.
    """
    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default")).lower()


def slug(text: str) -> str:
    """Return a stable ASCII id for a Chinese name, e.g. ``龚滩古镇`` -> ``gongtan-gu-zhen``.

    Syllables are joined with hyphens per character so that ids stay readable
    and two different names rarely collide; anything that is not a letter or a
    digit becomes a separator.
    """
    parts = lazy_pinyin(unicodedata.normalize("NFKC", text), style=Style.NORMAL, errors="default")
    joined = "-".join(p.lower() for p in parts)
    cleaned = re.sub(r"[^a-z0-9]+", "-", joined)
    return cleaned.strip("-")
