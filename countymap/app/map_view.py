"""The map page's controls, the map itself and the click that selects an item.

``streamlit_folium`` 0.27.4 reports a click as ``last_object_clicked`` (only
the lat/lng) and ``last_active_drawing`` (``layer.toGeoJSON()`` of the clicked
layer, i.e. the GeoJSON feature *with its properties*); the item id is read
from the latter. Returning only these two keys means pan and zoom do not rerun
the script.

Leaflet comes from the installed ``django-js-lib-leaflet`` package: its folder
is declared as a Streamlit component, so Streamlit serves its files at
``/component/<name>/`` and nothing is copied anywhere.
"""

from __future__ import annotations

import hashlib
import logging
import os

import folium
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from countymap.app import data
from countymap.app.shell import html_block
from countymap.app.url_state import remember, seed, set_param, url_value
from countymap.core.filters import FilterState
from countymap.core.geodata import Geodata
from countymap.map.assets import LEAFLET_SOURCE_DIR, localize_assets
from countymap.map.basemaps import available as available_basemaps
from countymap.map.basemaps import basemap_label, needs_gcj02, resolve
from countymap.map.build import ProjectFeatures, build_map, project_features
from countymap.map.export import export_html
from countymap.text.strings import t

LOG = logging.getLogger(__name__)
SIZE_OPTIONS = ("count", "investment")
FEATURE_CACHE_ENTRIES = 4  # 20,000 projects' features take ~50 MB
MAP_HEIGHT = 560
PRESENTER_HEIGHT = 760
# Streamlit serves a declared component's folder; the map's iframe lives at
# /component/streamlit_folium.st_folium/, so a relative link reaches ours.
LEAFLET_COMPONENT = components.declare_component("leaflet_files", path=str(LEAFLET_SOURCE_DIR))
LEAFLET_URL = f"../{LEAFLET_COMPONENT.name}"


def tianditu_key() -> str | None:
    """The Tianditu key from ``$TIANDITU_KEY`` or secrets; never displayed."""
    return os.environ.get("TIANDITU_KEY") or data.secret("TIANDITU_KEY")


def view_controls(lang: str) -> dict:
    """Basemap, marker size and presenter toggle, all mirrored in the URL."""
    codes = available_basemaps(tianditu_key())
    url_basemap = url_value("basemap")
    seed("basemap", url_basemap if url_basemap in codes else "none")
    seed("size", url_value("size") if url_value("size") in SIZE_OPTIONS else "count")
    seed("present", url_value("present") == "1")
    cols = st.columns([2, 2, 1])
    basemap = cols[0].selectbox(t("basemap", lang), codes, key="basemap", format_func=lambda c: basemap_label(c, lang))
    size_by = cols[1].radio(
        t("size_by", lang), SIZE_OPTIONS, key="size", horizontal=True, format_func=lambda s: t(f"size_{s}", lang)
    )
    present = cols[2].toggle(t("presenter", lang), key="present")
    for key, value in (("basemap", basemap), ("size", size_by), ("present", present)):
        remember(key, value)
    set_param("basemap", None if basemap == "none" else basemap)
    set_param("size", None if size_by == "count" else size_by)
    set_param("present", "1" if present else None)
    return {"basemap": basemap, "size_by": size_by, "presenter": present}


def presenter_css() -> None:
    """Hide the sidebar and enlarge the title for a projector."""
    html_block(
        "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "[data-testid='collapsedControl']{display:none !important}"
        "h1{font-size:2.6rem !important}.block-container{max-width:100% !important;"
        "padding-left:1rem;padding-right:1rem}</style>"
    )


def clicked_id(payload: dict | None) -> str | None:
    """The item id of a map click, from the clicked feature's properties."""
    if not payload:
        return None
    for key in ("last_active_drawing", "last_object_clicked"):
        feature = payload.get(key) or {}
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict) and props.get("id"):
            return str(props["id"])
    return None


