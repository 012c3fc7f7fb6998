"""One township: its seat on a small map, its items and totals, and what the report says."""

import streamlit as st

from countymap.app import page_township as ui_place
from countymap.app import shell as ui
from countymap.app.filter_sidebar import filtered
from countymap.core.filters import totals
from countymap.text.strings import t

lang = ui.page_setup("page_township")
st.title(t("page_township", lang))
township = ui_place.township_picker(lang)
state, result = filtered(lang, township=township)
ui.kpi_row(totals(result), lang)

seat_col, list_col = st.columns([2, 3])
with seat_col:
    ui_place.seat_map(township, result, lang)
with list_col:
    st.subheader(t("township_projects", lang))
    ui_place.item_list(result, lang)
ui_place.report_mentions(township, lang)
