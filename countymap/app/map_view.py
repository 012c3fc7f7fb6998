"""The map page's controls, the map itself and the click that selects an item.

``streamlit_folium`` 0.27.4 reports a click as ``last_object_clicked`` (only
the lat/lng) and ``last_active_drawing`` (``layer.toGeoJSON()`` of the clicked
layer, i.e. the GeoJSON feature *with its properties*); the item id is read
from the latter. Returning only these two keys means pan and zoom do not rerun
the script.
"""

from __future__ import annotations

import hashlib
import os

import pandas as pd
import streamlit as st

from countymap.app import shell as ui
from countymap.config import REPO_ROOT, data_dir
from countymap.text.strings import t

try:
    from countymap.map.basemaps import available as available_basemaps
    from countymap.map.basemaps import basemap_label
except ImportError:  # pragma: no cover - written by another helper

    def available_basemaps(tianditu_key: str | None = None) -> list[str]:
        """Only the offline mode when the basemap module is missing."""
        return ["none"]

    def basemap_label(code: str, lang: str = "zh") -> str:
        """Fallback label."""
        return t("basemap_none", lang)


SIZE_OPTIONS = ("count", "investment")
FEATURE_CACHE_ENTRIES = 4  # 20,000 projects' features take ~50 MB
MAP_HEIGHT = 560
PRESENTER_HEIGHT = 760


def tianditu_key() -> str | None:
    """The Tianditu key from ``$TIANDITU_KEY`` or secrets; never displayed."""
    return os.environ.get("TIANDITU_KEY") or ui.secret("TIANDITU_KEY")


def view_controls(lang: str) -> dict:
    """Basemap, marker size and presenter toggle, all mirrored in the URL."""
    codes = available_basemaps(tianditu_key())
    url_basemap = ui.url_value("basemap")
    ui.seed("basemap", url_basemap if url_basemap in codes else "none")
    ui.seed("size", ui.url_value("size") if ui.url_value("size") in SIZE_OPTIONS else "count")
    ui.seed("present", ui.url_value("present") == "1")
    cols = st.columns([2, 2, 1])
    basemap = cols[0].selectbox(t("basemap", lang), codes, key="basemap", format_func=lambda c: basemap_label(c, lang))
    size_by = cols[1].radio(
        t("size_by", lang), SIZE_OPTIONS, key="size", horizontal=True, format_func=lambda s: t(f"size_{s}", lang)
    )
    present = cols[2].toggle(t("presenter", lang), key="present")
    for key, value in (("basemap", basemap), ("size", size_by), ("present", present)):
        ui.remember(key, value)
    ui.set_param("basemap", None if basemap == "none" else basemap)
    ui.set_param("size", None if size_by == "count" else size_by)
    ui.set_param("present", "1" if present else None)
    return {"basemap": basemap, "size_by": size_by, "presenter": present}


def presenter_css() -> None:
    """Hide the sidebar and enlarge the title for a projector."""
    ui.html_block(
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


def build(result: pd.DataFrame, lang: str, view: dict, selected: str | None):
    """Build the folium map, or explain in the page why there is none."""
    bundle = ui.geodata()
    if bundle is None:
        st.warning(t("geodata_missing", lang))
        return None
    options = {
        "lang": lang,
        "basemap": view["basemap"],
        "size_by": view["size_by"],
        "presenter": view["presenter"],
        "selected_id": selected,
        "tianditu_key": tianditu_key(),
    }
    try:
        return _map_for(result, bundle, options)
    except Exception as exc:  # a drawing bug must not take the list and filters down with it
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


def _map_for(result: pd.DataFrame, bundle, options: dict):
    """A fresh map each run; its project features are reused while data, filter and view allow."""
    from countymap.map.basemaps import needs_gcj02, resolve
    from countymap.map.build import build_map

    source = ui.projects()
    key = _selection_key(source, result)
    features = None
    if key is not None:
        to_gcj02 = needs_gcj02(resolve(options["basemap"], options["tianditu_key"]))
        folder = data_dir() / "geodata"
        geodata_version = max((p.stat().st_mtime for p in folder.iterdir()), default=0.0)
        view = (options["lang"], options["selected_id"], to_gcj02)
        features = _cached_features(key, geodata_version, view, _source=source, _result=result, _bundle=bundle)[1]
    return _local_assets(build_map(result, bundle, features=features, **options))


@st.cache_resource(show_spinner=False, max_entries=FEATURE_CACHE_ENTRIES)
def _cached_features(key: tuple, geodata_version: float, view: tuple, *, _source, _result, _bundle):
    """Place the projects and write their page data once per (rows, geodata, language, selection, datum).

    Only plain data is cached (see :class:`countymap.map.build.ProjectFeatures`),
    never a folium map: streamlit-folium mutates a map while rendering it. The
    entry keeps ``_source`` alive, so ``id(_source)`` in the key cannot be reused.
    """
    from countymap.map.build import project_features

    lang, selected_id, to_gcj02 = view
    return _source, project_features(_result, _bundle, lang=lang, selected_id=selected_id, to_gcj02=to_gcj02)


@st.cache_resource(show_spinner=False)
def _static_ready() -> bool:
    """Copy Leaflet into ``static/`` once per server process (the map must not need a CDN)."""
    from countymap.map.assets import ensure_static_assets

    ensure_static_assets(REPO_ROOT / "static")
    return True


def _local_assets(fmap):
    """Point the map's JS/CSS at ``/app/static/leaflet`` (served by Streamlit)."""
    try:
        from countymap.map.assets import localize_assets
    except ImportError:  # pragma: no cover - assets.py is written by another helper
        return fmap
    _static_ready()
    return localize_assets(fmap)


def show(fmap, view: dict) -> str | None:
    """Display the map; return a newly clicked item id (``None`` if no new click)."""
    from streamlit_folium import st_folium

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


def export_button(result: pd.DataFrame, state, lang: str, view: dict) -> None:
    """Offer the current filtered map as one standalone HTML file (built only on click)."""
    try:
        from countymap.map.export import export_html
    except ImportError:
        st.caption(t("export_unavailable", lang))
        return
    bundle = ui.geodata()
    if bundle is None:
        return

    def page() -> str:
        # Runs on click, off the script thread: no Streamlit calls in here.
        return export_html(
            result,
            bundle,
            state,
            lang=lang,
            basemap=view["basemap"],
            size_by=view["size_by"],
            presenter=view["presenter"],
        )

    st.download_button(t("export_html", lang), page, file_name="youyang-map.html", mime="text/html")
