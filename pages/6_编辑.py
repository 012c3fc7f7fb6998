"""Editors: sign in, pick an item, record what happened since the report (admins also manage accounts)."""

import streamlit as st

from countymap.app import page_edit, shell
from countymap.text.strings import t

lang = shell.page_setup("page_edit")
st.title(t("page_edit", lang))
page_edit.editor_page(lang)
