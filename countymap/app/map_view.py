"""The map page's controls, the map itself and the click that selects an item or a township.

``streamlit_folium`` 0.27.4 reports a click as ``last_active_drawing``
(``layer.toGeoJSON()`` of the clicked layer, i.e. the GeoJSON feature *with
its properties*): an item carries its ``id``, a township badge its
``townships``. Returning only that key means pan and zoom do not rerun the
script.

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
from countymap.map.build import build_map
from countymap.map.export import export_html
from countymap.map.features import ProjectFeatures, project_features, write_table
from countymap.map.selection import Selection, selection_overlay, selection_view
from countymap.text.format import kind_label
from countymap.text.strings import t
from countymap.text.workbook import export_name

LOG = logging.getLogger(__name__)
FEATURE_CACHE_ENTRIES = 4  # filtered parts of a written table: lists of its features and a page string
MAP_HEIGHT = 600  # before the page's CSS stretches the map to the window
# Streamlit serves a declared component's folder; the map's iframe lives at
# /component/streamlit_folium.st_folium/, so a relative link reaches ours.
LEAFLET_COMPONENT = components.declare_component("leaflet_files", path=str(LEAFLET_SOURCE_DIR))
LEAFLET_URL = f"../{LEAFLET_COMPONENT.name}"


def tianditu_key() -> str | None:
    """The Tianditu key from ``$TIANDITU_KEY`` or secrets; never displayed."""
    return os.environ.get("TIANDITU_KEY") or data.secret("TIANDITU_KEY")


def measure_label(measure: str, lang: str) -> str:
    """What a badge or an area shows: the item count, or the amount of one investment kind."""
    return t("size_count", lang) if measure == "count" else kind_label(measure, lang)


def _seed_choice(key: str, options: tuple[str, ...] | list[str], default: str) -> None:
    value = url_value(key)
    seed(key, value if value in options else default)
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def view_controls(lang: str, measures: tuple[str, ...], where) -> dict:
    """Basemap, badge size and area shading in ``where`` (a popover), all mirrored in the URL.

    ``measures`` are what badges and areas can show: the count and each
    investment kind of the filtered items.
    """
    codes = available_basemaps(tianditu_key())
    shadings = ("", *measures)
    _seed_choice("basemap", codes, "none")
    _seed_choice("size", measures, "count")
    _seed_choice("shade", shadings, "")
    with where:
        basemap = st.selectbox(t("basemap", lang), codes, key="basemap", format_func=lambda c: basemap_label(c, lang))
        size_by = st.radio(t("size_by", lang), measures, key="size", format_func=lambda m: measure_label(m, lang))
        shade = st.radio(
            t("shade_by", lang),
            shadings,
            key="shade",
            format_func=lambda m: measure_label(m, lang) if m else t("shade_none", lang),
        )
    for key, value in (("basemap", basemap), ("size", size_by), ("shade", shade)):
        remember(key, value)
    set_param("basemap", None if basemap == "none" else basemap)
    set_param("size", None if size_by == "count" else size_by)
    set_param("shade", shade or None)
    return {"basemap": basemap, "size_by": size_by, "shading": shade}


def presenter_toggle(lang: str, where) -> bool:
    """The presenter-mode switch (kept in the URL as ``present=1``)."""
    seed("present", url_value("present") == "1")
    with where:
        present = st.container(key="cm_present_switch", width="content").toggle(t("presenter", lang), key="present")
    remember("present", present)
    set_param("present", "1" if present else None)
    return present


def presenter_css() -> None:
    """A projector: no sidebar or toolbar, a one-line title, the map filling the rest of the screen."""
    html_block(
        "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
        "[data-testid='collapsedControl'],[data-testid='stHeader'],[data-testid='stToolbar']{display:none !important}"
        ".block-container,[data-testid='stMainBlockContainer']{max-width:100% !important;"
        "padding:0.4rem 0.8rem 0 0.8rem !important}"
        "h1{font-size:1.9rem !important;margin:0 !important;padding:0.1rem 0 0.3rem 0 !important;"
        "white-space:nowrap;overflow:hidden;text-overflow:ellipsis}"
        ".st-key-cm_map iframe{height:calc(100vh - 5rem) !important}.cm-describe{display:none !important}"
        ".st-key-cm_presenter_lang{position:fixed;top:0.45rem;right:1rem;z-index:1000;width:auto !important;"
        "background:rgba(255,255,255,0.94);border-radius:8px;padding:0.1rem 0.6rem;gap:1rem}</style>"
    )


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


def map_or_notice(result: pd.DataFrame, lang: str, view: dict) -> folium.Map | None:
    """Build the folium map; if drawing fails, say so on the page (and log why) instead."""
    options = {
        "lang": lang,
        "basemap": view["basemap"],
        "size_by": view["size_by"],
        "shading": view.get("shading", ""),
        "presenter": view["presenter"],
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


def features_for(result: pd.DataFrame, lang: str, basemap: str) -> ProjectFeatures:
    """The placed, page-ready projects of ``result``, cached while data, filter, language and datum allow."""
    source = data.projects()
    to_gcj02 = needs_gcj02(resolve(basemap, tianditu_key()))
    key = _selection_key(source, result)
    if key is None:
        return project_features(result, data.geodata(), lang=lang, to_gcj02=to_gcj02)
    return _cached_features(key, data.geodata_version(), (lang, to_gcj02), _source=source, _result=result)[1]


def _map_for(result: pd.DataFrame, options: dict) -> folium.Map:
    """A fresh map each run; its project features are reused while data, filter and view allow."""
    features = features_for(result, options["lang"], options["basemap"])
    return build_map(result, data.geodata(), features=features, **options)


# Every entry holds a whole table's features in one language and datum (~0.3 GB at 200,000 items).
@st.cache_resource(show_spinner=False, max_entries=2)
def _written_table(source_id: int, geodata_version: float, view: tuple, *, _source) -> tuple:
    """Write the session's whole table for the page once per (table, geodata, language, datum)."""
    lang, to_gcj02 = view
    table = write_table(_source, data.geodata(), lang=lang, to_gcj02=to_gcj02, placement=data.placement())
    return _source, table


