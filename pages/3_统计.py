"""Headline figures from the report, and the filtered items by sector, status and township."""

import streamlit as st

from countymap.app import page_stats as ui_stats
from countymap.app import shell as ui
from countymap.app.filter_sidebar import filtered
from countymap.text.strings import t

lang = ui.page_setup("page_stats")
st.title(t("page_stats", lang))
ui_stats.headline(ui.indicators(), lang)
state, result = filtered(lang)
st.caption(t("year_note", lang))
ui_stats.charts(result, lang)
