"""Legend, title, attribution and map styling (CSS), in Chinese or English.

The legend is a Leaflet control filled from an escaped HTML string, so it
works the same in a standalone page and inside streamlit-folium's iframe.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from countymap.core.schema import STATUSES, label
from countymap.text.escape import html_text, script_json
from countymap.text.strings import t


def text(key: str, lang: str = "zh") -> str:
    """A map string (legend, layer names, notes) in ``lang``, from :data:`countymap.text.strings.STRINGS`."""
    return t(f"map_{key}", lang)


def _swatch(colour: str) -> str:
    return (
        f'<svg width="14" height="14"><circle cx="7" cy="7" r="6" fill="{colour}" '
        'stroke="#fff" stroke-width="1"/></svg>'
    )


_SYMBOLS = {
    "sym_exact": '<circle cx="9" cy="7" r="6" fill="#555" fill-opacity="0.9" stroke="#fff"/>',
    "sym_approximate": '<circle cx="9" cy="7" r="6" fill="#555" fill-opacity="0.6" stroke="#fff"/>',
    "sym_township": '<circle cx="9" cy="7" r="5.5" fill="#555" fill-opacity="0.3" stroke="#555" '
    'stroke-width="2" stroke-dasharray="3 3"/>',
    "sym_line": '<line x1="0" y1="7" x2="18" y2="7" stroke="#555" stroke-width="3" stroke-dasharray="5 3"/>',
}


def legend_html(
    *, lang: str, colours: dict[str, str], categories: list[tuple[str, int]], county_wide: int, size_by: str
) -> str:
    """The legend's inner HTML; every label is escaped."""
    parts = [f'<div class="cm-legend-head">{html_text(text("legend_status", lang))}</div>']
    for code, colour in colours.items():
        parts.append(f"<div>{_swatch(colour)} {html_text(label(STATUSES, code, lang))}</div>")
    parts.append(f'<div class="cm-legend-head">{html_text(text("legend_symbols", lang))}</div>')
    for key, svg in _SYMBOLS.items():
        parts.append(f'<div><svg width="18" height="14">{svg}</svg> {html_text(text(key, lang))}</div>')
    seat_key = "seat_size_count" if size_by == "count" else "seat_size_investment"
    parts.append(
        f'<div class="cm-legend-note">{html_text(text("legend_size", lang))}<br>{html_text(text(seat_key, lang))}</div>'
    )
    if categories:
        items = "、".join if lang == "zh" else ", ".join
        listed = items(f"{name} {count}" for name, count in categories)
        parts.append(
            f'<div class="cm-legend-head">{html_text(text("legend_categories", lang))}</div>'
            f'<div class="cm-legend-cats">{html_text(listed)}</div>'
        )
    if county_wide:
        parts.append(f'<div class="cm-legend-note">{html_text(text("county_wide", lang).format(n=county_wide))}</div>')
    # A <details> element: readers can fold the legend away on a small map.
    title = html_text(text("legend_title", lang))
    return f'<details open><summary class="cm-legend-title">{title}</summary>{"".join(parts)}</details>'


LEGEND_FOLD_BELOW_PX = 900

