"""Review drafts: upload a new report text, accept, edit or reject each draft, download a projects file.

Everything lives in the editor's session (``st.session_state``); nothing is
written on the server. The drafting itself is :mod:`countymap.draft`.
"""

from __future__ import annotations

import dataclasses
import hashlib

import pandas as pd
import streamlit as st

from countymap import config
from countymap.app import data
from countymap.app.shell import esc, html_block
from countymap.app.upload_panel import validation_context
from countymap.core.downloads import csv_bytes, schema_frame
from countymap.core.schema import CATEGORIES, PRECISIONS, PROJECTS, STATUSES, label
from countymap.core.tables import TableError, decode_bytes
from countymap.draft.drafter import draft
from countymap.draft.previous import status_changes
from countymap.draft.review import DECISIONS, PENDING, accepted, passage_html, sections_in_order
from countymap.text.strings import t
from countymap.validation.upload import max_upload_bytes
from countymap.validation.validate import problems_frame, validate_frame

STATE = "review"
# The editor writes the summaries first, so they come first after the decision.
EDITABLE = (
    "summary_zh",
    "summary_en",
    "name_zh",
    "category",
    "status",
    "years",
    "townships",
    "precision",
    "investment_yi",
    "quantity",
    "quantity_unit",
    "name_en",
)
SHOWN = ("decision", *EDITABLE, "confidence", "id")


def upload(lang: str) -> tuple[str, bytes] | None:
    """The uploaded report text and its bytes, or ``None`` (with a message when it cannot be read)."""
    limit = max_upload_bytes()
    file = st.file_uploader(t("review_upload", lang, mb=limit / 1024 / 1024), type=["txt"], key="review_file")
    if file is None:
        return None
    content = file.getvalue()
    try:
        if len(content) > limit:
            raise TableError(f"> {limit / 1024 / 1024:g} MB")
        return decode_bytes(content), content
    except TableError as exc:
        st.error(t("review_bad_file", lang, err=exc))
        return None


def drafts_for(raw: str, content: bytes, compare: bool) -> pd.DataFrame:
    """The drafts of this text, computed once per (file, comparison) and kept in the session."""
    key = (hashlib.sha256(content).hexdigest(), compare)
    state = st.session_state.get(STATE)
    if not state or state["key"] != key:
        previous = schema_frame(data.projects()) if compare else None
        frame = draft(raw, config.geodata_dir(), previous).frame
        frame.insert(0, "decision", PENDING)
        st.session_state[STATE] = {"key": key, "drafts": frame}
    return st.session_state[STATE]["drafts"]


def _decision_labels(lang: str) -> dict[str, str]:
    return {code: t(f"decision_{code}", lang) for code in DECISIONS}


def _column_config(lang: str) -> dict:
    def select(vocab: dict) -> st.column_config.SelectboxColumn:
        return st.column_config.SelectboxColumn(options=list(vocab), required=True)

    return {
        "decision": st.column_config.SelectboxColumn(
            t("review_decision", lang), options=list(_decision_labels(lang).values()), required=True
        ),
        "category": select(CATEGORIES),
        "status": select(STATUSES),
        "precision": select(PRECISIONS),
        "confidence": st.column_config.TextColumn(t("review_confidence", lang), disabled=True),
        "id": st.column_config.TextColumn("id", disabled=True),
    }


def section_editor(section: str, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One section: its passages with the matched words marked, and its drafts in an editor."""
    raw_text = st.session_state["review_raw"]
    with st.expander(t("review_section", lang, section=section, n=len(rows)), expanded=False):
        st.caption(t("review_passages", lang))
        html_block(
            "".join(
                f'<p style="margin:0 0 0.5rem 0"><b>{esc(row["name_zh"])}</b> '
                f'<span style="color:#666">({esc(row["confidence"])})</span><br>{passage_html(raw_text, row)}</p>'
                for row in rows.to_dict("records")
            )
        )
        labels = _decision_labels(lang)
        shown = rows.assign(decision=[labels[d] for d in rows["decision"]])
        # A form: edits are kept in the grid until the editor saves the section (no rerun per cell).
        with st.form(key=f"review_form_{lang}_{section}", border=False):
            edited = st.data_editor(
                shown,
                column_order=SHOWN,
                column_config=_column_config(lang),
                disabled=[c for c in rows.columns if c not in ("decision", *EDITABLE)],
                hide_index=True,
                key=f"review_editor_{lang}_{section}",
            )
            st.form_submit_button(t("review_save", lang))
    codes = {text: code for code, text in labels.items()}
    out = rows.copy()
    for column in edited.columns:
        out[column] = edited[column].to_numpy()
    out["decision"] = [codes.get(value, PENDING) for value in out["decision"]]
    return out


def changes(drafts: pd.DataFrame, lang: str) -> None:
    """Existing items that a draft speaks of: their status before and in the draft, side by side."""
    table = status_changes(drafts, schema_frame(data.projects()))
    with st.expander(t("review_changes", lang), expanded=False):
        if table.empty:
            st.info(t("review_no_changes", lang))
            return
        table = table.sort_values("changed", ascending=False)
        st.dataframe(
            pd.DataFrame(
                {
                    "id": table["id"],
                    t("col_name", lang): table["name_before"],
                    t("review_before", lang): [label(STATUSES, s, lang) for s in table["status_before"]],
                    t("review_after", lang): [label(STATUSES, s, lang) for s in table["status_draft"]],
                    t("d_years", lang): table["years_before"] + " → " + table["years_draft"],
                }
            ),
            hide_index=True,
            width="stretch",
        )


def result(edited: pd.DataFrame, lang: str) -> None:
    """The accepted rows: their problems, or the download of a projects file that passes ``validate``."""
    chosen = accepted(edited)
    if chosen.empty:
        st.info(t("review_nothing", lang))
        return
    st.success(t("review_result", lang, n=len(chosen)))
    context = dataclasses.replace(validation_context(), report_text=st.session_state["review_raw"])
    problems = validate_frame(chosen, PROJECTS, context)
    if problems:
        st.warning(t("review_problems", lang))
        st.dataframe(problems_frame(problems), hide_index=True, width="stretch")
        return
    st.download_button(
        t("review_download", lang), csv_bytes(chosen), "projects-draft.csv", "text/csv", key="review_download"
    )


def review(lang: str) -> None:
    """The whole page below its title."""
    st.caption(t("review_intro", lang))
    uploaded = upload(lang)
    if uploaded is None:
        return
    raw, content = uploaded
    st.session_state["review_raw"] = raw
    compare = st.checkbox(t("review_compare", lang), value=True, key="review_compare")
    drafts = drafts_for(raw, content, compare)
    if drafts.empty:
        st.info(t("review_none", lang))
        return
    sections = sections_in_order(drafts)
    st.write(t("review_count", lang, n=len(drafts), s=len(sections)))
    if compare:
        changes(drafts, lang)
    first_section = drafts["source_section"].str.split("|").str[0]
    edited = pd.concat([section_editor(section, drafts[first_section == section], lang) for section in sections])
    result(edited, lang)
