"""Review drafts: upload a new report text, accept, edit or reject each draft, download a projects file.

Everything lives in the editor's session (:mod:`countymap.app.state`); nothing is
written on the server. The drafting itself is :mod:`countymap.draft`.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from countymap.app import data
from countymap.app import state as session
from countymap.app.downloads import download_button
from countymap.app.review_publish import draft_context, publish_panel
from countymap.app.shell import esc, html_block
from countymap.core import report
from countymap.core.downloads import csv_bytes, schema_frame
from countymap.core.tables import TableError, decode_text
from countymap.draft.drafter import DRAFT_TIMEOUT_S, DraftError, draft_in_worker
from countymap.draft.previous import linked_ids, status_changes
from countymap.draft.review import ACCEPT, DECISIONS, PENDING, accepted, keep_edits, passage_html, sections_in_order
from countymap.schema import CATEGORIES, PRECISIONS, PROJECTS, STATUSES, label
from countymap.text.format import item_names, join_labels, report_section
from countymap.text.message import Message
from countymap.text.strings import t
from countymap.validation.validate import problems_frame, report_too_large, table_error_message, validate_frame

STATE = "review"
OPENED = "review_opened"  # section -> whether the editor has it open
TITLES = "review_titles"  # section -> (the title its expander shows, its expanded argument)
PASSAGES_HEIGHT = 320  # px: a long section's passages scroll, so its editor stays in view
PASSAGES_SHOWN = 100  # a real section has a few dozen drafts; a hostile text thousands (1 MB of HTML)
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
KEPT = ("decision", *EDITABLE)  # the columns the editor changes and the session keeps
SHOWN = (*KEPT, "confidence", "id")
VOCABULARIES = {"category": CATEGORIES, "status": STATUSES, "precision": PRECISIONS}
FIELDS = {spec.name: spec for spec in PROJECTS.fields}


def upload(lang: str) -> tuple[str, bytes] | None:
    """The uploaded report text and its bytes, or ``None`` (with a message when it is refused or unreadable)."""
    limit = report.REPORT_MAX_BYTES  # a few times this year's report: drafting time grows with the text
    label = t("review_upload", lang, kb=limit / 1024)
    # 1 MB is the smallest limit the browser can be asked to enforce; the size is checked before reading.
    file = st.file_uploader(label, type=["txt"], key="review_file", max_upload_size=1)
    if file is None:
        return None
    if file.size > limit:
        st.error(report_too_large(file.size, limit).text(lang))
        return None
    content = file.getvalue()
    try:
        return decode_text(content), content
    except TableError as exc:
        st.error(Message("review_bad_file", err=table_error_message(exc)).text(lang))
        return None


def drafts_for(raw: str, content: bytes, compare: bool) -> dict:
    """The session's review of this text: its drafts (with the editor's decisions) and their generation.

    The drafts are computed once per (file, comparison, county); a new computation gets a
    new generation, so the editors of the previous drafts are not reused for it.
    """
    key = (hashlib.sha256(content).hexdigest(), compare, data.current().county.adcode)  # drafted on its county
    state = session.get(STATE)
    if not state or state["key"] != key:
        previous = schema_frame(data.projects()) if compare else None
        # In a worker process: other visitors' pages do not wait for this text.
        frame, warnings = draft_in_worker(raw, data.current().geodata_dir, previous)
        frame.insert(0, "decision", PENDING)
        generation = state["generation"] + 1 if state else 0
        state = {"key": key, "drafts": frame, "generation": generation, "warnings": warnings}
        session.put(STATE, state)
    return state


def _header(name: str, lang: str) -> str:
    spec = FIELDS[name]
    return spec.doc_zh if lang == "zh" else spec.doc_en


def _column_config(lang: str) -> dict:
    """Headers in ``lang``; the cells hold codes, the select boxes show their labels in ``lang``."""
    config = {name: st.column_config.TextColumn(_header(name, lang), help=name) for name in EDITABLE}
    for name, vocab in VOCABULARIES.items():
        config[name] = st.column_config.SelectboxColumn(
            _header(name, lang),
            help=name,
            options=list(vocab),
            required=True,
            format_func=lambda code, vocab=vocab: label(vocab, code, lang),
        )
    config["decision"] = st.column_config.SelectboxColumn(
        t("review_decision", lang),
        options=list(DECISIONS),
        required=True,
        format_func=lambda code: t(f"decision_{code}", lang),
    )
    config["confidence"] = st.column_config.TextColumn(t("review_confidence", lang), disabled=True)
    config["id"] = st.column_config.TextColumn(t("col_id", lang), disabled=True)
    return config


def _expanded(section: str, title: str) -> bool:
    """The ``expanded`` argument of a section's expander.

    A stateful expander's identity follows its title and this argument. While the
    title stays, the argument stays, so a click does not make a new expander; a
    new title (the other language) makes a new one, opened as the editor left it.
    """
    titles = session.setdefault(TITLES, {})
    if titles.get(section, ("", False))[0] != title:
        titles[section] = (title, session.setdefault(OPENED, {}).get(section, False))
    return titles[section][1]


def _grid_data(state: dict, section: str, rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """The rows the section's editor starts from: the drafts as they were when the editor appeared.

    The editor shows these plus its own edits. Its data stays the same while it
    lives (no rerun redraws a cell under the editor's typing); when Streamlit has
    dropped its state (the editor left the page), it starts again from the drafts.
    """
    bases = state.setdefault("bases", {})
    if not session.has(key) or section not in bases:
        bases[section] = rows.copy()
    return bases[section]


def section_editor(section: str, rows: pd.DataFrame, state: dict, lang: str) -> pd.DataFrame:
    """One section: its passages with the matched words marked, and its drafts in an editor.

    Returns the section's rows as the editor shows them. The keys name neither
    the language nor a label, so switching the language keeps every edit.
    """
    title = t("review_section", lang, section=report_section(section, lang), n=len(rows))
    box_key, grid_key = f"review_section_{section}", f"review_editor_{state['generation']}_{section}"
    box = st.expander(title, _expanded(section, title), key=box_key, on_change="rerun")
    with box:
        st.caption(t("review_passages", lang))
        shown = rows.head(PASSAGES_SHOWN).to_dict("records")
        with st.container(height=PASSAGES_HEIGHT, border=False):
            html_block("".join(_passage(session.get("review_raw"), row, lang) for row in shown))
        if len(rows) > PASSAGES_SHOWN:
            st.caption(t("review_passages_cut", lang, shown=PASSAGES_SHOWN, n=len(rows)))
        # No form: every committed cell reruns the page, so the tally below and the
        # download always show what the grid shows (a form would hold edits until a save).
        edited = st.data_editor(
            _grid_data(state, section, rows, grid_key),
            column_order=SHOWN,
            column_config=_column_config(lang),
            disabled=[c for c in rows.columns if c not in KEPT],
            hide_index=True,
            key=grid_key,
        )
        counts = edited["decision"].value_counts()
        st.caption(t("review_tally", lang, **{code: int(counts.get(code, 0)) for code in DECISIONS}))
    session.get(OPENED)[section] = bool(box.open)
    return edited


def _passage(raw: str, row: dict, lang: str) -> str:
    """A draft's name and confidence, then the report's own words around it.

    The name is in ``lang`` (the report's Chinese name beside an English one);
    the passages are the report's words, quoted as they are (``cm-passage``).
    """
    name = row["name_zh"] if lang == "zh" or not row.get("name_en") else f"{row['name_en']} ({row['name_zh']})"
    note = t("review_confidence_note", lang, c=row["confidence"])
    return (
        f'<p style="margin:0 0 0.5rem 0"><b>{esc(name)}</b><span style="color:#666">{esc(note)}</span><br>'
        f'<span class="cm-passage">{passage_html(raw, row)}</span></p>'
    )


def changes(drafts: pd.DataFrame, lang: str) -> None:
    """Existing items that a draft speaks of: their status before and in the draft, side by side."""
    previous = schema_frame(data.projects())
    table = status_changes(drafts, previous)
    with st.expander(t("review_changes", lang), expanded=False):
        if table.empty:
            st.info(t("review_no_changes", lang))
            return
        table = table.sort_values("changed", ascending=False)
        items = previous.set_index("id").loc[table["id"]].reset_index()  # for the names in the reader's language
        st.dataframe(
            pd.DataFrame(
                {
                    t("col_name", lang): item_names(items, lang),
                    t("review_before", lang): [_status(s, lang) for s in table["status_before"]],
                    t("review_after", lang): [_status(s, lang) for s in table["status_draft"]],
                    t("d_years", lang): [
                        f"{_years(before, lang)} → {_years(after, lang)}"
                        for before, after in zip(table["years_before"], table["years_draft"], strict=True)
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
        )


def _status(code: str, lang: str) -> str:
    """A status's label; — for none (an enterprise has no status)."""
    return label(STATUSES, code, lang) if code else t("none", lang)


def _years(cell: str, lang: str) -> str:
    """``2022|2023`` as ``2022、2023`` / ``2022, 2023``; — for none."""
    return join_labels([year for year in str(cell).split("|") if year], lang) or t("none", lang)


def result(drafts: pd.DataFrame, lang: str) -> None:
    """The accepted rows: their problems, or the download of a projects file that passes ``validate``."""
    chosen = accepted(drafts)
    if chosen.empty:
        st.info(t("review_nothing", lang))
        return
    st.success(t("review_result", lang, n=len(chosen)))
    raw = session.get("review_raw")
    problems = validate_frame(chosen, PROJECTS, draft_context(raw))
    if problems:
        st.warning(t("review_problems", lang))
        st.dataframe(problems_frame(problems, lang), hide_index=True, width="stretch")
        return
    download_button(
        st, t("review_download", lang), csv_bytes(chosen), "projects-draft.csv", "text/csv", key="review_download"
    )
    publish_panel(chosen, linked_ids(drafts[drafts["decision"] == ACCEPT]), raw, lang)


def review(lang: str) -> None:
    """The whole page below its title."""
    st.caption(t("review_intro", lang))
    uploaded = upload(lang)
    if uploaded is None:
        if session.has(STATE):  # the uploader forgets its file when the editor leaves the page
            st.info(t("review_resume", lang, n=len(accepted(session.get(STATE)["drafts"]))))
        return
    raw, content = uploaded
    session.put("review_raw", raw)
    compare = st.checkbox(t("review_compare", lang), value=True, key="review_compare")
    try:
        state = drafts_for(raw, content, compare)
    except DraftError as exc:
        st.error(t(f"review_draft_{exc.failure}", lang, s=DRAFT_TIMEOUT_S))
        return
    for warning in state.get("warnings", ()):
        st.warning(t(f"review_{warning}", lang))
    drafts = state["drafts"]
    if drafts.empty:
        st.info(t("review_none", lang))
        return
    sections = sections_in_order(drafts)
    st.write(t("review_count", lang, n=len(drafts), s=len(sections)))
    if compare:
        changes(drafts, lang)
    first_section = drafts["source_section"].str.split("|").str[0]
    for section in sections:
        edited = section_editor(section, drafts[first_section == section], state, lang)
        # The session's drafts are the record of the editor's work: it outlives the grid's own
        # state, which Streamlit drops when the editor leaves the page.
        keep_edits(drafts, edited, KEPT)
    result(drafts, lang)
