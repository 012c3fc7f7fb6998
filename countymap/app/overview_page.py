"""The map page when several counties are loaded and none is chosen: every county at once.

One badge per county (:mod:`countymap.map.overview`), counted under the
sidebar's filters (the township filter and the search belong to one county's
page and are kept for it); a click on a badge, or on a county's name in the
list beside the map, opens that county; so does zooming into a county on the
map (:mod:`countymap.map.overview`).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from countymap.app import data, map_view, shell
from countymap.app.filter_sidebar import sidebar_filters
from countymap.core.overview import county_counts
from countymap.map.assets import localize_assets
from countymap.map.overview import overview_map
from countymap.map.selection import Selection
from countymap.map.view import DEFAULT_VIEW
from countymap.text.strings import t

ONE_COUNTY_FILTERS = frozenset({"townships", "query"})  # a township list and a search are one county's
MAP_KEY = "overview_map"  # its own: a county opened later starts from its own view, not the overview's


def show(lang: str) -> None:
    """Title, the counties' badges on the map and their list; a click opens the county."""
    st.title(t("overview_title", lang, n=len(data.counties())))
    filters = sidebar_filters(lang, hidden=ONE_COUNTY_FILTERS)
    counts = county_counts(data.every_dataset(), filters)
    st.caption(t("overview_caption", lang))
    map_col, list_col = st.columns([5, 2], gap="medium")
    with map_col:  # sent first: the browser starts the map's frame while the list is still on its way
        fmap = localize_assets(overview_map(counts, lang), map_view.LEAFLET_URL)
        view = replace(DEFAULT_VIEW, lang=lang)
        clicked = map_view.show(fmap, view, Selection(None, ()), key=MAP_KEY, returned=map_view.CLICK_ONLY)
    with list_col:
        st.subheader(t("overview_counties", lang))
        for count in counts:
            label = t("overview_open", lang, county=count.county.name(lang, short=True), n=count.count)
            st.button(
                label,
                key=f"open_{count.adcode}",
                help=count.county.name(lang),
                on_click=shell.request_county,
                args=(count.adcode,),
            )
    if clicked and clicked[0] == "township":  # a county's badge reports its code as its township
        shell.request_county(clicked[1])
        st.rerun()
