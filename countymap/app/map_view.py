"""The map page's controls, the map itself and the click that selects an item or a township.

``streamlit_folium`` 0.27.4 reports a click as ``last_active_drawing``
(``layer.toGeoJSON()`` of the clicked layer, i.e. the GeoJSON feature *with
its properties*): an item carries its ``id``, a township badge its
``townships``. It also reports the map's ``zoom`` and ``center`` after a move,
and the app keeps them like a link's ``z`` and ``c`` (:func:`bind_position`),
so the view survives every rerun and travels in links. Only the reader's own
moves are reported: the map marks every other move (fitting the county or a
selection, a resized frame, the app setting the view) as already known, so
no rerun follows it. (When the map's first position was reported, its rerun
raced the one that had just switched presenter mode or the language, and
Chromium's next rerun request carried the address bar from before the switch.)

Leaflet comes from the installed ``django-js-lib-leaflet`` package: its folder
is declared as a Streamlit component, so Streamlit serves its files at
``/component/<name>/`` and nothing is copied anywhere.
"""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import replace

import folium
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from countymap.app import data, state
from countymap.app.downloads import download_button
from countymap.app.page_files import pages_url
from countymap.app.shell import html_block
from countymap.core.aggregate import measures
from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.memory import return_freed_memory
from countymap.core.workbook import export_name
from countymap.map.assets import LEAFLET_SOURCE_DIR, localize_assets
from countymap.map.basemaps import available as available_basemaps
from countymap.map.basemaps import needs_gcj02, resolve
from countymap.map.build import build_map
from countymap.map.export import export_html
from countymap.map.features import dataset_features
from countymap.map.gcj02 import gcj02_to_wgs84, wgs84_to_gcj02
from countymap.map.selection import Selection, selection_overlay
from countymap.map.static_files import static_text
from countymap.map.view import SETTING, Choices, View, clean, encode
from countymap.text.strings import t

LOG = logging.getLogger(__name__)
CLICK_ONLY = ("last_active_drawing",)  # a map whose view is not kept (the township page's)
RETURNED = (*CLICK_ONLY, "zoom", "center")  # a click, and where the reader has moved the map
MAP_HEIGHT = 600  # before the page's CSS stretches the map to the window
# Streamlit serves a declared component's folder; the map's iframe lives at
# /component/streamlit_folium.st_folium/, so a relative link reaches ours.
LEAFLET_COMPONENT = components.declare_component("leaflet_files", path=str(LEAFLET_SOURCE_DIR))
LEAFLET_URL = f"../{LEAFLET_COMPONENT.name}"


def tianditu_key() -> str | None:
    """The Tianditu key from ``$TIANDITU_KEY`` or secrets; never displayed."""
    return os.environ.get("TIANDITU_KEY") or data.secret("TIANDITU_KEY")


def view_choices(result: pd.DataFrame, *, every_item: bool = False) -> Choices:
    """What the map page's view settings may take now, the filtered ``result`` shown.

    Badges measure what the shown items carry; the selectable items are the
    shown ones, or every item of the Dataset (``every_item``: presenter mode
    keeps a selection the filter hides).
    """
    geodata = data.geodata()
    return Choices(
        basemaps=tuple(available_basemaps(tianditu_key())),
        measures=measures(result),
        items=tuple(data.dataset().table["id"] if every_item else result["id"]),
        townships=tuple(geodata.seats["name_zh"]),
        bounds=tuple(geodata.outline.bounds),
    )


def view_controls(lang: str, choices: Choices, where) -> View:
    """Basemap, badge size and area shading in ``where`` (a popover), all mirrored in the URL."""

    def control(attr: str, widget) -> object:
        spec = SETTING[attr]
        options = spec.allowed(choices)
        label = functools.partial(spec.option_label, lang=lang)
        return state.bind_view(
            spec, choices, lambda: widget(t(spec.label_key, lang), options, key=spec.param, format_func=label)
        )

    with where:
        basemap = control("basemap", st.selectbox)
        size_by = control("size_by", st.radio)
        shading = control("shading", st.radio)
    return View(lang=lang, basemap=basemap, size_by=size_by, shading=shading)


def presenter_toggle(lang: str, where) -> bool:
    """The presenter-mode switch (kept in the URL as ``present=1``)."""
    spec = SETTING["presenter"]
    switch = where.container(key="cm_present_switch", width="content")
    return state.bind_view(spec, Choices(), lambda: switch.toggle(t(spec.label_key, lang), key=spec.param))


def presenter_css() -> None:
    """A projector: no sidebar or toolbar, the title, the map filling the rest of the screen (``static/presenter.css``)."""
    html_block(f"<style>{static_text('presenter.css', 'countymap.app')}</style>")


def clicked(payload: dict | None) -> tuple[str, str] | None:
    """What a map click picked: ``("item", id)`` for an item, ``("township", name)`` for a badge."""
    feature = (payload or {}).get("last_active_drawing")
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        return None
    if props.get("id"):
        return "item", str(props["id"])
    townships = props.get("townships")
    if isinstance(townships, list) and townships:
        return "township", str(townships[0])
    return None


def map_or_notice(filters: FilterState, view: View) -> folium.Map | None:
    """Build the folium map of the session's Dataset filtered by ``filters``; if drawing fails, say so instead."""
    try:
        return localize_assets(_map_for(filters, view), LEAFLET_URL)
    except Exception as exc:  # a drawing bug must not take the list and filters down with it
        LOG.exception("the map could not be drawn")
        st.error(t("map_failed", view.lang, err=type(exc).__name__))
        return None


