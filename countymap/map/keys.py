"""What the map's keys and badges say when they measure an amount: plain data for the drawing code.

The map draws (badges, legend rows, the size key's circles); this module says
what to draw, from :func:`countymap.core.aggregate.measure_key`:

* :func:`badge_texts`: the number each township badge shows, which follows
  the measure it is sized by (the count, or the amount in 亿元 / ¥ million,
  ``22+`` for a lower bound, ``–`` where the area has none);
* :func:`size_key`: the title with its unit and a few round values, for a size
  key drawn with the badges' own radius scale;
* :func:`shading_key`: the classes of the area shading (colour and range), or,
  when a single area has money, a note that names it instead of a one-class scale.

All texts are plain (not escaped): escape them where they enter HTML or JS.
"""

from __future__ import annotations

import math

from countymap.core.aggregate import SIZE_COUNT, AreaSummary, MeasureKey, measure_key
from countymap.map.context import CHOROPLETH
from countymap.text.format import (
    amount,
    badge_number,
    key_amount,
    key_unit,
    kind_label,
    number,
    township_labels,
)
from countymap.text.strings import t


def measure_title(measure: str, lang: str) -> str:
    """What a key measures, with its unit: ``项目数（个项目）`` / ``Planned for 2023 (¥ million)``."""
    if measure == SIZE_COUNT:
        return t("size_count", lang)
    return t("key_title", lang, measure=kind_label(measure, lang), unit=key_unit(measure, lang))


def badge_texts(summaries: list[AreaSummary], measure: str, lang: str) -> dict[int, str]:
    """Area index -> the number its badge shows for ``measure`` (see :func:`countymap.text.format.badge_number`)."""
    return {s.area.index: badge_number(s.value(measure), measure, lang, s.is_floor(measure)) for s in summaries}


def size_key(summaries: list[AreaSummary], measure: str, lang: str) -> dict:
    """The size key: ``title`` (with the unit), ``steps`` (``value`` as the badges are scaled, ``text``), ``floor``.

    ``value`` is in the measure's own terms (items, or 亿元 as the badges'
    ``size``), so the map scales a step exactly as it scales a badge.
    """
    key = measure_key(summaries, measure)
    return {
        "title": measure_title(measure, lang),
        "steps": [{"value": v, "text": _step_text(v, measure, lang)} for v in key.size_steps],
        "floor": key.lower_bound,
    }


def _step_text(value: float, measure: str, lang: str) -> str:
    return number(value, lang) if measure == SIZE_COUNT else number(key_amount(value, lang), lang)


def shading_key(summaries: list[AreaSummary], measure: str, lang: str) -> dict:
    """The shading key: ``title``, ``classes`` (``colour``, ``text``) and ``note``.

    With money in one area only, there are no classes: ``note`` names that
    area, and the map shades it alone (a scale of one class would say nothing).
    No area with a value: no classes, and a note that says so.
    """
    key = measure_key(summaries, measure)
    title = measure_title(measure, lang)
    if key.areas == 0:
        return {"title": title, "classes": [], "note": t("key_no_area", lang)}
    if key.only_area is not None:
        area = next(s.area for s in summaries if s.area.index == key.only_area)
        towns = township_labels(area.townships, lang)
        return {"title": title, "classes": [], "note": t("key_only_area", lang, town=towns)}
    return {"title": title, "classes": _classes(key, lang), "note": ""}


def _classes(key: MeasureKey, lang: str) -> list[dict]:
    """One class per break, from the first non-empty colour (``CHOROPLETH[0]`` is "none").

    Counts are whole numbers: a class of counts reads ``2 – 3``, never ``1.25 – 3.5``.
    """
    rows, low = [{"colour": CHOROPLETH[0], "text": t("map_class_none", lang)}], 0.0
    for colour, high in zip(CHOROPLETH[1:], key.breaks, strict=False):
        rows.append({"colour": colour, "text": _range(low, high, key.measure, lang)})
        low = high
    return rows


def _range(low: float, high: float, measure: str, lang: str) -> str:
    if measure == SIZE_COUNT:
        first, last = math.floor(low) + 1, math.floor(high)
        return str(last) if first >= last else f"{first} – {last}"
    return amount(high, lang) if low == 0 else f"{amount(low, lang)} – {amount(high, lang)}"
