"""Map page: search and settings, the map beside the selected item, the items the map cannot draw.

Pages use Streamlit's ``pages/`` auto-discovery (not ``st.navigation``).
"""

import streamlit as st

from countymap.app import data, map_view, panels, selection, shell
from countymap.app.filter_sidebar import filtered
from countymap.app.map_page import current_selection, presenting, selected_values
from countymap.core.aggregate import measures
from countymap.core.filters import county_wide_reaching
from countymap.core.stats import totals
from countymap.text.strings import t

present = presenting()
floating = st.container(key="cm_presenter_lang", horizontal=True, vertical_alignment="center") if present else None
lang = shell.page_setup("app_title", floating=floating)
selection.apply_requested()
st.title(t("app_title", lang))
# In presenter mode the controls keep their state in the (hidden) sidebar: the room sees only the map.
bar = st.sidebar if present else st.container(horizontal=True, vertical_alignment="bottom", key="cm_bar")
state, result = filtered(lang, search_where=bar)
wide = county_wide_reaching(data.projects(), state)  # county-wide items that reach a filtered township
view = {**map_view.view_controls(lang, measures(result), bar.popover(t("map_settings", lang))), "presenter": present}
map_view.presenter_toggle(lang, floating if present else bar)
if present:
    map_view.presenter_css()
    item, township = selected_values()
else:
    panels.kpi_line(totals(result, data.projects()), lang, wide=len(wide))
    map_col, detail_col = st.columns([5, 2], gap="medium")
    with detail_col:
        if result.empty and wide.empty:
            st.info(t("no_results", lang))
        item = panels.project_picker(result, lang) or ""
        township = selection.township(tuple(data.geodata().seats["name_zh"])) or ""
        if item:
            panels.detail_panel(result.set_index("id", drop=False).loc[item], lang)
        elif township:
            panels.township_panel(township, result, lang)
        if item or township:
            st.button(t("clear_selection", lang), on_click=selection.clear)
        panels.search_results(state, result, lang)
        panels.county_wide_list(state, wide, lang)

with st.container() if present else map_col:
    fmap = map_view.map_or_notice(result, lang, view)
    if fmap is not None:
        clicked = map_view.show(fmap, view, current_selection(result, lang, view, item, township))
        if clicked:
            selection.request(*clicked)
if not present:
    panels.undrawn_list(result, lang)
    map_view.export_button(state, lang, view)
