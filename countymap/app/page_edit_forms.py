"""The editing page's forms: one change at a time, with its effective date and evidence, saved with every check.

A form remembers the item's latest update when it opened (``based_on``); a save
that finds a newer one is refused and shows it (:class:`countymap.living.ConflictError`),
then the form starts again from the newer state. Every refusal is said in the
reader's language (each :class:`countymap.living.Problem` comes from the string table).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from countymap import living
from countymap.app import data, page_edit_map, state
from countymap.app.edit_session import token
from countymap.app.shell import esc, html_block
from countymap.living.place import geodata_check
from countymap.living.values import EARLIEST_DATE, MAX_EVIDENCE, MAX_FUTURE_DAYS, MAX_NOTE, MIN_CITATION, NAME_LIMITS
from countymap.schema import INVESTMENT_KINDS, MILESTONES, PRECISIONS, STATUSES, UPDATE_FIELDS, label
from countymap.text.format import join_labels, township_label, update_value
from countymap.text.strings import t

BASED_ON_KEY = "edit_based_on"  # (item id, its latest update id when the form opened)
KIND_KEY = "edit_kind"


def based_on(db: living.Database, item: str) -> int | None:
    """The item's latest update when its form opened (read again when another item is picked)."""
    kept = state.get(BASED_ON_KEY)
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == item):
        kept = (item, living.latest_update_of(db, item))
        state.put(BASED_ON_KEY, kept)
    return kept[1]


def item_editor(db: living.Database, item: str, lang: str) -> None:
    """The item's current state, a choice of what to record, that change's form, then the item's updates."""
    view = data.living_view()
    if view is None:
        return
    row = view.dataset.table.set_index("id", drop=False).loc[item]
    current_state_table(row, lang)
    kind = st.radio(
        t("ed_kind", lang), tuple(UPDATE_FIELDS), key=KIND_KEY, horizontal=True,
        format_func=lambda f: label(UPDATE_FIELDS, f, lang),
    )  # fmt: skip
    start = based_on(db, item)
    value = page_edit_map.site_picker(lang) if kind == "site" else None
    with st.form(f"ed_form_{kind}", clear_on_submit=False):
        if kind != "site":
            value = VALUE_INPUTS[kind](row, lang)
        day = st.date_input(t("ed_date", lang), value=dt.date.today(), min_value=EARLIEST_DATE, key="ed_date",
                            max_value=dt.date.today() + dt.timedelta(days=MAX_FUTURE_DAYS))  # fmt: skip
        evidence = st.text_input(
            t("ed_evidence", lang), max_chars=MAX_EVIDENCE, key="ed_evidence",
            help=t("ed_evidence_help", lang, min=MIN_CITATION, max=MAX_EVIDENCE),
        )  # fmt: skip
        corrects = st.text_input(t("ed_corrects", lang), max_chars=12, key="ed_corrects")
        submitted = st.form_submit_button(t("ed_save", lang), key="ed_save")
    if submitted:
        save(db, living.Change(item, kind, value, day, evidence.strip(), _update_number(corrects)), start, lang)
    with st.expander(t("ed_history", lang)):
        frame = living.history_frame(living.history(db, item, public=False), lang, living.report_dates(db))
        st.dataframe(frame, hide_index=True)


def _update_number(text: str) -> int | str | None:
    """The corrected update's number; text that is no number goes on as it is (the save refuses it, saying why)."""
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else text


def save(db: living.Database, change: living.Change, start: int | None, lang: str) -> None:
    """Save ``change`` for the session's editor, asked of the database now; say what happened."""
    try:
        living.account_for(db, token())  # re-checked at the moment the action runs
        record = living.save_update(db, token(), change, start, extra_check=geodata_check(data.geodata()))
    except living.AccessError as error:
        st.error(f"{t('ed_refused', lang)} {error.problem.message(lang)}")
    except living.InvalidChangeError as error:
        st.error(t("ed_refused", lang) + "\n\n" + "\n".join(f"- {p.message(lang)}" for p in error.problems))
    except living.ConflictError as error:
        st.error(f"{t('ed_refused', lang)} {error.problem.message(lang)}")
        _show_newer(error.newer, lang)
        state.pop(BASED_ON_KEY)  # the next form starts from the newer state
    else:
        state.put(BASED_ON_KEY, (change.item_id, record.update_id))
        page_edit_map.forget_points()
        st.success(t("ed_saved", lang, n=record.update_id))


