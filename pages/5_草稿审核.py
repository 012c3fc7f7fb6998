"""Review drafts: a new report's candidate items, accepted, edited or rejected, downloaded as a projects file."""

import streamlit as st

from countymap.app import page_review, shell
from countymap.text.strings import t

lang = shell.page_setup("page_review")
st.title(t("page_review", lang))
page_review.review(lang)