_CSS = """
.cm-legend { background: rgba(255,255,255,0.93); padding: 6px 9px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 11px/1.4 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  max-width: 260px; max-height: 55vh; overflow-y: auto; }
.cm-legend summary { cursor: pointer; }
.leaflet-container .leaflet-control-attribution { font-size: 11px; }
.cm-legend svg { vertical-align: middle; }
.cm-legend-title { font-weight: 700; margin-bottom: 2px; }
.cm-legend-head { font-weight: 600; margin-top: 4px; }
.cm-legend-note, .cm-legend-cats { margin-top: 4px; color: #333; }
.cm-popup { font-size: 13px; line-height: 1.45; }
.cm-popup-title { font-weight: 700; font-size: 14px; margin-bottom: 4px; }
.cm-popup table { border-collapse: collapse; }
.cm-popup th { text-align: left; padding: 1px 8px 1px 0; color: #555; font-weight: 600; white-space: nowrap; }
.cm-popup p { margin: 6px 0 0 0; }
.cm-note { color: #8a4b00; font-size: 11px; }
.leaflet-tooltip.cm-seat-label { background: transparent; border: 0; box-shadow: none; padding: 0 2px;
  font-size: 11px; color: #222; text-shadow: 0 0 2px #fff, 0 0 2px #fff; }
.leaflet-tooltip.cm-seat-label::before { display: none; }
.leaflet-tooltip.cm-area-label { background: transparent; border: 0; box-shadow: none; font-size: 13px;
  color: #666; font-weight: 600; text-shadow: 0 0 3px #fff; }
.leaflet-tooltip.cm-area-label::before { display: none; }
.cm-title { position: absolute; top: 10px; left: 50%; transform: translateX(-50%); z-index: 800;
  background: rgba(255,255,255,0.92); padding: 6px 16px; border-radius: 6px; font-size: 22px;
  font-weight: 700; box-shadow: 0 1px 4px rgba(0,0,0,0.3); pointer-events: none; white-space: nowrap; }
.cm-presenter .cm-legend { font-size: 16px; max-width: 420px; max-height: 70vh; }
.cm-presenter .leaflet-control-attribution { font-size: 13px; }
.cm-presenter .leaflet-tooltip.cm-seat-label { font-size: 15px; }
.cm-presenter .leaflet-tooltip.cm-area-label { font-size: 17px; }
.cm-presenter .cm-popup { font-size: 15px; }
"""


class MapDecor(MacroElement):
    """CSS, background, legend control, optional title and the attribution."""

    _template = Template("""
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro script(this, kwargs) %}
(function() {
    var map = {{ this._parent.get_name() }};
    var box = map.getContainer();
    {% if this.background %}box.style.background = {{ this.background }};{% endif %}
    {% if this.presenter %}box.classList.add("cm-presenter");{% endif %}
    map.attributionControl.addAttribution({{ this.attribution }});
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function() {
        var div = L.DomUtil.create("div", "cm-legend");
        div.innerHTML = {{ this.legend }};
        // On a narrow map an open legend hides the west of the county: start folded.
        var details = div.querySelector("details");
        if (details && box.clientWidth < {{ this.fold_below }}) { details.open = false; }
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
    };
    legend.addTo(map);
    {% if this.bounds %}
    // streamlit-folium sizes its iframe after the map is drawn: Leaflet does not
    // notice, so the county ends up off-centre. Re-measure on every resize and
    // re-fit until the reader has moved the map.
    var moved = false;
    ["mousedown", "touchstart", "wheel", "keydown"].forEach(function(ev) {
        box.addEventListener(ev, function() { moved = true; }, {passive: true});
    });
    if (window.ResizeObserver) {
        new ResizeObserver(function() {
            map.invalidateSize({pan: false});
            if (!moved) { map.fitBounds({{ this.bounds }}); }
        }).observe(box);
    }
    {% endif %}
    {% if this.title %}
    var title = L.DomUtil.create("div", "cm-title", box);
    title.innerHTML = {{ this.title }};
    {% endif %}
})();
{% endmacro %}
""")

    def __init__(
        self,
        *,
        legend: str,
        attribution: str,
        title: str = "",
        background: str = "",
        presenter: bool = False,
        bounds: list | None = None,
    ):
        super().__init__()
        self._name = "MapDecor"
        self.css = _CSS
        self.legend = script_json(legend)
        self.attribution = script_json(attribution)
        self.title = script_json(title) if title else ""
        self.background = script_json(background) if background else ""
        self.presenter = presenter
        self.bounds = script_json(bounds) if bounds else ""
        self.fold_below = 0 if presenter else LEGEND_FOLD_BELOW_PX
