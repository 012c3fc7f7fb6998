"""How figures and names are written for a reader: the one formatter.

Money, quantities, township names, item names and lists are written here and
nowhere else, so the popup, the detail panel, the table, the exports and the
charts always agree (a test renders one item through all of them).

Amounts are stored in 亿元 (100 million yuan). Unknown stays unknown: ``None``
or ``NaN`` is written 未披露 / "Not disclosed", never 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from countymap.schema import INVESTMENT_KINDS, MILESTONES, STATUSES, TOWNSHIP_KINDS, label
from countymap.text.pinyin import pinyin_name
from countymap.text.strings import UNITS, t

TOWNSHIP_SUFFIXES = tuple(TOWNSHIP_KINDS)  # 街道, 镇, 乡


def is_missing(value: object) -> bool:
    """True for ``None``, ``NaN`` and anything that is not a number: the report gives no figure."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def number(value: float, lang: str, decimals: int = 4) -> str:
    """A plain number: rounded, trailing zeros dropped; English groups thousands (``12,500``)."""
    text = f"{float(value):{',' if lang == 'en' else ''}.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def amount(value: object, lang: str = "zh", qualifier: str = "") -> str:
    """Write an amount given in 亿元.

    Chinese uses 亿元 from one 亿 up and 万元 below (``0.262`` -> ``2620万元``);
    English writes yuan in millions or billions (``0.262`` -> ``¥26.2 million``).
    ``qualifier`` is a code of :data:`countymap.schema.QUALIFIERS`
    (``at_least`` -> ``22亿元以上`` / ``at least ¥2.2 billion``; ``over`` -> ``超过22亿元`` / ``over ¥2.2 billion``).
    """
    if is_missing(value):
        return t("undisclosed", lang)
    yi = float(value)  # type: ignore[arg-type]
    if lang == "en":  # billions from ¥1 billion (10 亿) up, millions below
        large = yi >= 10
        figure = number(yi / 10 if large else yi * 100, lang, 3)
    else:  # 亿 from one 亿 up, 万 below
        large = yi >= 1 or yi == 0
        figure = number(yi, lang) if large else number(yi * 1e4, lang, 2)
    figure = t("amount_large" if large else "amount_small", lang, v=figure)
    return t(f"qualifier_{qualifier}", lang, v=figure) if qualifier else figure


def amount_with_kind(value: object, kind: str, lang: str = "zh", qualifier: str = "") -> str:
    """An amount and what it measures: ``2620万元（2022年完成投资）`` / ``¥26.2 million (invested in 2022)``."""
    qualifier = qualifier if isinstance(qualifier, str) else ""
    figure = amount(value, lang, qualifier)
    if is_missing(value) or not kind:
        return figure
    return bracketed(figure, label(INVESTMENT_KINDS, kind, lang), lang)


def capitalised(text: str) -> str:
    """``text`` with a capital first letter, for a label or a sentence that starts with it; Chinese is unchanged.

    English vocabulary labels are lower case so that they read inside a
    sentence ("¥26.2 million (invested in 2022)"); on their own they start
    with a capital ("Invested in 2022").
    """
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def kind_label(kind: str, lang: str = "zh") -> str:
    """What an amount measures, as a label on its own (a radio option, a chart legend): ``Invested in 2022``."""
    return capitalised(label(INVESTMENT_KINDS, kind, lang))


def bracketed(text: str, note: str, lang: str) -> str:
    """``text（note）`` in Chinese (full-width brackets), ``text (note)`` in English."""
    return f"{text}（{note}）" if lang == "zh" else f"{text} ({note})"


def labelled(name: str, value: str, lang: str) -> str:
    """``名称：值`` in Chinese (full-width colon), ``Name: value`` in English."""
    return f"{name}：{value}" if lang == "zh" else f"{name}: {value}"


def described(pairs: Iterable[tuple[str, str]], lang: str) -> str:
    """Named values one after another, for a screen reader: ``乡镇：龙潭镇；项目数：5`` / ``Township: Longtan; Items: 5``."""
    return ("；" if lang == "zh" else "; ").join(labelled(name, value, lang) for name, value in pairs)


