"""The selection, drawn as a small overlay on top of an unchanged map.

A selected item or township never rebuilds the project layers: the app hands
:func:`selection_overlay` to streamlit-folium as ``feature_group_to_add``.
The overlay also moves the view: its last element asks the map to fit the
overlay's own bounds (``window.cmFocus`` in ``decor.js``) in the browser,
where the frame's size is known, so a township's whole area and its items fill
the frame at every size, the same on every load. The view is honest about
what is known: a township-level item fits its township's approximate area
(not a fake site), a line fits the line, and an item without a place leaves
the view alone (an empty overlay fits nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
from branca.element import MacroElement
from jinja2 import Template

from countymap.core.geodata import TownshipArea
from countymap.map.gcj02 import transform_geometry
from countymap.text.escape import script_json

HIGHLIGHT = "#d62728"


@dataclass(frozen=True)
class Selection:
    """What is selected, as the map needs it: its geometry (or none) and the areas it touches."""

    geometry: dict | None  # GeoJSON of the item as drawn (Point, MultiPoint, LineString ...), or None
    areas: tuple[TownshipArea, ...]
    item: str = ""  # the selected item's id ("" for a township or a search): its popup may dock beside it


def _positions(geometry: dict) -> list[list[float]]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return [coords]
    if kind in ("MultiPoint", "LineString"):
        return coords
    return [pair for part in coords for pair in part]


class FocusOnSelection(MacroElement):
    """Fits the map to its parent layer group, in the browser (``window.cmFocus``; absent in other maps).

    ``item`` (escaped JSON) tells the map which item is selected: the open
    popup of that item docks as a card beside it (``details.js``); a card of
    another item goes.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "if (window.cmFocus) { window.cmFocus({{ this._parent.get_name() }}, {{ this.item }}); }"
        "{% endmacro %}"
    )

    def __init__(self, item: str = ""):
        super().__init__()
        self._name = "FocusOnSelection"
        self.item = script_json(item)


def _shifted(geometry: dict, to_gcj02: bool) -> dict:
    return transform_geometry(geometry) if to_gcj02 else geometry


def selection_overlay(selection: Selection, to_gcj02: bool = False) -> folium.FeatureGroup:
    """The selected areas outlined, and rings around the item's points or its line drawn over."""
    group = folium.FeatureGroup(name="selection", control=False)
    for area in selection.areas:
        folium.GeoJson(
            _shifted(area.geometry, to_gcj02),
            style_function=lambda _: {"color": HIGHLIGHT, "weight": 3, "fillColor": HIGHLIGHT, "fillOpacity": 0.08},
            interactive=False,
        ).add_to(group)
    geometry = _shifted(selection.geometry, to_gcj02) if selection.geometry is not None else None
    if geometry is None:
        pass
    elif geometry["type"].endswith("LineString"):
        folium.GeoJson(
            geometry, style_function=lambda _: {"color": "#000000", "weight": 8, "opacity": 0.35}, interactive=False
        ).add_to(group)
    else:
        for lon, lat in _positions(geometry):
            folium.CircleMarker([lat, lon], radius=13, color="#000000", weight=3, fill=False, interactive=False).add_to(
                group
            )
    FocusOnSelection(selection.item).add_to(group)  # last: it fits what the group holds
    return group
