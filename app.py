"""Map page: filters in the sidebar, the map, the selected item, the list of what the map cannot draw.

Pages use Streamlit's ``pages/`` auto-discovery (not ``st.navigation``).
"""

import streamlit as st

from countymap.app import map_view, panels, shell
from countymap.app.filter_sidebar import filtered
from countymap.app.url_state import url_value
from countymap.core.stats import totals
from countymap.text.strings import t

lang = shell.page_setup("app_title")
st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))
state, result = filtered(lang)
panels.kpi_row(totals(result), lang)

view = map_view.view_controls(lang)
if view["presenter"]:
    map_view.presenter_css()

map_col, detail_col = st.columns([3, 2]) if not view["presenter"] else (st.container(), st.container())
with map_col:
    fmap = map_view.map_or_notice(result, lang, view, st.session_state.get("sel") or url_value("sel"))
    if fmap is not None:
        clicked = map_view.show(fmap, view)
        if clicked and clicked != st.session_state.get("sel"):
            st.session_state["sel"] = clicked
            st.rerun()
with detail_col:
    if result.empty:
        st.info(t("no_results", lang))
    selected = panels.project_picker(result, lang, url_value("sel"))
    if selected:
        panels.detail_panel(result.set_index("id", drop=False).loc[selected], lang)

panels.undrawn_list(result, lang)
map_view.export_button(result, state, lang, view)
