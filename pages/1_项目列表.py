"""Projects table: the filtered items, sortable, with CSV / GeoJSON / Excel downloads."""

import streamlit as st

from countymap.app import data, page_table, panels, shell, upload_panel
from countymap.app.filter_sidebar import filtered
from countymap.core.filters import county_wide_reaching
from countymap.core.stats import totals
from countymap.text.strings import t

lang = shell.page_setup("page_table")
st.title(t("page_table", lang))
upload_panel.upload_section(lang)
filters, result = filtered(lang)
wide = county_wide_reaching(data.projects(), filters)  # county-wide items that reach a filtered township
panels.kpi_line(totals(result, data.projects()), lang)
if result.empty and wide.empty:
    st.info(t("no_results", lang))
page_table.table(result, lang)
panels.county_wide_list(filters, wide, lang)
page_table.downloads(result, filters, lang)