def map_or_notice(result: pd.DataFrame, lang: str, view: dict, selected: str | None) -> folium.Map | None:
    """Build the folium map; if drawing fails, say so on the page (and log why) instead."""
    options = {
        "lang": lang,
        "basemap": view["basemap"],
        "size_by": view["size_by"],
        "presenter": view["presenter"],
        "selected_id": selected,
        "tianditu_key": tianditu_key(),
    }
    try:
        return localize_assets(_map_for(result, options), LEAFLET_URL)
    except Exception as exc:  # a drawing bug must not take the list and filters down with it
        LOG.exception("the map could not be drawn")
        st.error(t("map_failed", lang, err=type(exc).__name__))
        return None


def _selection_key(source: pd.DataFrame, result: pd.DataFrame) -> tuple | None:
    """Which rows of ``source`` the filtered ``result`` holds, or ``None`` if that cannot be told.

    ``result`` is ``source[mask]`` (see :func:`countymap.app.filter_sidebar.filtered`), so
    the source's identity and the kept index labels determine it completely.
    """
    if not (source.index.is_unique and result.index.dtype.kind == "i" and result.columns.equals(source.columns)):
        return None
    digest = hashlib.blake2b(result.index.to_numpy().tobytes(), digest_size=16).hexdigest()
    return id(source), len(result), digest


def _map_for(result: pd.DataFrame, options: dict) -> folium.Map:
    """A fresh map each run; its project features are reused while data, filter and view allow."""
    source, bundle = data.projects(), data.geodata()
    key = _selection_key(source, result)
    features = None
    if key is not None:
        to_gcj02 = needs_gcj02(resolve(options["basemap"], options["tianditu_key"]))
        view = (options["lang"], options["selected_id"], to_gcj02)
        features = _cached_features(key, data.geodata_version(), view, _source=source, _result=result)[1]
    return build_map(result, bundle, features=features, **options)


@st.cache_resource(show_spinner=False, max_entries=FEATURE_CACHE_ENTRIES)
def _cached_features(key: tuple, geodata_version: float, view: tuple, *, _source, _result) -> tuple:
    """Place the projects and write their page data once per (rows, geodata, language, selection, datum).

    Only plain data is cached (see :class:`countymap.map.build.ProjectFeatures`),
    never a folium map: streamlit-folium mutates a map while rendering it. The
    entry keeps ``_source`` alive, so ``id(_source)`` in the key cannot be reused.
    """
    lang, selected_id, to_gcj02 = view
    features: ProjectFeatures = project_features(
        _result, data.geodata(), lang=lang, selected_id=selected_id, to_gcj02=to_gcj02
    )
    return _source, features


def show(fmap: folium.Map, view: dict) -> str | None:
    """Display the map; return a newly clicked item id (``None`` if no new click)."""
    payload = st_folium(
        fmap,
        key="map",
        returned_objects=["last_object_clicked", "last_active_drawing"],
        height=PRESENTER_HEIGHT if view["presenter"] else MAP_HEIGHT,
        use_container_width=True,
    )
    new_id = clicked_id(payload)
    # The payload repeats the last click on every rerun: act on it only once.
    if new_id is None or payload == st.session_state.get("_last_click"):
        return None
    st.session_state["_last_click"] = payload
    return new_id


def export_page(result: pd.DataFrame, state: FilterState, lang: str, view: dict, bundle: Geodata) -> str:
    """The current view as one standalone HTML page.

    A basemap key is never passed on: a file travels, so a keyed basemap
    falls back to no tiles (see :func:`countymap.map.basemaps.resolve`).
    No Streamlit calls in here: it runs on click, off the script thread.
    """
    options = {"lang": lang, "basemap": view["basemap"], "size_by": view["size_by"], "presenter": view["presenter"]}
    return export_html(result, bundle, state, **options)


def export_button(result: pd.DataFrame, state: FilterState, lang: str, view: dict) -> None:
    """Offer the current filtered map as one standalone HTML file (built only on click)."""
    bundle = data.geodata()
    st.download_button(
        t("export_html", lang),
        lambda: export_page(result, state, lang, view, bundle),
        file_name="youyang-map.html",
        mime="text/html",
    )
