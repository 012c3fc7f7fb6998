"""About the data: sources, precision levels, status rules, how to read the map, provenance."""

import streamlit as st

from countymap.app import page_about as ui_about
from countymap.app import shell as ui
from countymap.text.strings import t

lang = ui.page_setup("page_about")
st.title(t("page_about", lang))
ui_about.reading(lang)
ui_about.precision_levels(lang)
ui_about.status_rules(lang)
ui_about.sources(lang)
ui_about.provenance(lang)
