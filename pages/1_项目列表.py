"""Projects table: the filtered items, sortable, with CSV / GeoJSON / Excel downloads."""

import streamlit as st

from countymap.app import page_table, panels, shell, upload_panel
from countymap.app.filter_sidebar import filtered
from countymap.core.stats import totals
from countymap.text.strings import t

lang = shell.page_setup("page_table")
st.title(t("page_table", lang))
upload_panel.upload_section(lang)
state, result = filtered(lang)
panels.kpi_line(totals(result), lang)
if result.empty:
    st.info(t("no_results", lang))
page_table.table(result, lang)
page_table.downloads(result, lang)
