"""About the data: sources, precision levels, status rules, how to read the map, provenance."""

import streamlit as st

from countymap import ui, ui_about
from countymap.i18n import t

lang = ui.page_setup("page_about")
st.title(t("page_about", lang))
ui_about.reading(lang)
ui_about.precision_levels(lang)
ui_about.status_rules(lang)
ui_about.sources(lang)
ui_about.provenance(lang)
