"""Build the project map: plain functions returning a :class:`folium.Map`.

Nothing here needs Streamlit. The caller filters the projects first
(:mod:`countymap.core.filters`), then calls :func:`build_map`; for the app it
passes the result through :func:`countymap.map.assets.localize_assets`, for a
file through :func:`countymap.map.assets.inline_assets` (see :mod:`countymap.map.export`).
The costly part (placing the projects and writing their page data) is
:func:`project_features`; the app caches its result and passes it back in.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass

import folium
import pandas as pd
from shapely.geometry import shape

from countymap.core.geodata import Geodata
from countymap.core.placement import place_projects
from countymap.core.schema import CATEGORIES, label
from countymap.map import layers
from countymap.map.basemaps import add_basemap, needs_gcj02, resolve
from countymap.map.compact_geojson import compact_features, feature_bounds
from countymap.map.decor import MapDecor, legend_html, text
from countymap.map.gcj02 import transform_geometry
from countymap.text.escape import html_text

# Youyang's extent, used only when no county outline is loaded.
FALLBACK_BOUNDS = [[28.32, 108.30], [29.45, 109.32]]
NO_TILES_BACKGROUND = "#f3f1ec"
COUNTY_STYLE = {"color": "#222222", "weight": 2.5, "fill": False}
NEIGHBOR_STYLE = {"color": "#9a9a9a", "weight": 1, "fillColor": "#dddddd", "fillOpacity": 0.35}


def _bounds(collection: dict) -> list[list[float]] | None:
    """[[south, west], [north, east]] of a FeatureCollection, or None if empty."""
    boxes = [shape(f["geometry"]).bounds for f in collection.get("features", []) if f.get("geometry")]
    if not boxes:
        return None
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [[south, west], [north, east]]


def _focus_bounds(collections: dict[str, dict], selected_id: str | None) -> list[list[float]] | None:
    """Bounds of the selected project's geometry (padded), if it is drawn."""
    if not selected_id:
        return None
    for collection in collections.values():
        for feature in collection["features"]:
            if feature["properties"]["id"] == selected_id:
                (south, west), (north, east) = _bounds({"features": [feature]})
                pad = 0.02  # ~2 km, so a point gets some context around it
                return [[south - pad, west - pad], [north + pad, east + pad]]
    return None


def _add_context(
    fmap: folium.Map, geodata: Geodata, projects: pd.DataFrame, *, lang: str, size_by: str, to_gcj02: bool
) -> dict:
    """Neighbours, county outline, routes and township seats; returns the county collection."""
    neighbors = layers.labelled_collection(geodata.neighbors, lang, to_gcj02)
    county = layers.labelled_collection(geodata.county, lang, to_gcj02)
    if neighbors["features"]:
        layers.outline_layer(neighbors, text("neighbors", lang), style=NEIGHBOR_STYLE, permanent=True).add_to(fmap)
    if county["features"]:
        layers.outline_layer(county, text("county", lang), style=COUNTY_STYLE, permanent=False).add_to(fmap)
    routes = layers.labelled_collection(
        geodata.routes, lang, to_gcj02, extra=lambda p: {"route_id": p.get("route_id", "")}
    )
    if routes["features"]:
        layers.route_layer(routes, lang).add_to(fmap)
    townships = geodata.seats
    if not townships.empty:
        layers.township_layer(townships, projects, size_by=size_by, lang=lang, to_gcj02=to_gcj02).add_to(fmap)
    return county


@dataclass(frozen=True)
class ProjectFeatures:
    """The drawable projects, ready for the page: the costly half of :func:`build_map`.

    Plain data (never modified once made), so the app can cache it between
    reruns and sessions and still build a fresh :class:`folium.Map` each time
    (streamlit-folium mutates a map while rendering it, so maps are not shared).
    """

    lang: str
    selected_id: str | None
    to_gcj02: bool
    collections: dict[str, dict]  # category code -> FeatureCollection
    pages: dict[str, str]  # category code -> compact page data
    bounds: dict[str, list]  # category code -> [[south, west], [north, east]]
    county_wide: int  # projects without a drawable geometry
    focus: list[list[float]] | None  # bounds of the selected project, padded


