"""Projects table: the filtered items, sortable, with CSV / GeoJSON / Excel downloads."""

import streamlit as st

from countymap.app import page_table as ui_table
from countymap.app import shell as ui
from countymap.app import upload_panel as ui_upload
from countymap.app.filter_sidebar import filtered
from countymap.core.filters import totals
from countymap.text.strings import t

lang = ui.page_setup("page_table")
st.title(t("page_table", lang))
ui_upload.upload_section(lang)
state, result = filtered(lang)
ui.kpi_row(totals(result), lang)
if result.empty:
    st.info(t("no_results", lang))
ui_table.table(result, lang)
ui_table.downloads(result, lang)