def quantity(value: object, unit: str, lang: str = "zh") -> str:
    """A size with its unit (``190 公里`` / ``190 km``; ``4 万亩`` / ``40,000 mu``); ``""`` when none is given."""
    if is_missing(value):
        return ""
    unit = unit or ""
    if lang == "en":
        english, factor = UNITS.get(unit, (unit, 1.0))
        return f"{number(float(value) * factor, lang)} {english}".strip()  # type: ignore[arg-type]
    return f"{number(float(value), lang)} {unit}".strip()  # type: ignore[arg-type]


def join_labels(labels: Iterable[str], lang: str = "zh") -> str:
    """Join labels the way each language lists things (``、`` or ``, ``)."""
    return ("、" if lang == "zh" else ", ").join(labels)


_NUMERALS = {ch: n for n, ch in enumerate("一二三四五六七八九", start=1)}
_SECTION = re.compile(r"([一二三四五六七八九十]+)(?:\(([一二三四五六七八九十]+)\))?")


def chinese_numeral(text: str) -> int | None:
    """``一`` .. ``九十九`` as a number (the report numbers its parts this way); ``None`` for anything else."""
    tens, _, units = text.rpartition("十") if "十" in text else ("", "", text)
    if "十" in text and (len(tens) > 1 or len(units) > 1):
        return None
    if any(ch not in _NUMERALS for ch in tens + units):
        return None
    value = (_NUMERALS.get(tens, 1) * 10 if "十" in text else 0) + _NUMERALS.get(units, 0)
    return value or None


def report_section(sections: str, lang: str = "zh") -> str:
    """Where in the report: ``一(四)|三(二)`` -> ``一（四）、三（二）`` / ``1.4, 3.2``.

    The data writes a part and its section as ``一(四)``, several joined by
    ``|``. Chinese gets full-width brackets; English gets figures. A value in
    another form is shown as it is.
    """
    parts = [part.strip() for part in sections.split("|") if part.strip()]
    if lang != "en":
        return join_labels([part.replace("(", "（").replace(")", "）") for part in parts], lang)
    return join_labels([_section_figures(part) for part in parts], lang)


def _section_figures(part: str) -> str:
    match = _SECTION.fullmatch(part)
    numbers = [chinese_numeral(group) for group in match.groups() if group] if match else [None]
    return ".".join(str(n) for n in numbers) if None not in numbers else part


# --- names ------------------------------------------------------------------------


def township_short(name_zh: str) -> str:
    """A township's name without its 街道/镇/乡 suffix (龚滩镇 -> 龚滩); one-character stems keep it."""
    for suffix in TOWNSHIP_SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix) + 1:
            return name_zh[: -len(suffix)]
    return name_zh


def township_label(name_zh: str, lang: str = "zh", *, short: bool = False) -> str:
    """A township's name for a reader.

    Chinese: the official name (``龚滩镇``), or the short one (``龚滩``). English:
    pinyin and kind (``Gongtan Town``), or pinyin alone (``Gongtan``). The
    spelling is the one ``build-geodata`` writes into ``townships.geojson``.
    """
    if not name_zh:
        return name_zh
    stem = township_short(name_zh)
    if lang != "en":
        return stem if short else name_zh
    english = pinyin_name(stem)
    kind = name_zh[len(stem) :]
    return english if short or not kind else f"{english} {label(TOWNSHIP_KINDS, kind, 'en')}"


def township_labels(names: Iterable[str], lang: str = "zh") -> str:
    """Townships for a reader, joined the language's way (``龚滩镇、龙潭镇`` / ``Gongtan Town, Longtan Town``)."""
    return join_labels([township_label(name, lang) for name in names], lang)


def townships_text(townships: Iterable[str], precision: str, lang: str = "zh") -> str:
    """The townships of an item, or what is known instead (全县 / 位置待查); a guess from the name says so."""
    names = list(townships)
    if names:
        joined = township_labels(names, lang)
        return bracketed(joined, t("inferred_note", lang), lang) if precision == "inferred" else joined
    return t("place_unknown", lang) if precision == "unknown" else t("county_wide_short", lang)


