"""The map an editor clicks to place an item's site: the county, its rivers and township seats, the clicked points.

Nothing on it takes a click for itself (the context layers are not
interactive), so every click reaches the map and reports its position. Overlays
are in the basemap's datum (GCJ-02 for a Gaode basemap); the page converts the
clicked position back to WGS-84 before saving it.
"""

from __future__ import annotations

import folium

from countymap.core.geodata import Geodata
from countymap.map import context
from countymap.map.basemaps import add_basemap, needs_gcj02
from countymap.map.gcj02 import wgs84_to_gcj02
from countymap.text.escape import html_text
from countymap.text.format import township_label

CLICKED_COLOUR = "#D55E00"  # the points clicked so far (Okabe-Ito vermilion: clear on every basemap)


def _datum(lon: float, lat: float, to_gcj02: bool) -> tuple[float, float]:
    """``(lat, lon)`` for Leaflet in the basemap's datum."""
    if to_gcj02:
        lon, lat = wgs84_to_gcj02(lon, lat)
    return lat, lon


def placing_map(
    geodata: Geodata, basemap: str, lang: str, points: list[tuple[float, float]], *, tianditu_key: str | None = None
) -> folium.Map:
    """The county to click on, with the WGS-84 ``points`` (lon, lat) clicked so far (a line joins two or more)."""
    fmap = folium.Map(tiles=None, prefer_canvas=True, control_scale=True, zoomSnap=0.25, zoomDelta=0.5)
    used = add_basemap(fmap, basemap, tianditu_key=tianditu_key, lang=lang)
    to_gcj02 = needs_gcj02(used)
    for layer in (
        context.county_layer(geodata, lang, to_gcj02),
        context.rivers_layer(geodata, lang, to_gcj02),
    ):
        layer.add_to(fmap)
    for seat in geodata.seats.itertuples():
        folium.CircleMarker(
            _datum(seat.lon, seat.lat, to_gcj02),
            radius=3,
            color="#444444",
            fill=True,
            fill_opacity=0.8,
            interactive=False,
            tooltip=html_text(township_label(seat.name_zh, lang)),
        ).add_to(fmap)
    shown = [_datum(lon, lat, to_gcj02) for lon, lat in points]
    if len(shown) > 1:
        folium.PolyLine(shown, color=CLICKED_COLOUR, weight=4, interactive=False).add_to(fmap)
    for at in shown:
        folium.CircleMarker(at, radius=7, color="#111111", weight=2, fill=True, fill_color=CLICKED_COLOUR,
                            fill_opacity=1, interactive=False).add_to(fmap)  # fmt: skip
    west, south, east, north = geodata.outline.bounds
    fmap.fit_bounds([_datum(west, south, to_gcj02), _datum(east, north, to_gcj02)])
    return fmap