def project_features(
    projects: pd.DataFrame,
    geodata: Geodata,
    *,
    lang: str = "zh",
    selected_id: str | None = None,
    to_gcj02: bool = False,
) -> ProjectFeatures:
    """Place the (filtered) projects and write their layers' page data; see :class:`ProjectFeatures`."""
    with _gc_paused():
        return _project_features(projects, geodata, lang=lang, selected_id=selected_id, to_gcj02=to_gcj02)


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while tens of thousands of small dicts are made.

    Its repeated passes over them cost about a third of a 20,000-project build
    and grow faster than the number of projects; nothing made here forms
    reference cycles that would need freeing in the meantime.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _project_features(
    projects: pd.DataFrame, geodata: Geodata, *, lang: str, selected_id: str | None, to_gcj02: bool
) -> ProjectFeatures:
    placement = place_projects(projects, geodata)
    collections = layers.project_collections(projects, placement, lang=lang, selected_id=selected_id, to_gcj02=to_gcj02)
    return ProjectFeatures(
        lang=lang,
        selected_id=selected_id,
        to_gcj02=to_gcj02,
        collections=collections,
        pages={c: compact_features(col["features"], layers.project_shared(c)) for c, col in collections.items()},
        bounds={c: feature_bounds(col["features"]) for c, col in collections.items()},
        county_wide=int((placement["drawn_precision"] == "county").sum()),
        focus=_focus_bounds(collections, selected_id),
    )


def build_map(
    projects: pd.DataFrame,
    geodata: Geodata,
    *,
    lang: str = "zh",
    basemap: str = "none",
    size_by: str = "count",
    presenter: bool = False,
    selected_id: str | None = None,
    tianditu_key: str | None = None,
    features: ProjectFeatures | None = None,
) -> folium.Map:
    """Draw the (already filtered) projects over the county context.

    Parameters
    ----------
    projects : pandas.DataFrame
        Typed projects (:func:`countymap.core.tables.load_projects`), already filtered.
    geodata : Geodata
        County, neighbours, township seats, places and routes (WGS-84).
    lang : {"zh", "en"}
        Language of labels, tooltips, popups and legend.
    basemap : str
        A code of :data:`countymap.map.basemaps.BASEMAPS`; ``none`` draws no tiles.
        With a Gaode basemap every overlay is converted to GCJ-02.
    size_by : {"count", "investment"}
        What the township seat circles measure.
    presenter : bool
        Larger labels and legend, and a title.
    selected_id : str, optional
        Project to highlight and zoom to.
    tianditu_key : str, optional
        Needed for the Tianditu basemaps (never logged).
    features : ProjectFeatures, optional
        :func:`project_features` of the same ``projects``, if already made
        (it must match ``lang``, ``selected_id`` and the basemap's datum).

    Returns
    -------
    folium.Map
        Still referencing folium's CDN assets: pass it through
        :func:`countymap.map.assets.localize_assets` or ``inline_assets``.
    """
    used = resolve(basemap, tianditu_key)
    to_gcj02 = needs_gcj02(used)
    county_bounds = _bounds(geodata.county) or FALLBACK_BOUNDS
    # Start centred on the county: fit_bounds below refines it, but an iframe
    # that is sized late (streamlit-folium) then still shows the county.
    centre = [(county_bounds[0][0] + county_bounds[1][0]) / 2, (county_bounds[0][1] + county_bounds[1][1]) / 2]
    fmap = folium.Map(location=centre, zoom_start=9, tiles=None, prefer_canvas=True, control_scale=True)
    add_basemap(fmap, used, tianditu_key=tianditu_key, lang=lang)
    county = _add_context(fmap, geodata, projects, lang=lang, size_by=size_by, to_gcj02=to_gcj02)
    if features is None:
        features = project_features(projects, geodata, lang=lang, selected_id=selected_id, to_gcj02=to_gcj02)
    elif (features.lang, features.selected_id, features.to_gcj02) != (lang, selected_id, to_gcj02):
        raise ValueError("features were made for another language, selection or datum")
    for category, collection in features.collections.items():
        layers.project_layer(
            category, collection, lang, page_data=features.pages[category], bounds=features.bounds[category]
        ).add_to(fmap)
    counts = [(label(CATEGORIES, c, lang), len(col["features"])) for c, col in features.collections.items()]
    legend = legend_html(
        lang=lang, colours=layers.STATUS_COLOURS, categories=counts, county_wide=features.county_wide, size_by=size_by
    )
    bounds = features.focus or _bounds(county) or _fallback_bounds(to_gcj02)
    MapDecor(
        legend=legend,
        bounds=bounds,
        attribution=html_text(text("data_attr", lang)),
        title=html_text(text("title", lang)) if presenter else "",
        background=NO_TILES_BACKGROUND if used == "none" else "",
        presenter=presenter,
    ).add_to(fmap)
    folium.LayerControl(collapsed=not presenter).add_to(fmap)
    fmap.fit_bounds(bounds)
    return fmap


def _fallback_bounds(to_gcj02: bool) -> list[list[float]]:
    if not to_gcj02:
        return FALLBACK_BOUNDS
    line = transform_geometry({"type": "LineString", "coordinates": [[b[1], b[0]] for b in FALLBACK_BOUNDS]})
    return [[lat, lon] for lon, lat in line["coordinates"]]