def item_name(row: Mapping | object, lang: str = "zh") -> str:
    """An item's name in the reader's language (Chinese when no English name is given); a name starts with a capital."""
    get = row.get if isinstance(row, Mapping | pd.Series) else lambda key, default="": getattr(row, key, default)
    english = get("name_en", "")
    return str(capitalised(english) if lang == "en" and isinstance(english, str) and english else get("name_zh", ""))


def item_names(frame: pd.DataFrame, lang: str = "zh") -> list[str]:
    """:func:`item_name` of every row, without ``iterrows`` (seconds at 20,000 rows)."""
    chinese = frame["name_zh"].astype(str).tolist()
    if lang != "en" or "name_en" not in frame.columns:
        return chinese
    names = zip(frame["name_en"].tolist(), chinese, strict=True)
    return [capitalised(en) if isinstance(en, str) and en else zh for en, zh in names]


def row_amount(row: Mapping | object, lang: str = "zh") -> str:
    """An item's amount with its kind and qualifier, or 未披露 (one call for every place that shows one).

    It is a value on its own (a table cell, a detail row, a popup line), so
    English starts with a capital: ``At least ¥2.2 billion (planned for 2023)``.
    """
    get = row.get if isinstance(row, Mapping | pd.Series) else lambda key, default="": getattr(row, key, default)
    kind = get("investment_kind", "") or ""
    return capitalised(
        amount_with_kind(
            get("investment_yi", None),
            kind if isinstance(kind, str) else "",
            lang,
            get("investment_qualifier", "") or "",
        )
    )


def row_amounts(frame: pd.DataFrame, lang: str = "zh") -> list[str]:
    """:func:`row_amount` of every row of a table (reading only the amount's own columns is much faster)."""
    columns = [c for c in ("investment_yi", "investment_kind", "investment_qualifier") if c in frame.columns]
    return [row_amount(row, lang) for row in frame[columns].to_dict("records")]


def compact_number(value: float) -> str:
    """A number short enough for a badge: ``2.2k``, ``136``, ``7.2``, ``0.26`` (three significant digits at most)."""
    if value >= 1000:
        return f"{value / 1000:.3g}k"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.2g}" if value < 1 else f"{value:.3g}"


def key_amount(value_yi: float, lang: str) -> float:
    """An amount (亿元) in a map key's unit: 亿元 in Chinese, ¥ million in English (:func:`key_unit`)."""
    return value_yi * 100 if lang == "en" else value_yi


def key_unit(measure: str, lang: str) -> str:
    """The unit of a measure in a map key and on its badges: items, or the amount's unit."""
    return t("key_unit_count" if measure == "count" else "key_unit_amount", lang)


def badge_number(value: float, measure: str, lang: str, floor: bool = False) -> str:
    """What a township badge shows for the measure it is sized by: the count, or the amount in :func:`key_unit`.

    A lower bound (an "at least" figure in the sum) ends in ``+``; no amount is ``–``, never 0.
    """
    if measure == "count":
        return str(int(value))
    if value <= 0:
        return "–"
    return compact_number(key_amount(value, lang)) + ("+" if floor else "")


def update_value(field: str, value: object, lang: str = "zh") -> str:
    """What one recorded update says, for a reader (``field`` of :data:`countymap.schema.UPDATE_FIELDS`).

    A site reads as its coordinates (a point) or its number of points (a line), never as a place name it lacks.
    """
    if field == "status":
        return label(STATUSES, str(value), lang)
    if field == "milestone":
        return label(MILESTONES, str(value), lang)
    if field == "progress":
        return f"{value}%"
    if field == "site" and isinstance(value, dict):
        if "line" in value:
            return t("lvp_site_line", lang, n=len(value["line"]))
        return t("lvp_site_point", lang, lon=f"{float(value['lon']):.5f}", lat=f"{float(value['lat']):.5f}")
    if field == "townships" and isinstance(value, list):
        return join_labels([township_label(str(name), lang) for name in value], lang)
    if field == "amount" and isinstance(value, dict):
        return amount_with_kind(value.get("yi"), str(value.get("kind", "")), lang)
    if field == "name" and isinstance(value, dict):
        return " / ".join(str(value[k]) for k in ("zh", "en") if value.get(k))
    return str(value)
