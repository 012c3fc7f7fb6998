"""Headline figures from the report, and the filtered items by sector, status and township."""

import streamlit as st

from countymap import ui, ui_stats
from countymap.i18n import t
from countymap.ui_filters import filtered

lang = ui.page_setup("page_stats")
st.title(t("page_stats", lang))
ui_stats.headline(ui.indicators(), lang)
state, result = filtered(lang)
st.caption(t("year_note", lang))
ui_stats.charts(result, lang)
