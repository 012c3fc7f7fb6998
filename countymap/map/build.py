"""Build the project map: plain functions returning a :class:`folium.Map`.

Nothing here needs Streamlit. The caller filters the projects first
(:mod:`countymap.core.filters`), then calls :func:`build_map`; for the app it
passes the result through :func:`countymap.map.assets.localize_assets`, for a
file through :func:`countymap.map.assets.inline_assets` (see
:mod:`countymap.map.export`). The costly part (placing the projects, writing
their page data, summing them per township) is
:func:`countymap.map.features.project_features`; the app writes each whole
table once, takes each filter's part from it and passes that in. The map never depends on what is
selected: the selection is an overlay (:mod:`countymap.map.selection`).
"""

from __future__ import annotations

from collections import Counter

import folium
from shapely.geometry import shape

from countymap.core.aggregate import AreaSummary, measure_key, statuses_present
from countymap.core.dataset import Dataset
from countymap.map import context, items
from countymap.map.atlas import AtlasData, ProjectAtlas, badge_radius
from countymap.map.basemaps import add_basemap, attribution_html, needs_gcj02, resolve
from countymap.map.decor import MapDecor, data_credit, map_title, text
from countymap.map.features import ProjectFeatures
from countymap.map.gcj02 import transform_geometry
from countymap.map.keys import badge_texts
from countymap.map.legend import LegendSpec, legend_html
from countymap.map.view import DEFAULT_VIEW, View
from countymap.schema import STATUSES, label
from countymap.text.escape import html_text
from countymap.text.format import join_labels, township_label
from countymap.text.strings import t

NO_TILES_BACKGROUND = "#f3f1ec"


def _point(lon: float, lat: float, to_gcj02: bool) -> tuple[float, float]:
    if not to_gcj02:
        return lon, lat
    shifted = transform_geometry({"type": "Point", "coordinates": [lon, lat]})["coordinates"]
    return shifted[0], shifted[1]


def _spanning(features: ProjectFeatures) -> Counter:
    """Per area index, how many of its (drawn, filtered) items are drawn in other areas too."""
    return Counter(index for areas in features.placement["areas"] if len(areas) > 1 for index in areas)


def _badge_tip(s: AreaSummary, spanning: int, lang: str) -> str:
    """A badge's tooltip (escaped): the area, its count and, when some of them are, how many span several townships."""
    tip = f"{context.area_name(s.area.townships, lang)} · {s.count} {text('projects_unit', lang)}"
    return html_text(tip + (text("badge_spanning", lang).format(n=spanning) if spanning else ""))


def _area_data(
    summaries: list[AreaSummary], measure: str, lang: str, to_gcj02: bool, presenter: bool, spanning: Counter
) -> list[dict]:
    """Per area, what a badge and its label need (labels and numbers are set as text, tips are escaped).

    ``want`` is the badge's radius for its value (:func:`countymap.map.atlas.badge_radius`), ``num`` the
    number it shows: the count, or the amount it is sized by (:func:`countymap.map.keys.badge_texts`).
    """
    numbers = badge_texts(summaries, measure, lang)
    largest = max((s.value(measure) for s in summaries), default=0.0)
    out = []
    for s in summaries:
        lon, lat = _point(s.area.label_lon, s.area.label_lat, to_gcj02)
        west, south, east, north = shape(s.area.geometry).bounds
        (west, south), (east, north) = _point(west, south, to_gcj02), _point(east, north, to_gcj02)
        short = join_labels([township_label(n, lang, short=True) for n in s.area.townships], lang)
        out.append(
            {
                "i": s.area.index,
                "lat": lat,
                "lon": lon,
                "r_m": s.area.inscribed_m,
                "label": short,
                "townships": list(s.area.townships),
                "total": s.count,
                "st": s.by_status,
                "want": badge_radius(s.value(measure), largest, presenter),
                "num": numbers[s.area.index],
                "bounds": [[south, west], [north, east]],
                "tip": _badge_tip(s, spanning[s.area.index], lang),
                "name": text("badge_name", lang).format(area=context.area_name(s.area.townships, lang), n=s.count),
            }
        )
    return out


def _shading(summaries: list[AreaSummary], measure: str) -> dict[int, str]:
    """Fill colour per area index for the chosen measure, in the legend's classes (none when off)."""
    if not measure:
        return {}
    values = {s.area.index: s.value(measure) for s in summaries}
    breaks = list(measure_key(summaries, measure).breaks)  # the classes the legend draws (keys.py)
    colours = context.CHOROPLETH
    fills = {}
    for index, value in values.items():
        klass = 0 if value <= 0 else 1 + next((k for k, b in enumerate(breaks) if value <= b), len(breaks) - 1)
        fills[index] = colours[min(klass, len(colours) - 1)]
    return fills


def _symbols(features: ProjectFeatures) -> list[str]:
    drawn = set(features.placement["drawn_precision"])
    symbols = ["badge"] if any(s.count for s in features.summaries) else []
    symbols += [
        key
        for key, precisions in (
            ("township", {"township"}),
            ("site", {"exact", "approximate"}),
            ("line", {"line"}),
            ("inferred", {"inferred"}),
            ("placed", {"site"}),
        )
        if drawn & precisions
    ]
    return [*symbols, "river", "area"]


