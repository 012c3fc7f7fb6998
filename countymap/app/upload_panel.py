"""Upload of an edited projects file (CSV in UTF-8/GBK, or XLSX), per user session."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from countymap.text.strings import t
from countymap.validation.context import load_context
from countymap.validation.upload import check_upload, max_upload_bytes
from countymap.validation.validate import problems_frame

SESSION_KEY = "uploaded_projects"


def uploaded_projects() -> pd.DataFrame | None:
    """Return the rows this session uploaded, or ``None`` when it shows the embedded data."""
    return st.session_state.get(SESSION_KEY)


@st.cache_resource(show_spinner=False)
def _context():
    return load_context()


def _reset() -> None:
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop("upload_digest", None)


def upload_section(lang: str) -> None:
    """File picker, the problems table, and the switch back to the embedded data."""
    with st.expander(t("upload_title", lang), expanded=uploaded_projects() is not None):
        st.caption(t("upload_help", lang, mb=max_upload_bytes() / 1024 / 1024))
        file = st.file_uploader(t("upload_title", lang), type=["csv", "xlsx"], key="projects_upload")
        if file is not None:
            data = file.getvalue()
            digest = hashlib.sha256(data).hexdigest()
            if st.session_state.get("upload_digest") != digest:
                st.session_state["upload_digest"] = digest
                st.session_state["upload_result"] = check_upload(data, _context())
                st.session_state[SESSION_KEY] = st.session_state["upload_result"].valid
            _show_result(st.session_state["upload_result"], lang)
        if uploaded_projects() is not None:
            st.button(t("upload_reset", lang), on_click=_reset, key="upload_reset")


def _show_result(result, lang: str) -> None:
    shown = len(result.valid)
    message = t("upload_summary", lang, shown=shown, total=result.total_rows, problems=len(result.problems))
    (st.success if not result.problems else st.warning)(message)
    if result.problems:
        st.dataframe(problems_frame(result.problems), hide_index=True, use_container_width=True)
