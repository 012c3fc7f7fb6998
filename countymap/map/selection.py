"""The selection, drawn as a small overlay on top of an unchanged map.

A selected item or township never rebuilds the project layers: the app hands
:func:`selection_overlay` to streamlit-folium as ``feature_group_to_add`` and
moves the view with :func:`selection_view` (``center`` and ``zoom``). The view
is honest about what is known: a township-level item zooms to its township's
approximate area (not to a fake site), a line fits the line, and an item
without a place leaves the view alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import folium

from countymap.core.geodata import TownshipArea
from countymap.map.gcj02 import transform_geometry

TOWNSHIP_ZOOM = 11.5  # a township's area fills a desk-sized map
MAX_LINE_ZOOM = 13.0
ASSUMED_MAP_PX = 640  # the smaller side of the map: enough to fit a line, never to hide it
HIGHLIGHT = "#d62728"


@dataclass(frozen=True)
class Selection:
    """What is selected, as the map needs it: its geometry (or none) and the areas it touches."""

    geometry: dict | None  # GeoJSON of the item as drawn (Point, MultiPoint, LineString ...), or None
    areas: tuple[TownshipArea, ...]


def _bounds(coords: list[list[float]]) -> tuple[float, float, float, float]:
    lons, lats = [c[0] for c in coords], [c[1] for c in coords]
    return min(lons), min(lats), max(lons), max(lats)


def _positions(geometry: dict) -> list[list[float]]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return [coords]
    if kind in ("MultiPoint", "LineString"):
        return coords
    return [pair for part in coords for pair in part]


def _fit_zoom(west: float, south: float, east: float, north: float) -> float:
    """The zoom at which a box spans about :data:`ASSUMED_MAP_PX` pixels (capped for short lines)."""
    lat = (south + north) / 2
    width_m = max((east - west) * 111_320 * math.cos(math.radians(lat)), (north - south) * 110_574, 1.0)
    metres_per_px = width_m / ASSUMED_MAP_PX
    zoom = math.log2(40_075_016.686 * math.cos(math.radians(lat)) / (256 * metres_per_px))
    return min(MAX_LINE_ZOOM, math.floor(zoom * 4) / 4)


def selection_view(selection: Selection, to_gcj02: bool = False) -> tuple[tuple[float, float] | None, float | None]:
    """``(center, zoom)`` to show the selection, or ``(None, None)`` to leave the view as it is."""
    geometry = selection.geometry
    if geometry is not None and geometry["type"].endswith("LineString"):
        west, south, east, north = _bounds(_positions(_shifted(geometry, to_gcj02)))
        return ((south + north) / 2, (west + east) / 2), _fit_zoom(west, south, east, north)
    if selection.areas:
        area = selection.areas[0]
        point = _shifted({"type": "Point", "coordinates": [area.label_lon, area.label_lat]}, to_gcj02)
        lon, lat = point["coordinates"]
        return (lat, lon), TOWNSHIP_ZOOM
    return None, None


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
    geometry = selection.geometry
    if geometry is None:
        return group
    geometry = _shifted(geometry, to_gcj02)
    if geometry["type"].endswith("LineString"):
        folium.GeoJson(
            geometry, style_function=lambda _: {"color": "#000000", "weight": 8, "opacity": 0.35}, interactive=False
        ).add_to(group)
    else:
        for lon, lat in _positions(geometry):
            folium.CircleMarker([lat, lon], radius=13, color="#000000", weight=3, fill=False, interactive=False).add_to(
                group
            )
    return group
