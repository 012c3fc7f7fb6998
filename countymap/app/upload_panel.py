"""Upload of an edited projects file (CSV in UTF-8/GBK, or XLSX), per user session."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from countymap.app import data
from countymap.app import state as session
from countymap.app.data import UPLOAD_KEY
from countymap.text.strings import t
from countymap.validation.isolated import check_upload_isolated
from countymap.validation.upload import UploadResult, browser_upload_mb, failed, max_upload_bytes
from countymap.validation.validate import problems_frame, too_large


def _reset() -> None:
    session.pop(UPLOAD_KEY, None)
    session.pop("upload_digest", None)


def upload_section(lang: str) -> None:
    """File picker, the problems table, and the switch back to the embedded data."""
    limit = max_upload_bytes()
    with st.expander(t("upload_title", lang), expanded=data.has_upload()):
        st.caption(t("upload_help", lang, mb=limit / 1024 / 1024))
        file = st.file_uploader(
            t("upload_title", lang),
            type=["csv", "xlsx"],
            key="projects_upload",
            max_upload_size=browser_upload_mb(limit),  # the browser refuses larger files
        )
        if file is not None:
            digest = f"{file.file_id}:{file.size}:{data.current().folder}"  # checked again in another county
            if session.get("upload_digest") != digest:
                session.put("upload_digest", digest)
                session.put(UPLOAD_KEY, data.upload_dataset(_check(file, limit)))
                _forget_bytes(file)
        if data.has_upload():
            _show_result(data.dataset().validation, lang)
            st.button(t("upload_reset", lang), on_click=_reset, key="upload_reset")


def _forget_bytes(file) -> None:
    """Drop the uploaded file's bytes from Streamlit's store once its Dataset is made.

    Streamlit keeps them until the session is shut down, which a closed tab's
    session never is (it is dropped after ``server.disconnectedSessionTTL``):
    every closed upload session left its file in memory. The uploader shows
    no file on the next run; the result and the reset button stay.
    """
    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.uploaded_file_mgr.remove_file(ctx.session_id, file.file_id)


def _check(file, limit: int) -> UploadResult:
    """Refuse a file above the limit by its size alone; check the others in a child process."""
    if file.size > limit:
        return failed([too_large(limit)])
    return check_upload_isolated(file.getvalue(), data.current().folder)  # against the current county's geodata


def _show_result(result, lang: str) -> None:
    shown = len(result.valid)
    message = t("upload_summary", lang, shown=shown, total=result.total_rows, problems=result.problem_count)
    (st.success if not result.problems else st.warning)(message)
    if result.problems:
        st.dataframe(problems_frame(result.problems, lang), hide_index=True, width="stretch")
