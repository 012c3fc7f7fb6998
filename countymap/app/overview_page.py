"""The map page when several counties are loaded and none is chosen: every county at once.

One badge per county (:mod:`countymap.map.overview`), counted under the
sidebar's filters (the township filter and the search belong to one county's
page and are kept for it); a click on a badge, or on a county's name in the
list beside the map, opens that county; so does zooming into a county on the
map (:mod:`countymap.map.overview`).

The map is a standalone page in a plain frame (``st.iframe``), not a
streamlit-folium component: it returns nothing to the script. A badge opens
its county by clicking that county's button in the list (the same callback).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import streamlit as st

from countymap.app import data, map_view, shell
from countymap.app.filter_sidebar import sidebar_filters
from countymap.core.overview import CountyCount, county_counts
from countymap.map.overview import OPEN_KEY_PREFIX, overview_page
from countymap.text.strings import t

ONE_COUNTY_FILTERS = frozenset({"townships", "query"})  # a township list and a search are one county's
MAP_KEY = "cm_overview_map"  # the frame's container (page.css, the tests and bench-counties find the map by it)
FRAME_SELECTOR = f".st-key-{MAP_KEY} iframe"
# Pages kept, each about 350 kB: a few filters in two languages. The same counts make the same page (its
# elements are named by place), so a new session's first view reuses it instead of building it again.
PAGES_KEPT = 8
_PAGES: OrderedDict[tuple, tuple[list[CountyCount], str]] = OrderedDict()
_PAGES_LOCK = threading.Lock()


def page_of(counts: list[CountyCount], lang: str) -> str:
    """:func:`overview_page` of ``counts`` in ``lang``, built once for the same counts of the same outlines.

    Building it took 30-70 ms of each new session's script run, before the map's frame could be sent, and
    left thousands of short-lived objects for the collector.
    """
    # The outline's identity stands for the loaded dataset (a reloaded one has a new outline); the cache
    # keeps ``counts``, so that identity is not reused while the entry lives.
    key = (lang, tuple((c.adcode, c.count, tuple(sorted(c.by_status.items())), id(c.outline)) for c in counts))
    with _PAGES_LOCK:
        if key in _PAGES:
            _PAGES.move_to_end(key)
            return _PAGES[key][1]
    page = overview_page(counts, lang)
    with _PAGES_LOCK:
        _PAGES[key] = (counts, page)
        while len(_PAGES) > PAGES_KEPT:
            _PAGES.popitem(last=False)
    return page


def show(lang: str) -> None:
    """Title, the counties' badges on the map and their list; a click opens the county."""
    st.title(t("overview_title", lang, n=len(data.counties())))
    filters = sidebar_filters(lang, hidden=ONE_COUNTY_FILTERS)
    counts = county_counts(data.every_dataset(), filters)
    st.caption(t("overview_caption", lang))
    map_col, list_col = st.columns([5, 2], gap="medium")
    with map_col, st.container(key=MAP_KEY):  # sent first: the browser starts the map while the list is on its way
        st.iframe(page_of(counts, lang), height=map_view.MAP_HEIGHT, alt=t("overview_title", lang, n=len(counts)))
    with list_col:
        st.subheader(t("overview_counties", lang))
        for count in counts:
            label = t("overview_open", lang, county=count.county.name(lang, short=True), n=count.count)
            st.button(
                label,
                key=f"{OPEN_KEY_PREFIX}{count.adcode}",  # the badge's click finds the button by it
                help=count.county.name(lang),
                on_click=shell.request_county,
                args=(count.adcode,),
            )