def _map_for(filters: FilterState, view: View) -> folium.Map:
    """A fresh map each run; its features are kept on the Dataset while filter, language and datum allow.

    Only plain data is kept (see :class:`countymap.map.features.ProjectFeatures`),
    never a folium map: streamlit-folium mutates a map while rendering it.
    """
    dataset, key = data.dataset(), tianditu_key()
    features = dataset_features(dataset, filters, lang=view.lang, to_gcj02=needs_gcj02(resolve(view.basemap, key)))
    return build_map(dataset, features, view, tianditu_key=key, pages_url=pages_url(features))


def reported_position(key: str = "map") -> tuple[float | None, tuple[float, float] | None]:
    """The zoom and centre (lat, lon) the map last reported (moved by the reader), or ``None``s."""
    payload = state.get(key)
    if not isinstance(payload, dict):
        return None, None
    zoom, centre = payload.get("zoom"), payload.get("center")
    zoom = float(zoom) if isinstance(zoom, int | float) else None
    if isinstance(centre, dict) and all(isinstance(centre.get(k), int | float) for k in ("lat", "lng")):
        return zoom, (float(centre["lat"]), float(centre["lng"]))
    return zoom, None


def bind_position(view: View, choices: Choices, key: str = "map", search: str = "") -> View:
    """``view`` with the zoom and centre of the link, or where the reader has moved the map since (``z``, ``c``).

    A move shows in the map's reported position; it counts only when it
    differs from the one last seen, so a link's view wins on its first run.
    A new selection, or a new ``search`` that found something, drops the kept
    view: the map fits what was selected or found instead (see :mod:`countymap.map.selection`).
    """
    _forget_position_on_new_selection(view, key, search)
    reported = reported_position(key)
    seen = state.get(f"_seen_position_{key}")
    state.put(f"_seen_position_{key}", reported)
    moved = reported != seen and reported != (None, None)  # compared as reported: a basemap change is no move
    if moved and reported[1] is not None and needs_gcj02(resolve(view.basemap, tianditu_key())):
        lon, lat = gcj02_to_wgs84(reported[1][1], reported[1][0])  # the link keeps WGS-84
        reported = reported[0], (lat, lon)
    values = {}
    for attr, now in (("zoom", reported[0]), ("centre", reported[1])):
        spec = SETTING[attr]
        cleaned = clean(spec, encode(spec, now), choices) if now is not None else None  # bounded like a link's
        if moved:
            state.put(spec.param, cleaned)
        values[attr] = state.bind_view(spec, choices)
    return replace(view, **values)


def _forget_position_on_new_selection(view: View, key: str, search: str = "") -> None:
    """Drop the kept zoom and centre when something new is selected or found since the last run (a link's view stays).

    Clearing the selection or the search (or a filter hiding it) keeps the reader's view.
    """
    now, seen_key = (view.item, view.township, search), f"_seen_selection_{key}"
    changed = state.has(seen_key) and state.get(seen_key) != now and any(now) and not state.url_is_fresh()
    state.put(seen_key, now)
    if changed:
        for attr in ("zoom", "centre"):
            state.put(SETTING[attr].param, None)


def show(
    fmap: folium.Map,
    view: View,
    selection: Selection,
    *,
    key: str = "map",
    height: int = MAP_HEIGHT,
    returned: tuple[str, ...] = RETURNED,
) -> tuple[str, str] | None:
    """Display the map with the selection as an overlay; return a new click (see :func:`clicked`).

    The map's own script does not depend on the selection, so streamlit-folium
    keeps the same map and only swaps the overlay, which fits the view to the
    selection in the browser. The reader's own view (kept, or from a link) is
    applied after it. The main map (``key="map"``) is stretched to the window by the page's CSS.
    A map that keeps no view returns only clicks (``returned=CLICK_ONLY``): a pan does not rerun its page.
    """
    to_gcj02 = needs_gcj02(resolve(view.basemap, tianditu_key()))
    center, zoom = None, None
    if view.zoom is not None and view.centre is not None:
        center, zoom = _datum_point(view.centre, to_gcj02), view.zoom
    return_freed_memory()  # building the map freed its temporaries; rendering it is the run's peak
    with st.container(key=f"cm_{key}"):
        payload = st_folium(
            fmap,
            key=key,
            returned_objects=list(returned),
            height=height,
            use_container_width=True,
            feature_group_to_add=selection_overlay(selection, to_gcj02),
            center=center,
            zoom=zoom,
        )
    event = clicked(payload)
    # The payload repeats the last click on every rerun: act on it only once.
    last = state.get(f"_last_click_{key}")
    if event is None or (last is not None and payload.get("last_active_drawing") == last):
        return None
    state.put(f"_last_click_{key}", payload.get("last_active_drawing"))
    return event


def _datum_point(centre: tuple[float, float], to_gcj02: bool) -> tuple[float, float]:
    """A WGS-84 (lat, lon) in the basemap's datum: Leaflet takes (and reports) positions in the tiles' datum."""
    if not to_gcj02:
        return centre
    lon, lat = wgs84_to_gcj02(centre[1], centre[0])
    return lat, lon


def export_page(dataset: Dataset, filters: FilterState, view: View) -> str:
    """The current view as one standalone HTML page.

    A basemap key is never passed on: a file travels, so a keyed basemap
    falls back to no tiles (see :func:`countymap.map.basemaps.resolve`).
    No Streamlit calls in here: it runs on click, off the script thread.
    """
    return export_html(dataset, filters, view=view)


def export_button(filters: FilterState, view: View) -> None:
    """Offer the current filtered map as one standalone HTML file (built only on click), named by its filter."""
    dataset = data.dataset()
    download_button(
        st,
        t("export_html", view.lang),
        lambda: export_page(dataset, filters, view),
        export_name(filters, view.lang, "html", dataset.county.name(view.lang, short=True)),
        "text/html",
    )
