"""About the data: sources, precision levels, status rules, how to read the map, provenance."""

import streamlit as st

from countymap.app import page_about, shell
from countymap.text.strings import t

lang = shell.page_setup("page_about")
st.title(t("page_about", lang))
page_about.reading(lang)
page_about.precision_levels(lang)
page_about.status_rules(lang)
page_about.sources(lang)
page_about.provenance(lang)
