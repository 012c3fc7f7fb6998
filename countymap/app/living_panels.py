"""What the public sees of the living map: the "latest / as in the report" switch, the "as of" line, timelines.

Public pages never name an editor: every update reads "county editor" and its date
(:func:`countymap.living.history` with ``public=True``).
"""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from countymap import living
from countymap.app import data, edit_session, living_data, selection, state
from countymap.app.shell import esc, html_block
from countymap.living.overdue import last_year, overdue_mask
from countymap.map.view import AS_OF_LATEST, AS_OF_REPORT, SETTING, Choices
from countymap.schema import UPDATE_FIELDS, label
from countymap.text.format import item_names, labelled, update_value
from countymap.text.strings import t

AS_OF = living_data.AS_OF
EDIT_PAGE = "pages/6_编辑.py"
MAX_CHANGES_LISTED = 500  # newest first; the history export has them all
MAX_TOWNSHIP_UPDATES = 20


def as_of_switch(lang: str, where) -> str:
    """The switch between the latest state and the report's (``as_of`` in the link); the state shown.

    Without a database holding an edition there is only the report: no switch, and :func:`as_of_note` says why.
    """
    options = AS_OF.allowed(Choices())
    draw = functools.partial(
        where.radio,
        t(AS_OF.label_key, lang),
        options,
        key=AS_OF.param,
        format_func=functools.partial(AS_OF.option_label, lang=lang),
        horizontal=True,
    )
    ready = data.living_here() and living_data.status() == living_data.READY
    chosen = state.bind_view(AS_OF, Choices(), draw if ready else None)
    return chosen if ready else AS_OF_REPORT


def as_of_note(lang: str) -> None:
    """One line beside the map: which state it shows and as of when (or why there is no latest state).

    Another county than the first shows its report: the database holds one county's editions.
    The page puts it beside the map (in presenter mode, in the top bar): a line above the
    window-high map would push the map's lower edge off the screen.
    """
    identity = data.identity(lang)
    why = living_data.status()
    if why and data.living_here():
        st.caption(t(why, lang))
        return
    if showing_latest():
        view = data.living_view()
        if view is not None and view.newest:
            text = t("lvp_latest_note", lang, date=view.newest, n=view.updates)
        else:
            text = t("lvp_latest_none", lang, date=shown_report_date())
    else:
        text = t("lvp_report_note", lang, year=identity.get("year", ""), date=identity.get("date", ""))
    shown = AS_OF_LATEST if showing_latest() else AS_OF_REPORT
    html_block(f'<p class="cm-as-of" data-as-of="{esc(shown)}">{esc(text)}</p>')


def shown_report_date() -> str:
    """The date of the report the shown items come from (a newer edition's own; its year when not known)."""
    edition = data.dataset().edition
    return edition.report_date or str(edition.year)


def _evidence_html(evidence: str) -> str:
    """A link for an http(s) evidence (the only scheme a save accepts), else the citation as text."""
    if evidence.startswith(("http://", "https://")):
        return f'<a href="{esc(evidence)}" target="_blank" rel="noopener noreferrer">{esc(evidence)}</a>'
    return esc(evidence)


def timeline_rows(
    records: list[living.UpdateRecord], lang: str, names: dict[str, str] | None = None, dated: dict | None = None
) -> list[str]:
    """One HTML line per update, in the order given; one that no longer counts says so.

    A corrected update is struck through; one older than the shown edition's report for a field that report
    states is marked superseded by it (``dated``: the shown edition and its report date,
    :func:`countymap.living.superseded_by`). ``names`` (item id -> name) puts each item's name first.
    """
    corrected_by = {r.corrects: r.update_id for r in records if r.corrects is not None}
    rows = []
    for record in records:
        what = labelled(label(UPDATE_FIELDS, record.field, lang), update_value(record.field, record.value, lang), lang)
        body = (
            f"<b>{esc(record.effective_date.isoformat())}</b> {esc(what)}"
            f" · {esc(t('lvp_evidence', lang))}: {_evidence_html(record.evidence)}"
            f" · {esc(t('lv_county_editor', lang))} · {esc(t('lvp_update_no', lang, n=record.update_id))}"
        )
        if names is not None:
            body = f"<b>{esc(names.get(record.item_id, record.item_id))}</b> · {body}"
        later = corrected_by.get(record.update_id)
        newer_report = living.superseded_by(record.field, record.effective_date, dated or {})
        if later is not None:
            body = f"<s>{body}</s> <i>({esc(t('lvp_corrected', lang, n=later))})</i>"
        elif newer_report:
            body = f'<span class="cm-superseded">{body} <i>({esc(t("lvp_superseded", lang, year=newer_report))})</i></span>'
        rows.append(f'<li data-update="{int(record.update_id)}" data-field="{esc(record.field)}">{body}</li>')
    return rows


