"""The context under the projects: neighbours, approximate township areas, the county, rivers, routes.

Layers are drawn bottom to top in that order. Their names go on the map as
labels placed by :class:`countymap.map.atlas.ProjectAtlas` (so they never
collide); here each feature keeps only what its tooltip or style needs, escaped.
"""

from __future__ import annotations

from folium.utilities import JsCode

from countymap.core.aggregate import AreaSummary
from countymap.core.geodata import Geodata
from countymap.map.compact_geojson import CompactGeoJson
from countymap.map.decor import text
from countymap.map.gcj02 import transform_geometry
from countymap.map.static_files import static_text
from countymap.text.escape import html_text, script_json
from countymap.text.format import bracketed, item_name, township_labels

NEIGHBOR_STYLE = {"color": "#9a9a9a", "weight": 1, "fillColor": "#dddddd", "fillOpacity": 0.35}
COUNTY_STYLE = {"color": "#222222", "weight": 2.5, "fill": False}
AREA_STYLE = {"color": "#7a7a7a", "weight": 0.8, "opacity": 0.7, "dashArray": "3 3", "fillOpacity": 0}
RIVER_STYLE = {"color": "#6a9fc9", "weight": 2.5, "opacity": 0.85}
ROUTE_STYLE = {"color": "#555555", "weight": 2, "opacity": 0.7, "dashArray": "2 6"}
# A sequential palette (ColorBrewer BuGn) for the area shading; the first class is "none".
CHOROPLETH = ("#f7fcfd", "#ccece6", "#66c2a4", "#238b45", "#00441b")

CONTEXT_LAYER_JS = "context_layer.js"  # in countymap/map/static/: style and tooltip of a context layer


def _collection(features: list[dict], to_gcj02: bool) -> dict:
    for feature in features:
        if to_gcj02:
            feature["geometry"] = transform_geometry(feature["geometry"])
    return {"type": "FeatureCollection", "features": features}


def _layer(collection: dict, name: str, style: dict, *, interactive: bool, show: bool = True) -> CompactGeoJson:
    return CompactGeoJson(
        collection,
        name=html_text(name),
        style=JsCode(f"{static_text(CONTEXT_LAYER_JS)}({script_json(style)}).style"),
        on_each_feature=JsCode(f"{static_text(CONTEXT_LAYER_JS)}({{}}).each"),
        interactive=interactive,
        show=show,
    )


def _named(collection: dict, lang: str) -> list[dict]:
    """The features of ``collection``, each keeping only its name (escaped) as a tooltip."""
    return [
        {
            "type": "Feature",
            "geometry": f["geometry"],
            "properties": {"tip": html_text(item_name(f["properties"], lang))},
        }
        for f in collection["features"]
    ]


def neighbours_layer(geodata: Geodata, lang: str, to_gcj02: bool) -> CompactGeoJson:
    """Surrounding counties, greyed (their names are labels)."""
    features = [{"type": "Feature", "geometry": f["geometry"], "properties": {}} for f in geodata.neighbors["features"]]
    return _layer(_collection(features, to_gcj02), text("neighbors", lang), NEIGHBOR_STYLE, interactive=False)


def county_layer(geodata: Geodata, lang: str, to_gcj02: bool) -> CompactGeoJson:
    """The county outline."""
    features = _named(geodata.county, lang)
    return _layer(_collection(features, to_gcj02), text("county", lang), COUNTY_STYLE, interactive=False)


def area_name(townships: tuple[str, ...], lang: str) -> str:
    """An area's name, said to be approximate: ``龚滩镇（大致范围）`` / ``Gongtan Town (approximate area)``."""
    names = township_labels(townships, lang)
    return bracketed(names, text("area_approximate", lang), lang)


def areas_layer(summaries: list[AreaSummary], fills: dict[int, str], lang: str, to_gcj02: bool) -> CompactGeoJson:
    """Approximate township areas as faint lines, shaded where ``fills`` gives a colour (area index -> colour)."""
    unit = text("projects_unit", lang)
    features = []
    for summary in summaries:
        props = {"tip": html_text(f"{area_name(summary.area.townships, lang)} · {summary.count} {unit}")}
        if summary.area.index in fills:
            props["fill"] = fills[summary.area.index]
        features.append({"type": "Feature", "geometry": summary.area.geometry, "properties": props})
    return _layer(_collection(features, to_gcj02), text("areas", lang), AREA_STYLE, interactive=True)


def rivers_layer(geodata: Geodata, lang: str, to_gcj02: bool) -> CompactGeoJson:
    """Rivers (approximate courses), under the projects."""
    features = _named(geodata.rivers, lang)
    return _layer(_collection(features, to_gcj02), text("rivers", lang), RIVER_STYLE, interactive=False)


def routes_layer(geodata: Geodata, lang: str, to_gcj02: bool) -> CompactGeoJson:
    """Reference lines of every route (schematic), off until the reader turns them on."""
    features = _named(geodata.routes, lang)
    name = f"{text('routes', lang)} ({len(features)})"
    return _layer(_collection(features, to_gcj02), name, ROUTE_STYLE, interactive=True, show=False)


def river_label_points(geodata: Geodata, lang: str) -> list[dict]:
    """One label per named river, at the vertex of its course nearest the county's centre (unnamed lines: none)."""
    centre = geodata.outline.centroid
    labels = []
    for feature in geodata.rivers["features"]:
        if not feature["properties"].get("name_zh"):
            continue
        coords = feature["geometry"]["coordinates"]
        lon, lat = min(coords, key=lambda c: (c[0] - centre.x) ** 2 + (c[1] - centre.y) ** 2)
        labels.append(
            {"text": item_name(feature["properties"], lang), "lon": lon, "lat": lat, "kind": "river", "priority": 10}
        )
    return labels


def neighbour_label_points(geodata: Geodata, lang: str) -> list[dict]:
    """Short names of the neighbouring counties at their label points (near the shared border)."""
    key = "short_en" if lang == "en" else "short_zh"
    return [
        {
            "text": f["properties"][key],
            "lon": f["properties"]["label_lon"],
            "lat": f["properties"]["label_lat"],
            "kind": "neighbour",
            "priority": 100,
        }
        for f in geodata.neighbors["features"]
    ]
