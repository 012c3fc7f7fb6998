"""One township: its seat on a small map, its items and totals, and what the report says."""

import streamlit as st

from countymap.app import data, living_panels, page_township, panels, selection, shell
from countymap.app.filter_sidebar import filtered
from countymap.core.filters import county_wide_reaching
from countymap.text.strings import t

lang = shell.page_setup("page_township")
selection.apply_requested()
st.title(t("page_township", lang))
township = page_township.township_picker(lang)
filters, result = filtered(lang, township=township)
page_township.township_totals(township, result, lang)

map_col, list_col = st.columns([3, 2])
with map_col:
    page_township.township_map(township, filters, lang)
with list_col:
    st.subheader(t("township_projects", lang))
    if result.empty:
        st.info(t("no_results", lang))
    else:
        panels.item_list(result, lang, key="township_items", status_first=True)  # a long name never hides them
        item = page_township.selected_item(result)
        if item is not None:
            panels.detail_panel(item, lang)
    panels.county_wide_list(filters, county_wide_reaching(data.projects(), filters), lang)
    living_panels.township_updates((township,), lang)
page_township.report_mentions(township, lang)
