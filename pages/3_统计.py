"""Headline figures from the report, and the filtered items by sector, status and township."""

import streamlit as st

from countymap.app import data, page_stats, shell
from countymap.app.filter_sidebar import filtered
from countymap.text.strings import t

lang = shell.page_setup("page_stats")
st.title(t("page_stats", lang))
page_stats.headline(data.indicators(), lang)
filters, result = filtered(lang)
st.caption(t("year_note", lang))
page_stats.charts(result, lang)
