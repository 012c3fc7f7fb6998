"""Projects table: the filtered items, sortable, with CSV / GeoJSON / Excel downloads."""

import streamlit as st

from countymap import ui, ui_table, ui_upload
from countymap.filters import totals
from countymap.i18n import t
from countymap.ui_filters import filtered

lang = ui.page_setup("page_table")
st.title(t("page_table", lang))
ui_upload.upload_section(lang)
state, result = filtered(lang)
ui.kpi_row(totals(result), lang)
if result.empty:
    st.info(t("no_results", lang))
ui_table.table(result, lang)
ui_table.downloads(result, lang)
