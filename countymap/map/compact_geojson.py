"""A :class:`folium.GeoJson` that writes its features compactly and renders fast.

folium writes a GeoJson layer's data with Jinja's ``tojson``: sorted keys,
spaces after every separator and every Chinese character as a six-byte
``u``-escape. It then feeds the rendered script back through the Jinja
compiler (``branca.element.Element(script)``), which costs about a second per
10 MB. At 20,000 projects both dominate the page size and the build time.

:class:`CompactGeoJson` keeps ``.data`` a plain FeatureCollection (what Python
code and streamlit-folium's bounds read) but writes the page differently:

* UTF-8 characters as they are, no spaces, through :func:`countymap.text.escape.script_json`
  (so ``<``, ``>`` and ``&`` still cannot close the ``<script>``);
* properties that every feature shares (e.g. the layer's category) once per
  layer, copied into each feature in the browser; ``properties.id`` and
  ``"type": "Feature"`` are restored there too;
* the rendered script (which also adds the layer to the map) is added to the
  page as a raw string, never recompiled.
"""

from __future__ import annotations

import folium
from branca.element import Element, MacroElement
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from countymap.map.static_files import static_text
from countymap.text.escape import script_json

# A feature is written as {"id": "...", "properties": ...}: the same spelling
# folium uses, so an id can be found in a page the same way in every layer.
# Plain replacements are safe: escaped data never contains a bare quote.
_FEATURE_HEAD = (('{"id":"', '{"id": "'), ('","properties":', '", "properties":'))

# Restores what the page leaves out; runs once per layer before Leaflet sees the data.
EXPAND_JS = static_text("expand.js")


class RawScript(Element):
    """Ready-made script text: rendered as it is (branca would compile it as a template)."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawScript"
        self.text = text

    def render(self, **kwargs) -> str:
        """Return the text unchanged."""
        return self.text


def add_script_raw(element, kwargs: dict) -> None:
    """Add ``element``'s rendered ``script`` macro to the page as raw text, then render its children.

    branca's ``MacroElement.render`` would wrap the rendered script in a new
    template and compile it again: for a script holding 20,000 features that
    costs more than everything else in a rerun.
    """
    script = element._template.module.script(element, kwargs)
    element.get_root().script.add_child(RawScript(script), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class RawScriptElement(MacroElement):
    """A :class:`branca.element.MacroElement` with only a ``script`` macro, added to the page uncompiled."""

    def render(self, **kwargs) -> None:
        """Add the script as raw text (see :func:`add_script_raw`)."""
        add_script_raw(self, kwargs)


class CompactGeoJson(folium.GeoJson):
    """One GeoJson layer whose data is written compactly (see the module docstring).

    Parameters
    ----------
    data : dict
        A FeatureCollection. A feature's ``id``, if it has one, must equal ``properties["id"]``.
    shared : dict, optional
        Properties with the same value in every feature, written once.
    page_data, bounds : optional
        :func:`compact_features` and :func:`feature_bounds` of ``data``, if
        already known (e.g. cached between Streamlit reruns); else computed
        on first use.
    **kwargs
        Passed to :class:`folium.GeoJson` (``name``, ``on_each_feature``, Leaflet options).
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJson(null, {
    {%- if this.on_each_feature %}
    onEachFeature: {{ this.on_each_feature }},
    {%- endif %}
    ...{{ this.options | tojavascript }}
});
{{ this.get_name() }}.addData({{ this.expand_js }}({{ this.page_data() }}, {{ this.shared_js }}));
{%- if this.show %}
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{%- endif %}
{% endmacro %}
""")

    expand_js = EXPAND_JS

    def __init__(self, data: dict, shared: dict | None = None, *, page_data: str | None = None, bounds=None, **kwargs):
        super().__init__(data, **kwargs)
        self._name = "CompactGeoJson"
        self.shared = dict(shared or {})
        self.shared_js = script_json(self.shared)
        self._page_data = page_data
        self._bounds = bounds

    def page_data(self) -> str:
        """The features as a compact JS array literal (computed once, then reused)."""
        if self._page_data is None:
            self._page_data = compact_features(self.data["features"], self.shared)
        return self._page_data

    def _get_self_bounds(self) -> list:
        """[[south, west], [north, east]] of the features (folium's generic walk is slow)."""
        if self._bounds is None:
            self._bounds = feature_bounds(self.data["features"])
        return self._bounds

    def render(self, **kwargs) -> None:
        """Add the layer's script to the page as raw text (same result as folium's, faster).

        folium adds the layer to the map through a child element whose script
        is compiled again on every render; the template does it itself instead.
        """
        self.parent_map = get_obj_in_upper_tree(self, folium.Map)
        add_script_raw(self, kwargs)


def compact_feature(feature: dict, shared: dict) -> str:
    """One feature as ``{"id": ..., "properties": {...}, "geometry": {...}}``, script-safe.

    A feature without an ``id`` (the context layers) is written without one;
    properties in ``shared`` are left out (the layer writes them once).
    """
    props = {k: v for k, v in (feature.get("properties") or {}).items() if k != "id" and k not in shared}
    item = {"id": feature["id"]} if "id" in feature else {}
    item.update(properties=props, geometry=feature["geometry"])
    text = script_json(item)
    for compact, spaced in _FEATURE_HEAD:
        text = text.replace(compact, spaced, 1)
    return text


def join_compact(texts) -> str:
    """Written features as one JS array literal."""
    return "[" + ",".join(texts) + "]"


def compact_features(features: list[dict], shared: dict) -> str:
    """Features as a JS array literal of :func:`compact_feature`, script-safe."""
    return join_compact(compact_feature(feature, shared) for feature in features)


def _positions(geometry: dict) -> list:
    """The [lon, lat] pairs of a Point, MultiPoint, LineString or MultiLineString."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return [coords]
    if kind in ("MultiPoint", "LineString"):
        return coords
    if kind == "MultiLineString":
        return [pair for line in coords for pair in line]
    return _nested_positions(coords)  # polygons: not drawn by this app, but handled


def _nested_positions(coords) -> list:
    if coords and isinstance(coords[0], (int, float)):
        return [coords]
    return [pair for part in coords for pair in _nested_positions(part)]


def feature_bounds(features: list[dict]) -> list:
    """Bounds of point and line features as folium reports them ([[None, None], [None, None]] if none)."""
    lons, lats = [], []
    for feature in features:
        for lon, lat in _positions(feature["geometry"]):
            lons.append(lon)
            lats.append(lat)
    if not lons:
        return [[None, None], [None, None]]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