def build_map(
    dataset: Dataset,
    features: ProjectFeatures,
    view: View = DEFAULT_VIEW,
    *,
    tianditu_key: str | None = None,
    title: bool = False,
    pages_url: str | None = None,
) -> folium.Map:
    """Draw the (already filtered) projects over the county context, as ``view`` asks.

    Parameters
    ----------
    dataset : Dataset
        Its geodata (county, neighbours, seats, areas, rivers, places and
        routes, WGS-84) is drawn under the items; its county and edition name the data.
    features : ProjectFeatures
        The drawable part of ``dataset`` (:func:`countymap.map.features.dataset_features`),
        in the view's language and datum: placed as in the whole table.
    view : View
        The view settings (:data:`countymap.map.view.VIEW`): language, basemap
        (with a Gaode basemap every overlay is converted to GCJ-02), what
        badges and areas measure, presenter mode (larger labels and legend),
        the selection and the zoom and centre (which the caller applies when
        it shows the map: the map itself never depends on them).
    tianditu_key : str, optional
        Needed for the Tianditu basemaps (never logged).
    title : bool
        Put the title on the map itself (a standalone file has no page around it).
    pages_url : str, optional
        Where the page reads the items' features (:meth:`ProjectFeatures.write_pages
        <countymap.map.features.ProjectFeatures.write_pages>` served there) instead
        of carrying them inline; a standalone file carries them.

    Returns
    -------
    folium.Map
        Still referencing folium's CDN assets: pass it through
        :func:`countymap.map.assets.localize_assets` or ``inline_assets``.
    """
    lang, basemap, size_by, shading, presenter = view.lang, view.basemap, view.size_by, view.shading, view.presenter
    used = resolve(basemap, tianditu_key)
    to_gcj02 = needs_gcj02(used)
    geodata = dataset.geodata
    if (features.lang, features.to_gcj02) != (lang, to_gcj02):
        raise ValueError("features were made for another language or datum")
    fmap = folium.Map(tiles=None, prefer_canvas=True, control_scale=False, zoomSnap=0.25, zoomDelta=0.5)
    add_basemap(fmap, used, tianditu_key=tianditu_key, lang=lang)
    fills = _shading(features.summaries, shading)
    for layer in (
        context.neighbours_layer(geodata, lang, to_gcj02),
        context.areas_layer(features.summaries, fills, lang, to_gcj02),
        context.county_layer(geodata, lang, to_gcj02),
        context.rivers_layer(geodata, lang, to_gcj02),
        context.routes_layer(geodata, lang, to_gcj02),
    ):
        layer.add_to(fmap)
    labels = [*context.neighbour_label_points(geodata, lang), *context.river_label_points(geodata, lang)]
    if to_gcj02:
        labels = [
            {**item, **dict(zip(("lon", "lat"), _point(item["lon"], item["lat"], True), strict=True))}
            for item in labels
        ]
    categories = [(page, items.project_shared(c), items.each_feature_js(c, lang)) for c, page in features.pages.items()]
    areas = _area_data(features.summaries, size_by, lang, to_gcj02, presenter, _spanning(features))
    dot_names = {"template": text("dot_name", lang), "status": {c: label(STATUSES, c, lang) for c in STATUSES}}
    atlas = AtlasData(areas, labels, items.STATUS_COLOURS, presenter, dot_names)
    ProjectAtlas(categories, atlas, feature_count=features.feature_count, pages_url=pages_url).add_to(fmap)
    _decor(dataset, features, view, used, title=title).add_to(fmap)
    folium.LayerControl(collapsed=not presenter).add_to(fmap)
    return fmap


def _decor(dataset: Dataset, features: ProjectFeatures, view: View, used: str, *, title: bool) -> MapDecor:
    """The legend (with the size and shading keys), attribution, title and the bounds the view fits."""
    lang, to_gcj02 = view.lang, needs_gcj02(used)
    spec = LegendSpec(
        statuses=statuses_present(features.summaries) or list(items.STATUS_COLOURS),
        symbols=_symbols(features),
        palette=items.STATUS_COLOURS,
        measure=view.size_by,
        shading=view.shading,
        summaries=tuple(features.summaries),
        presenter=view.presenter,
    )
    west, south, east, north = dataset.geodata.outline.bounds
    (west, south), (east, north) = _point(west, south, to_gcj02), _point(east, north, to_gcj02)
    return MapDecor(
        legend=legend_html(spec, lang),
        attribution=t("attribution_join", lang).join(
            part for part in (attribution_html(used, lang), html_text(data_credit(dataset, lang))) if part
        ),
        lang=lang,
        title=map_title(dataset, lang) if title else "",
        background=NO_TILES_BACKGROUND if used == "none" else "",
        presenter=view.presenter,
        bounds=[[south, west], [north, east]],
        undrawn=features.undrawn,
    )