@st.cache_resource(show_spinner=False, max_entries=FEATURE_CACHE_ENTRIES)
def _cached_features(key: tuple, geodata_version: float, view: tuple, *, _source, _result) -> tuple:
    """The filtered part of the written table, once per (rows, geodata, language, datum).

    Only plain data is cached (see :class:`countymap.map.features.ProjectFeatures`),
    never a folium map: streamlit-folium mutates a map while rendering it. The
    entry keeps ``_source`` alive, so ``id(_source)`` in the key cannot be reused.
    """
    lang, to_gcj02 = view
    table = _written_table(id(_source), geodata_version, view, _source=_source)[1]
    return _source, project_features(_result, data.geodata(), lang=lang, to_gcj02=to_gcj02, table=table)


def show(
    fmap: folium.Map, view: dict, selection: Selection, *, key: str = "map", height: int = MAP_HEIGHT
) -> tuple[str, str] | None:
    """Display the map with the selection as an overlay; return a new click (see :func:`clicked`).

    The map's own script does not depend on the selection, so streamlit-folium
    keeps the same map and only swaps the overlay and moves the view. The main
    map (``key="map"``) is stretched to the window by the page's CSS.
    """
    to_gcj02 = needs_gcj02(resolve(view["basemap"], tianditu_key()))
    center, zoom = selection_view(selection, to_gcj02)
    with st.container(key=f"cm_{key}"):
        payload = st_folium(
            fmap,
            key=key,
            returned_objects=["last_active_drawing"],
            height=height,
            use_container_width=True,
            feature_group_to_add=selection_overlay(selection, to_gcj02),
            center=center,
            zoom=zoom,
        )
    event = clicked(payload)
    # The payload repeats the last click on every rerun: act on it only once.
    if event is None or payload == st.session_state.get(f"_last_click_{key}"):
        return None
    st.session_state[f"_last_click_{key}"] = payload
    return event


def export_page(
    projects: pd.DataFrame,
    state: FilterState,
    lang: str,
    view: dict,
    bundle: Geodata,
    whole: pd.DataFrame | None = None,
) -> str:
    """The current view (``projects``, the whole table, filtered by ``state``) as one standalone HTML page.

    A basemap key is never passed on: a file travels, so a keyed basemap
    falls back to no tiles (see :func:`countymap.map.basemaps.resolve`).
    No Streamlit calls in here: it runs on click, off the script thread.
    """
    options = {key: view[key] for key in ("basemap", "size_by", "presenter")}
    return export_html(projects, bundle, state, lang=lang, shading=view.get("shading", ""), whole=whole, **options)


def export_button(state: FilterState, lang: str, view: dict) -> None:
    """Offer the current filtered map as one standalone HTML file (built only on click), named by its filter."""
    # The whole table: the export filters it with ``state`` itself and also finds
    # the county-wide items that reach a filtered township there.
    bundle, whole, source = data.geodata(), data.placement(), data.projects()
    st.download_button(
        t("export_html", lang),
        lambda: export_page(source, state, lang, view, bundle, whole),
        file_name=export_name(state, lang, "html"),
        mime="text/html",
    )
