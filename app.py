"""Map page: search and settings, the map beside the selected item, the items the map cannot draw.

Pages use Streamlit's ``pages/`` auto-discovery (not ``st.navigation``).
"""

from dataclasses import replace

import streamlit as st

from countymap.app import data, living_panels, map_view, overview_page, panels, selection, shell
from countymap.app.filter_sidebar import filter_chips, filtered
from countymap.app.map_page import map_focus, presenting, selected_values
from countymap.core.filters import county_wide_reaching
from countymap.core.stats import totals
from countymap.text.strings import t

present = presenting()
floating = st.container(key="cm_presenter_lang", horizontal=True, vertical_alignment="center") if present else None
lang = shell.page_setup("app_title", floating=floating)
if data.overview():  # several counties loaded, none chosen: every county at once
    overview_page.show(lang)
    st.stop()
selection.apply_requested()
heading = st.empty()  # titled once the switch below has chosen the edition shown
# In presenter mode the controls keep their state in the (hidden) sidebar: the room sees only the map.
bar = st.sidebar if present else st.container(horizontal=True, vertical_alignment="bottom", key="cm_bar")
living_panels.as_of_switch(lang, bar)
shell.title(heading, "app_title", lang)
# The presenter's drawer holds the same filter widgets (the sidebar is hidden): filters change without leaving.
drawer = floating.popover(t("filters", lang), key="cm_filter_drawer") if present else None
filters, result = filtered(lang, search_where=drawer if present else bar, panel=drawer)
wide = county_wide_reaching(data.projects(), filters)  # county-wide items that reach a filtered township
choices = map_view.view_choices(result, every_item=present)
view = map_view.view_controls(lang, choices, bar.popover(t("map_settings", lang)))
map_view.presenter_toggle(lang, floating if present else bar)
if present:
    map_view.presenter_css()
    with floating:  # the room sees which state the map shows; a line above the map would push it off the screen
        living_panels.as_of_note(lang)
    item, township = selected_values(choices)
else:
    panels.kpi_line(totals(result, data.projects()), lang)
    map_col, detail_col = st.columns([5, 2], gap="medium")
    with detail_col:
        if result.empty and wide.empty:
            panels.nothing_found(filters, lang)
        item = panels.project_picker(result, lang, choices) or ""
        township = selection.township(choices) or ""
        if item:
            panels.detail_panel(result.set_index("id", drop=False).loc[item], lang)
        elif township:
            panels.township_panel(township, result, lang)
        if item or township:
            st.button(t("clear_selection", lang), on_click=selection.clear)
        panels.search_results(filters, result, lang)
        panels.county_wide_list(filters, wide, lang)
        living_panels.as_of_note(lang)  # beside the map, not above it: the map fills the window's height

with st.container() if present else map_col:
    # What the map shows, over its top edge (the room sees it too), and where a search's results are listed.
    filter_chips(filters, lang, tail=None if present else panels.results_below_link(filters, result, lang))
    # The selection, else what a search found, else the filtered townships: what the map fits and outlines.
    focus, found = map_focus(filters, result, item, township)
    view = map_view.bind_position(replace(view, presenter=present, item=item, township=township), choices, search=found)
    fmap = map_view.map_or_notice(filters, view)
    if fmap is not None:
        clicked = map_view.show(fmap, view, focus)
        if clicked:
            selection.request(*clicked)
if not present:
    panels.undrawn_list(filters, result, wide, lang)
    living_panels.changes_list(result, lang)
    map_view.export_button(filters, view)
