"""Upload of an edited projects file (CSV in UTF-8/GBK, or XLSX), per user session."""

from __future__ import annotations

import hashlib

import streamlit as st

from countymap.app import data
from countymap.app.data import UPLOAD_KEY
from countymap.text.strings import t
from countymap.validation.context import load_context
from countymap.validation.upload import check_upload, max_upload_bytes
from countymap.validation.validate import problems_frame


@st.cache_resource(show_spinner=False)
def validation_context():
    """Geodata names, ids and outline for checking uploads (shared, read-only)."""
    return load_context()


def _reset() -> None:
    st.session_state.pop(UPLOAD_KEY, None)
    st.session_state.pop("upload_digest", None)


def upload_section(lang: str) -> None:
    """File picker, the problems table, and the switch back to the embedded data."""
    with st.expander(t("upload_title", lang), expanded=data.has_upload()):
        st.caption(t("upload_help", lang, mb=max_upload_bytes() / 1024 / 1024))
        file = st.file_uploader(t("upload_title", lang), type=["csv", "xlsx"], key="projects_upload")
        if file is not None:
            content = file.getvalue()
            digest = hashlib.sha256(content).hexdigest()
            if st.session_state.get("upload_digest") != digest:
                st.session_state["upload_digest"] = digest
                st.session_state["upload_result"] = check_upload(content, validation_context())
                st.session_state[UPLOAD_KEY] = st.session_state["upload_result"].valid
            _show_result(st.session_state["upload_result"], lang)
        if data.has_upload():
            st.button(t("upload_reset", lang), on_click=_reset, key="upload_reset")


def _show_result(result, lang: str) -> None:
    shown = len(result.valid)
    message = t("upload_summary", lang, shown=shown, total=result.total_rows, problems=len(result.problems))
    (st.success if not result.problems else st.warning)(message)
    if result.problems:
        st.dataframe(problems_frame(result.problems), hide_index=True, use_container_width=True)