def timeline(row: pd.Series, lang: str) -> None:
    """An item's timeline: the report, then each update with its date and evidence (latest view only)."""
    db = living_data.database()
    if db is None or not showing_latest():
        return
    overdue_badge(row, lang)
    edit_link(row, lang)
    records = living.history(db, str(row["id"]), public=True)
    report = f"<li>{esc(t('lvp_timeline_report', lang, date=shown_report_date()))}</li>"
    items = [report, *timeline_rows(records, lang, dated=_shown_dated())]
    empty = "" if records else f"<p>{esc(t('lvp_timeline_empty', lang))}</p>"
    html_block(f'<div class="cm-timeline"><b>{esc(t("lvp_timeline", lang))}</b><ul>{"".join(items)}</ul>{empty}</div>')


def _shown_dated() -> dict:
    """The shown edition and its report date as the database stores it (what decides which updates count)."""
    view = data.living_view()
    return {view.edition: view.report_date} if view is not None else {}


def edit_link(row: pd.Series, lang: str) -> None:
    """For a signed-in editor only (asked of the database): a link that opens this item on the editing page."""
    db = living_data.database()
    if db is None or edit_session.token() is None or not showing_latest():
        return
    if edit_session.current_account(db) is not None:
        st.page_link(EDIT_PAGE, label=t("ed_edit_item", lang), query_params={SETTING["item"].param: str(row["id"])})


def showing_latest() -> bool:
    """Whether this session shows the latest state (a database with an edition, and "latest" chosen)."""
    return data.living_here() and not living_data.status() and living_data.chosen() == AS_OF_LATEST


def overdue_badge(row: pd.Series, lang: str) -> None:
    """Say so when the item is overdue today (planned for a past year, no completion recorded)."""
    if not showing_latest() or not overdue_mask(pd.DataFrame([row]), dt.date.today()).iloc[0]:
        return
    note = t("lvp_overdue_note", lang, year=last_year(row["years"]))
    html_block(f'<p class="cm-overdue"><b>{esc(t("lvp_overdue", lang))}</b>: {esc(note)}</p>')


def _live(records: tuple[living.UpdateRecord, ...], ids: set[str]) -> list[living.UpdateRecord]:
    """The updates of ``ids`` that still count (a corrected one is no fact), newest first."""
    corrected = {r.corrects for r in records if r.corrects is not None}
    kept = [r for r in records if r.item_id in ids and r.update_id not in corrected]
    return sorted(kept, key=lambda r: (r.effective_date, r.update_id), reverse=True)


def changes_list(result: pd.DataFrame, lang: str) -> None:
    """The changes since the report of the filtered items, newest first; a row opens its item."""
    if not showing_latest():
        return
    # An update a newer report states otherwise is history (the item's timeline marks it), not a change since it.
    dated = _shown_dated()
    records = [
        record
        for record in _live(living_data.changes(), set(result["id"]))
        if not living.superseded_by(record.field, record.effective_date, dated)
    ]
    html_block(f'<h3 class="cm-list-title">{esc(t("lvp_changes", lang, n=len(records)))}</h3>')
    fields = st.multiselect(
        t("lvp_changes_field", lang), tuple(UPDATE_FIELDS), key="lvp_changes_field",
        format_func=lambda f: label(UPDATE_FIELDS, f, lang),
    )  # fmt: skip
    shown = [r for r in records if not fields or r.field in fields][:MAX_CHANGES_LISTED]
    if not shown:
        st.caption(t("lvp_changes_none", lang))
        return
    if len(records) > MAX_CHANGES_LISTED:
        st.caption(t("lvp_changes_more", lang, n=MAX_CHANGES_LISTED))
    names = dict(zip(result["id"], item_names(result, lang), strict=True))
    frame = pd.DataFrame(
        {
            t("ed_date", lang): [r.effective_date.isoformat() for r in shown],
            t("col_name", lang): [names.get(r.item_id, r.item_id) for r in shown],
            t("ed_kind", lang): [label(UPDATE_FIELDS, r.field, lang) for r in shown],
            t("lvp_value", lang): [update_value(r.field, r.value, lang) for r in shown],
            t("lvp_evidence", lang): [r.evidence for r in shown],
        }
    )
    event = st.dataframe(frame, hide_index=True, width="stretch", key="changes_list", on_select="rerun",
                         selection_mode="single-row")  # fmt: skip
    rows = event.selection.rows if event else []
    if rows:
        state.pop("changes_list")  # the list forgets the click; the selection keeps it
        selection.request("item", shown[rows[0]].item_id)


def township_updates(townships: tuple[str, ...], lang: str) -> None:
    """The newest updates of the items in ``townships`` (the township page), each with its date and evidence."""
    if not showing_latest():
        return
    table = data.projects()
    here = table[table["townships"].map(lambda towns: any(name in towns for name in townships))]
    records = _live(living_data.changes(), set(here["id"]))[:MAX_TOWNSHIP_UPDATES]
    st.subheader(t("lvp_township_updates", lang))
    if not records:
        st.caption(t("lvp_changes_none", lang))
        return
    names = dict(zip(here["id"], item_names(here, lang), strict=True))
    html_block(f'<ul class="cm-township-updates">{"".join(timeline_rows(records, lang, names, _shown_dated()))}</ul>')
