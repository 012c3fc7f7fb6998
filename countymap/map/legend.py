"""The legend's content: statuses, symbols, the size key and the shading classes, in Chinese or English.

The legend follows the map it sits on: it lists only the statuses and symbols
in use and says what the badge size and the area shading measure now. What
the keys say (title with its unit, the size steps, the shading classes or a
sentence when only one area has money) comes from :mod:`countymap.map.keys`;
this module only draws it. Every label is escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass

from countymap.core.aggregate import SIZE_COUNT, AreaSummary
from countymap.map.atlas import badge_radius
from countymap.map.decor import text
from countymap.map.keys import shading_key, size_key
from countymap.schema import INVESTMENT_KINDS, STATUSES, label
from countymap.text.escape import html_text

SIZE_KEY_GAP_PX = 8  # between the size key's circles


@dataclass(frozen=True)
class LegendSpec:
    """What the map shows now, so that the legend tells exactly that.

    ``summaries`` (per area) are needed for the keys: the size key when badges
    are sized by an amount, the shading key when areas are shaded.
    """

    statuses: list[str]
    symbols: list[str]  # keys of _SYMBOLS in use, in order
    palette: dict[str, str]
    measure: str = SIZE_COUNT  # what badges are sized by: "count" or an investment kind
    shading: str = ""  # what areas are shaded by ("" = none)
    summaries: tuple[AreaSummary, ...] = ()
    presenter: bool = False  # badges (and so the size key's circles) as the presenter map draws them


_SYMBOLS = {
    "badge": '<circle cx="9" cy="8" r="7" fill="#fff" stroke="#333"/><circle cx="9" cy="8" r="5" fill="none" '
    'stroke="#E69F00" stroke-width="3"/>',
    "township": '<circle cx="9" cy="8" r="6" fill="#777" stroke="#fff" stroke-width="1.5"/>',
    "site": '<circle cx="9" cy="8" r="6" fill="#777" stroke="#222" stroke-width="2"/>',
    "line": '<line x1="0" y1="8" x2="18" y2="8" stroke="#555" stroke-width="3" stroke-dasharray="5 3"/>',
    "inferred": '<circle cx="9" cy="8" r="5" fill="#fff" stroke="#555" stroke-width="2.5" stroke-dasharray="2.5 2"/>',
    "placed": '<circle cx="9" cy="8" r="6" fill="#777" stroke="#111" stroke-width="3"/>',
    "river": '<path d="M0 11 Q5 3 9 8 T18 5" fill="none" stroke="#6a9fc9" stroke-width="2.5"/>',
    "area": '<rect x="1" y="2" width="16" height="12" fill="none" stroke="#7a7a7a" stroke-dasharray="3 2"/>',
}
_SYMBOLS["county_badge"] = _SYMBOLS["badge"]  # the overview of several counties: one badge per county


def _swatch(colour: str) -> str:
    return f'<svg width="14" height="14"><circle cx="7" cy="7" r="6" fill="{colour}" stroke="#333" stroke-width="0.5"/></svg>'


def _box(colour: str) -> str:
    return f'<svg width="14" height="12"><rect width="14" height="12" fill="{colour}" stroke="#999" stroke-width="0.5"/></svg>'


def _measure_label(measure: str, lang: str) -> str:
    return text("measure_count", lang) if measure == SIZE_COUNT else label(INVESTMENT_KINDS, measure, lang)


def _head(words: str) -> str:
    return f'<div class="cm-legend-head">{html_text(words)}</div>'


def size_key_html(spec: LegendSpec, lang: str) -> str:
    """The size key: badges of a few round amounts, drawn at the radius the map gives such a badge, each with its amount.

    Empty when badges are sized by the count, or no area has an amount of that kind.
    """
    if spec.measure == SIZE_COUNT or not spec.summaries:
        return ""
    key = size_key(list(spec.summaries), spec.measure, lang)
    if not key["steps"]:
        return ""
    largest = max(s.value(spec.measure) for s in spec.summaries)
    radii = [badge_radius(step["value"], largest, spec.presenter) for step in key["steps"]]
    cells = "".join(
        f'<span class="cm-size-step"><svg width="{2 * r:.0f}" height="{2 * r:.0f}"><circle cx="{r:.1f}" cy="{r:.1f}" '
        f'r="{r - 0.5:.1f}" fill="#fff" stroke="#333"/></svg><span>{html_text(step["text"])}</span></span>'
        for r, step in zip(radii, key["steps"], strict=True)
    )
    floor = f'<div class="cm-legend-note">{html_text(text("key_floor", lang))}</div>' if key["floor"] else ""
    return f'{_head(key["title"])}<div class="cm-size-key" style="gap: {SIZE_KEY_GAP_PX}px">{cells}</div>{floor}'


def shading_key_html(spec: LegendSpec, lang: str) -> str:
    """The shading key: one row per class (colour and range), or the sentence that replaces them."""
    if not spec.shading:
        return ""
    key = shading_key(list(spec.summaries), spec.shading, lang)
    rows = [f"<div>{_box(c['colour'])} {html_text(c['text'])}</div>" for c in key["classes"]]
    note = f'<div class="cm-legend-note">{html_text(key["note"])}</div>' if key["note"] else ""
    return _head(text("legend_shading", lang).format(measure=key["title"])) + "".join(rows) + note


def legend_html(spec: LegendSpec, lang: str) -> str:
    """The legend's inner HTML; every label is escaped.

    Each part (statuses, symbols, size key, shading key) is one block, so that a
    legend laid out in columns (a portrait frame, decor.css) never parts a heading
    from its rows.
    """
    swatches = (f"<span>{_swatch(spec.palette[c])} {html_text(label(STATUSES, c, lang))}</span>" for c in spec.statuses)
    statuses = _head(text("legend_status", lang)) + f'<div class="cm-legend-statuses">{"".join(swatches)}</div>'
    symbols = [_head(text("legend_symbols", lang))]
    for key in spec.symbols:
        words = text(f"sym_{key}", lang).format(measure=_measure_label(spec.measure, lang))
        symbols.append(
            f'<div class="cm-legend-sym"><svg width="18" height="16">{_SYMBOLS[key]}</svg> {html_text(words)}</div>'
        )
    parts = [statuses, "".join(symbols), size_key_html(spec, lang), shading_key_html(spec, lang)]
    body = "".join(f'<div class="cm-legend-part">{part}</div>' for part in parts if part)
    title = html_text(text("legend_title", lang))
    return f'<details open><summary class="cm-legend-title">{title}</summary><div class="cm-legend-body">{body}</div></details>'
