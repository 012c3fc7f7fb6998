"""Map page: filters in the sidebar, the map, the selected item, the county-wide list.

Pages use Streamlit's ``pages/`` auto-discovery (not ``st.navigation``).
"""

import streamlit as st

from countymap.app import map_view as ui_map
from countymap.app import shell as ui
from countymap.app.filter_sidebar import filtered
from countymap.core.filters import totals
from countymap.text.strings import t

lang = ui.page_setup("app_title")
st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))
state, result = filtered(lang)
ui.kpi_row(totals(result), lang)

view = ui_map.view_controls(lang)
if view["presenter"]:
    ui_map.presenter_css()

map_col, detail_col = st.columns([3, 2]) if not view["presenter"] else (st.container(), st.container())
with map_col:
    fmap = ui_map.build(result, lang, view, st.session_state.get("sel") or ui.url_value("sel"))
    if fmap is not None:
        clicked = ui_map.show(fmap, view)
        if clicked and clicked != st.session_state.get("sel"):
            st.session_state["sel"] = clicked
            st.rerun()
with detail_col:
    if result.empty:
        st.info(t("no_results", lang))
    selected = ui.project_picker(result, lang, ui.url_value("sel"))
    if selected:
        ui.detail_panel(result.set_index("id", drop=False).loc[selected], lang)

ui.county_wide_list(result, lang)
ui_map.export_button(result, state, lang, view)
