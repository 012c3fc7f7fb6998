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
from countymap.schema import INVESTMENT_KINDS, STATUSES, label
from countymap.text.escape import html_text, script_json
from countymap.text.format import amount, number
from countymap.text.strings import t

LEGEND_FOLD_BELOW_PX = 520  # a phone-sized map starts with the legend folded
LEGEND_FOLD_BELOW_HEIGHT_PX = 480
TILE_ERRORS_BEFORE_NOTICE = 3


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
    "river": '<path d="M0 11 Q5 3 9 8 T18 5" fill="none" stroke="#6a9fc9" stroke-width="2.5"/>',
    "area": '<rect x="1" y="2" width="16" height="12" fill="none" stroke="#7a7a7a" stroke-dasharray="3 2"/>',
}


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


_CSS = """
html, body { height: 100%; margin: 0; }
#map_div { height: 100vh !important; }
.cm-legend { background: rgba(255,255,255,0.94); padding: 6px 9px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.45 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  max-width: 230px; max-height: 62vh; overflow-y: auto; }
.cm-legend-statuses { display: flex; flex-wrap: wrap; column-gap: 8px; }
.cm-legend-sym { line-height: 1.3; margin-top: 2px; }
.cm-legend summary { cursor: pointer; min-height: 24px; }
.cm-legend svg { vertical-align: middle; }
.cm-legend-title { font-weight: 700; }
.cm-legend-head { font-weight: 600; margin-top: 5px; }
.cm-legend-note { margin-top: 5px; color: #333; }
.leaflet-container .leaflet-control-attribution { font-size: 11px; }
.cm-popup { font-size: 13px; line-height: 1.45; }
.cm-popup-title { font-weight: 700; font-size: 14px; margin-bottom: 4px; }
.cm-popup table { border-collapse: collapse; }
.cm-popup th { text-align: left; padding: 1px 8px 1px 0; color: #555; font-weight: 600; white-space: nowrap; }
.cm-popup p { margin: 6px 0 0 0; }
.cm-note { color: #8a4b00; font-size: 11px; }
.cm-badge { background: none; border: 0; cursor: pointer; }
.cm-badge svg { display: block; filter: drop-shadow(0 1px 1px rgba(0,0,0,0.35)); }
.cm-label { position: absolute; white-space: nowrap; color: #222; line-height: 1.3; padding: 0 2px;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.cm-label-neighbour { color: #6b6b6b; }
.cm-label-river { color: #2f6d9e; }
.cm-notice { background: #fff4e5; border: 1px solid #e0a030; color: #5a3a00; padding: 6px 10px;
  border-radius: 6px; font: 13px/1.4 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; max-width: 320px; }
.cm-undrawn { background: #fff; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
.cm-undrawn a { display: block; min-height: 32px; line-height: 32px; padding: 0 10px; color: #0b4f8a;
  font: 600 13px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; text-decoration: none; cursor: pointer; }
.cm-title { position: absolute; top: 10px; left: 50%; transform: translateX(-50%); z-index: 800;
  background: rgba(255,255,255,0.92); padding: 6px 16px; border-radius: 6px; font-size: 22px;
  font-weight: 700; box-shadow: 0 1px 4px rgba(0,0,0,0.3); pointer-events: none; white-space: nowrap; }
.cm-presenter .cm-legend { font-size: 16px; max-width: 400px; max-height: 75vh; }
.cm-presenter .leaflet-control-attribution { font-size: 13px; }
.cm-presenter .cm-popup { font-size: 15px; }
"""