def _show_newer(newer: list[living.UpdateRecord], lang: str) -> None:
    html_block(f"<p>{esc(t('ed_conflict_newer', lang))}</p>")
    rows = "".join(
        f"<li>{esc(r.effective_date.isoformat())} {esc(label(UPDATE_FIELDS, r.field, lang))}: "
        f"{esc(update_value(r.field, r.value, lang))} ({esc(r.evidence)}, {esc(r.editor or '')})</li>"
        for r in newer
    )
    html_block(f'<ul class="cm-conflict">{rows}</ul>')


def current_state_table(row, lang: str) -> None:
    """The item as of now (the latest state): what an editor changes from."""
    progress = "" if not row.get("progress_date") else f"{row['progress_percent']:.0f}% ({row['progress_date']})"
    facts = [
        (t("d_status", lang), label(STATUSES, row["status"], lang) if row["status"] else t("none", lang)),
        (label(UPDATE_FIELDS, "milestone", lang), label(MILESTONES, row.get("milestone") or "", lang)),
        (label(UPDATE_FIELDS, "progress", lang), progress),
        (t("d_precision", lang), label(PRECISIONS, row["precision"], lang)),
        (t("d_townships", lang), join_labels([township_label(n, lang) for n in row["townships"]], lang)),
    ]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts if v)
    html_block(f'<div class="cm-detail"><b>{esc(t("ed_current", lang))}</b><table>{body}</table></div>')


def _status(row, lang: str) -> str:
    codes = tuple(STATUSES)
    start = codes.index(row["status"]) if row["status"] in codes else 0
    return st.selectbox(
        t("ed_status", lang), codes, index=start, key="ed_status", format_func=lambda c: label(STATUSES, c, lang)
    )


def _milestone(row, lang: str) -> str:
    return st.selectbox(t("ed_milestone", lang), tuple(MILESTONES), format_func=lambda c: label(MILESTONES, c, lang))


def _progress(row, lang: str) -> int:
    return int(st.number_input(t("ed_progress", lang), min_value=0, max_value=100, value=0, step=5))


def _townships(row, lang: str) -> list[str]:
    names = tuple(data.geodata().seats["name_zh"])
    start = [n for n in row["townships"] if n in names]
    return st.multiselect(t("ed_townships", lang), names, default=start, format_func=lambda n: township_label(n, lang))


def _amount(row, lang: str) -> dict:
    yi = st.number_input(label(UPDATE_FIELDS, "amount", lang), min_value=0.0, max_value=100_000.0, value=0.0)
    kind = st.selectbox(t("d_investment", lang), tuple(INVESTMENT_KINDS),
                        format_func=lambda k: label(INVESTMENT_KINDS, k, lang))  # fmt: skip
    return {"yi": float(yi), "kind": kind}


def _name(row, lang: str) -> dict:
    zh = st.text_input(t("ed_name_zh", lang), value=row["name_zh"], max_chars=NAME_LIMITS["name_zh"])
    en = st.text_input(t("ed_name_en", lang), value=row["name_en"] or "", max_chars=NAME_LIMITS["name_en"])
    return {key: text.strip() for key, text in (("zh", zh), ("en", en)) if text.strip()}


def _note(row, lang: str) -> str:
    return st.text_area(t("ed_note", lang), max_chars=MAX_NOTE).strip()


VALUE_INPUTS = {
    "status": _status,
    "milestone": _milestone,
    "progress": _progress,
    "townships": _townships,
    "amount": _amount,
    "name": _name,
    "note": _note,
}
