"""Legend, attribution, scale, notices and map styling (CSS), in Chinese or English.

The legend follows the map it sits on: it lists only the statuses and symbols
in use and says what the badge size and the area shading measure now. It is a
Leaflet control filled from an escaped HTML string, so it works the same in a
standalone page and inside streamlit-folium's iframe.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from branca.element import MacroElement
from jinja2 import Template

from countymap.core.dataset import Dataset
from countymap.map.compact_geojson import RawScript, add_script_raw
from countymap.map.static_files import static_text
from countymap.schema import INVESTMENT_KINDS, STATUSES, label
from countymap.text.escape import html_text, script_json
from countymap.text.format import amount, number
from countymap.text.strings import t

LEGEND_FOLD_BELOW_PX = 720  # a narrow map (a phone, a desk page with the details panel) starts folded
LEGEND_FOLD_BELOW_HEIGHT_PX = 480
TILE_ERRORS_BEFORE_NOTICE = 3
FOCUS_MAX_ZOOM = 14  # a selection is fitted to the frame, never closer than this (a short line, one site)


def text(key: str, lang: str = "zh") -> str:
    """A map string (legend, layer names, notes) in ``lang``, from :data:`countymap.text.strings.STRINGS`."""
    return t(f"map_{key}", lang)


def map_title(dataset: Dataset, lang: str) -> str:
    """The map's title: the dataset's county and report year."""
    return text("title", lang).format(county=dataset.county.name(lang, short=True), year=dataset.edition.year)


def data_credit(dataset: Dataset, lang: str) -> str:
    """Where the items and the geodata come from, for the attribution line."""
    return text("data_attr", lang).format(county=dataset.county.name(lang, short=True), year=dataset.edition.year)


@dataclass(frozen=True)
class LegendSpec:
    """What the map shows now, so that the legend tells exactly that."""

    statuses: list[str]
    symbols: list[str]  # keys of _SYMBOLS in use, in order
    palette: dict[str, str]
    measure: str = "count"  # what badges are sized by: "count" or an investment kind
    shading: str = ""  # what areas are shaded by ("" = none)
    breaks: list[float] = field(default_factory=list)
    colours: tuple[str, ...] = ()
    undrawn: int = 0


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


def _measure_label(measure: str, lang: str) -> str:
    return text("measure_count", lang) if measure == "count" else label(INVESTMENT_KINDS, measure, lang)


def _class_rows(spec: LegendSpec, lang: str) -> list[str]:
    """One row per shading class: 0, then each class's range (amounts in 亿元/万元, counts as numbers)."""
    show = (lambda v: amount(v, lang)) if spec.shading != "count" else (lambda v: number(v, lang, 1))
    rows, low = [f"<div>{_box(spec.colours[0])} {html_text(text('class_none', lang))}</div>"], 0.0
    for colour, high in zip(spec.colours[1:], spec.breaks, strict=False):
        span = show(high) if low == 0 else f"{show(low)} – {show(high)}"
        rows.append(f"<div>{_box(colour)} {html_text(span)}</div>")
        low = high
    return rows


def _box(colour: str) -> str:
    return f'<svg width="14" height="12"><rect width="14" height="12" fill="{colour}" stroke="#999" stroke-width="0.5"/></svg>'


def legend_html(spec: LegendSpec, lang: str) -> str:
    """The legend's inner HTML; every label is escaped."""
    head = '<div class="cm-legend-head">{}</div>'.format
    parts = [head(html_text(text("legend_status", lang)))]
    swatches = (f"<span>{_swatch(spec.palette[c])} {html_text(label(STATUSES, c, lang))}</span>" for c in spec.statuses)
    parts.append(f'<div class="cm-legend-statuses">{"".join(swatches)}</div>')
    parts.append(head(html_text(text("legend_symbols", lang))))
    for key in spec.symbols:
        words = text(f"sym_{key}", lang).format(measure=_measure_label(spec.measure, lang))
        parts.append(
            f'<div class="cm-legend-sym"><svg width="18" height="16">{_SYMBOLS[key]}</svg> {html_text(words)}</div>'
        )
    if spec.shading:
        parts.append(head(html_text(text("legend_shading", lang).format(measure=_measure_label(spec.shading, lang)))))
        parts += _class_rows(spec, lang)
    title = html_text(text("legend_title", lang))
    return f'<details open><summary class="cm-legend-title">{title}</summary>{"".join(parts)}</details>'


DECOR_JS, DECOR_CSS = "decor.js", "decor.css"  # in countymap/map/static/


class MapDecor(MacroElement):
    """CSS, background, attribution, metric scale, legend, the undrawn-items link, tile notice, fit, title."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}"
        "{% macro script(this, kwargs) %};{{ this.code }}({{ this._parent.get_name() }}, {{ this.data }});{% endmacro %}"
    )

    def __init__(
        self,
        *,
        legend: str,
        attribution: str,
        lang: str,
        title: str = "",
        background: str = "",
        presenter: bool = False,
        bounds: list | None = None,
        undrawn: int = 0,
    ):
        super().__init__()
        self._name = "MapDecor"
        self.css = static_text(DECOR_CSS)
        self.code = static_text(DECOR_JS)
        self.data = script_json(
            {
                "legend": legend,
                "attribution": attribution,
                "title": title,
                "background": background,
                "presenter": presenter,
                "bounds": bounds or None,
                "foldBelow": 0 if presenter else LEGEND_FOLD_BELOW_PX,
                "foldBelowHeight": 0 if presenter else LEGEND_FOLD_BELOW_HEIGHT_PX,
                "undrawn": text("undrawn_link", lang).format(n=undrawn) if undrawn else "",
                "tileNotice": text("tile_notice", lang),
                "tileErrors": TILE_ERRORS_BEFORE_NOTICE,
                "focusMaxZoom": FOCUS_MAX_ZOOM,
                "names": {key: text(key, lang) for key in ("frame_name", "zoom_in", "zoom_out", "layers")},
            }
        )

    def render(self, **kwargs) -> None:
        """Add the style and the script to the page as they are (branca would compile them as templates)."""
        figure = self.get_root()
        figure.header.add_child(RawScript(self._template.module.header(self, kwargs)), name=self.get_name())
        add_script_raw(self, kwargs)