_SCRIPT = """
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro script(this, kwargs) %}
(function() {
    var map = {{ this._parent.get_name() }};
    var box = map.getContainer();
    {% if this.background %}box.style.background = {{ this.background }};{% endif %}
    {% if this.presenter %}box.classList.add("cm-presenter");{% endif %}
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    map.attributionControl.addAttribution({{ this.attribution }});
    L.control.scale({imperial: false, metric: true}).addTo(map);
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function() {
        var div = L.DomUtil.create("div", "cm-legend");
        div.innerHTML = {{ this.legend }};
        var details = div.querySelector("details");
        // A small map (a phone, the township page) starts with the legend folded, so it shows the county.
        if (details && (box.clientWidth < {{ this.fold_below }} || box.clientHeight < {{ this.fold_below_height }})) {
            details.open = false;
        }
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
    };
    legend.addTo(map);
    {% if this.undrawn %}
    // How many filtered items the map cannot draw; the link opens their list beside the map.
    var undrawn = L.control({position: "topright"});
    undrawn.onAdd = function() {
        var div = L.DomUtil.create("div", "cm-undrawn"), link = L.DomUtil.create("a", "", div);
        link.textContent = {{ this.undrawn }};
        link.href = "#cm-undrawn";
        L.DomEvent.on(link, "click", function(e) {
            L.DomEvent.preventDefault(e);
            var host = null;
            try { host = window.parent.document.getElementById("cm-undrawn"); } catch (err) { host = null; }
            if (host) { host.scrollIntoView({behavior: "smooth", block: "start"}); }
            else { var own = document.getElementById("cm-undrawn-panel"); if (own) { own.open = true; own.scrollIntoView(); } }
        });
        L.DomEvent.disableClickPropagation(div);
        return div;
    };
    undrawn.addTo(map);
    {% endif %}
    // Tiles that fail to load (no network): say so on the map instead of showing a grey canvas.
    var failed = 0, loaded = 0, notice = null;
    map.eachLayer(function(layer) {
        if (!(layer instanceof L.TileLayer)) { return; }
        layer.on("tileload", function() { loaded += 1; });
        layer.on("tileerror", function() {
            failed += 1;
            if (notice || loaded || failed < {{ this.tile_errors }}) { return; }
            notice = L.control({position: "topleft"});
            notice.onAdd = function() {
                var div = L.DomUtil.create("div", "cm-notice");
                div.textContent = {{ this.tile_notice }};
                return div;
            };
            notice.addTo(map);
        });
    });
    {% if this.bounds %}
    // Fit the county to the frame; streamlit-folium sizes its iframe late, so re-fit on every
    // resize until the reader has moved the map.
    var moved = false, fitting = false;
    ["mousedown", "touchstart", "wheel", "keydown"].forEach(function(ev) {
        box.addEventListener(ev, function() { moved = true; }, {passive: true});
    });
    // Any other move (the app showing a selection, a badge click) also ends the re-fitting.
    map.on("movestart", function() { if (!fitting) { moved = true; } });
    window.cmFit = {{ this.bounds }};  // what the view fits (tests measure it)
    var fit = function() {  // a frame not laid out yet has no size to fit into: wait for one
        var size = map.getSize();
        if (size.x > 0 && size.y > 0) {
            fitting = true;
            map.fitBounds({{ this.bounds }}, {padding: [6, 6], animate: false});
            fitting = false;
        }
    };
    fit();
    if (window.ResizeObserver) {
        new ResizeObserver(function() {
            map.invalidateSize({pan: false});
            if (!moved) { fit(); }
        }).observe(box);
    }
    {% endif %}
    {% if this.title %}
    var title = L.DomUtil.create("div", "cm-title", box);
    title.textContent = {{ this.title }};
    {% endif %}
})();
{% endmacro %}
"""


class MapDecor(MacroElement):
    """CSS, background, attribution, metric scale, legend, the undrawn-items link, tile notice, fit, title."""

    _template = Template(_SCRIPT)

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
        self.css = _CSS
        self.legend = script_json(legend)
        self.attribution = script_json(attribution)
        self.title = script_json(title) if title else ""
        self.background = script_json(background) if background else ""
        self.presenter = presenter
        self.bounds = script_json(bounds) if bounds else ""
        self.fold_below = 0 if presenter else LEGEND_FOLD_BELOW_PX
        self.fold_below_height = 0 if presenter else LEGEND_FOLD_BELOW_HEIGHT_PX
        self.undrawn = script_json(text("undrawn_link", lang).format(n=undrawn)) if undrawn else ""
        self.tile_notice = script_json(text("tile_notice", lang))
        self.tile_errors = TILE_ERRORS_BEFORE_NOTICE
