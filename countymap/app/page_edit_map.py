"""Placing a site by clicking on a map: one point, or a line clicked point by point.

``streamlit_folium`` reports a click on the map as ``last_clicked`` (``{"lat", "lng"}``
in the basemap's datum). Only that key is returned, so panning and zooming do not
rerun the page. A click on a Gaode (GCJ-02) basemap is converted to WGS-84 at once:
the session keeps, and the database stores, WGS-84 only.
"""

from __future__ import annotations

import math

import streamlit as st
from streamlit_folium import st_folium

from countymap.app import data, state
from countymap.app.map_view import LEAFLET_URL, tianditu_key
from countymap.living.values import MAX_LINE_POINTS
from countymap.map.assets import localize_assets
from countymap.map.basemaps import available, basemap_label, needs_gcj02, resolve
from countymap.map.gcj02 import gcj02_to_wgs84
from countymap.map.placing import placing_map
from countymap.text.format import update_value
from countymap.text.strings import t

POINTS_KEY = "edit_points"  # the clicked points so far, WGS-84 (lon, lat)
MODE_KEY = "edit_site_mode"
BASEMAP_KEY = "edit_basemap"
LAST_CLICK_KEY = "_edit_last_click"
MAP_KEY = "edit_map"
MAP_HEIGHT = 460


def forget_points() -> None:
    """Start the next site afresh (after a save)."""
    state.pop(POINTS_KEY)


def _points() -> list[tuple[float, float]]:
    kept = state.get(POINTS_KEY)
    return list(kept) if isinstance(kept, list) else []


def clicked_point(payload: object, basemap: str) -> tuple[float, float] | None:
    """The WGS-84 (lon, lat) of a new click in ``payload``, or ``None`` (no click, or the one already taken)."""
    click = payload.get("last_clicked") if isinstance(payload, dict) else None
    if not isinstance(click, dict) or click == state.get(LAST_CLICK_KEY):
        return None
    lat, lon = click.get("lat"), click.get("lng")
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in (lat, lon)):
        return None
    state.put(LAST_CLICK_KEY, click)
    return stored_point(float(lon), float(lat), basemap)


def stored_point(lon: float, lat: float, basemap: str) -> tuple[float, float]:
    """A clicked position as stored: WGS-84 (from GCJ-02 on a Gaode basemap), to 6 decimals (about 0.1 m)."""
    if needs_gcj02(basemap):
        lon, lat = gcj02_to_wgs84(lon, lat)
    return round(lon, 6), round(lat, 6)


def site_picker(lang: str) -> dict | None:
    """The map to click and what was clicked; returns the site's value (``None`` until there is one)."""
    line = st.radio(
        t("ed_site_mode", lang), (False, True), key=MODE_KEY, horizontal=True,
        format_func=lambda is_line: t("ed_site_line" if is_line else "ed_site_point", lang),
    )  # fmt: skip
    key = tianditu_key()
    basemap = st.selectbox(t("ed_basemap", lang), available(key), key=BASEMAP_KEY,
                           format_func=lambda code: basemap_label(code, lang))  # fmt: skip
    used = resolve(basemap, key)
    st.caption(t("ed_site_help", lang))
    points = _points()
    fmap = localize_assets(placing_map(data.geodata(), used, lang, points, tianditu_key=key), LEAFLET_URL)
    payload = st_folium(fmap, key=MAP_KEY, returned_objects=["last_clicked"], height=MAP_HEIGHT,
                        use_container_width=True)  # fmt: skip
    new = clicked_point(payload, used)
    if new is not None:
        points = [*points, new][-MAX_LINE_POINTS:] if line else [new]
        state.put(POINTS_KEY, points)
        st.rerun()  # draw the new point on the map
    if points and st.button(t("ed_site_clear", lang), key="ed_site_clear"):
        forget_points()
        st.rerun()
    value = _value(points, line, used)
    where = update_value("site", value, lang) if value else t("ed_site_none", lang)
    st.markdown(t("ed_site_chosen", lang, where=where) if value else where)
    return value


def _value(points: list[tuple[float, float]], line: bool, basemap: str) -> dict | None:
    """The site as the database takes it: a point, or a line of two points or more."""
    if line:
        return {"line": [list(p) for p in points], "basemap": basemap} if len(points) >= 2 else None
    return {"lon": points[-1][0], "lat": points[-1][1], "basemap": basemap} if points else None
