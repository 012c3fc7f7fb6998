"""Interface strings in Chinese (primary) and English: the one string table.

The table is kept in one module per screen (``shell``, ``map_page``, ``pages``, ``on_map``, ``files``,
``review``, ``living``) and merged here into :data:`STRINGS`; a key defined twice is an error at import.

Every label the app shows lives in :data:`STRINGS` as a ``(zh, en)`` pair, so a
missing translation is a missing key, visible in review and caught by the tests.
Vocabulary labels (categories, statuses ...) are not repeated here: they come
from :mod:`countymap.schema`.
"""

from __future__ import annotations

from countymap.text.strings import files, living, map_page, on_map, pages, review, shell

LANGS = ("zh", "en")


def _merged(*tables: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The screens' tables as one; a key in two of them raises (one key, one text)."""
    merged: dict[str, tuple[str, str]] = {}
    for table in tables:
        twice = merged.keys() & table.keys()
        if twice:
            raise ValueError(f"string keys defined twice: {sorted(twice)}")
        merged |= table
    return merged


STRINGS: dict[str, tuple[str, str]] = _merged(
    shell.STRINGS, map_page.STRINGS, pages.STRINGS, on_map.STRINGS, files.STRINGS, review.STRINGS, living.STRINGS
)


# Units of quantities and indicators: Chinese unit -> (English unit, factor). An
# English reader gets the figure multiplied by the factor (4 万亩 -> 40,000 mu).
UNITS: dict[str, tuple[str, float]] = {
    "个": ("", 1.0),
    "所": ("", 1.0),
    "座": ("", 1.0),
    "套": ("units", 1.0),
    "户": ("", 1.0),  # a measure word: the report counts businesses with it (市场主体, 四上企业), elsewhere households
    "个乡镇": ("townships", 1.0),
    "人": ("people", 1.0),
    "天": ("days", 1.0),
    "元": ("yuan", 1.0),
    "%": ("%", 1.0),
    "公里": ("km", 1.0),
    "平方公里": ("km²", 1.0),
    "公顷": ("ha", 1.0),
    "亩": ("mu", 1.0),
    "万亩": ("mu", 1e4),
    "万平方米": ("m²", 1e4),
    "万人次": ("person-times", 1e4),
    "万吨": ("tonnes", 1e4),
}


def t(key: str, lang: str = "zh", **fmt: object) -> str:
    """Return the interface string ``key`` in ``lang``, formatted with ``fmt``.

    Raises
    ------
    KeyError
        For a key that is not in :data:`STRINGS` (a typo fails in the tests, not on a page).
    ValueError
        For a language other than ``"zh"`` and ``"en"``.
    """
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    text = STRINGS[key][LANGS.index(lang)]
    return text.format(**fmt) if fmt else text


def tn(key: str, lang: str, n: int, **fmt: object) -> str:
    """:func:`t` for a count ``n``: the ``{key}_one`` string when ``n`` is 1 and the table has one ("1 item")."""
    one = f"{key}_one"
    return t(one if n == 1 and one in STRINGS else key, lang, n=n, **fmt)
