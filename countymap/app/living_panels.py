"""What the public sees of the living map: the "latest / as in the report" switch, the "as of" line, timelines.

Public pages never name an editor: every update reads "county editor" and its date
(:func:`countymap.living.history` with ``public=True``).
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from countymap import living
from countymap.app import data, living_data, state
from countymap.app.shell import esc, html_block
from countymap.map.view import AS_OF_LATEST, Choices
from countymap.schema import UPDATE_FIELDS, label
from countymap.text.format import update_value
from countymap.text.strings import t

AS_OF = living_data.AS_OF


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
    chosen = state.bind_view(AS_OF, Choices(), draw if living_data.status() == living_data.READY else None)
    return chosen if living_data.status() == living_data.READY else "report"


def as_of_note(lang: str) -> None:
    """One line above the map: which state it shows and as of when (or why there is no latest state)."""
    identity = data.identity(lang)
    why = living_data.status()
    if why:
        st.caption(t(why, lang))
        return
    if living_data.wants_latest():
        view = data.living_view()
        if view is not None and view.newest:
            text = t("lvp_latest_note", lang, date=view.newest, n=view.updates)
        else:
            text = t("lvp_latest_none", lang, date=identity.get("date", ""))
    else:
        text = t("lvp_report_note", lang, year=identity.get("year", ""), date=identity.get("date", ""))
    html_block(f'<p class="cm-as-of" data-as-of="{esc(living_data.chosen())}">{esc(text)}</p>')


def _evidence_html(evidence: str) -> str:
    """A link for an http(s) evidence (the only scheme a save accepts), else the citation as text."""
    if evidence.startswith(("http://", "https://")):
        return f'<a href="{esc(evidence)}" target="_blank" rel="noopener noreferrer">{esc(evidence)}</a>'
    return esc(evidence)


def timeline_rows(records: list[living.UpdateRecord], lang: str) -> list[str]:
    """One HTML line per update, oldest first; a corrected update struck through (it no longer counts)."""
    corrected_by = {r.corrects: r.update_id for r in records if r.corrects is not None}
    rows = []
    for record in records:
        what = (
            f"{label(UPDATE_FIELDS, record.field, lang)}："
            if lang == "zh"
            else f"{label(UPDATE_FIELDS, record.field, lang)}: "
        )
        body = (
            f"<b>{esc(record.effective_date.isoformat())}</b> {esc(what)}{esc(update_value(record.field, record.value, lang))}"
            f" · {esc(t('lvp_evidence', lang))}: {_evidence_html(record.evidence)}"
            f" · {esc(t('lv_county_editor', lang))} · {esc(t('lvp_update_no', lang, n=record.update_id))}"
        )
        later = corrected_by.get(record.update_id)
        if later is not None:
            body = f"<s>{body}</s> <i>({esc(t('lvp_corrected', lang, n=later))})</i>"
        rows.append(f'<li data-update="{int(record.update_id)}" data-field="{esc(record.field)}">{body}</li>')
    return rows


def timeline(row: pd.Series, lang: str) -> None:
    """An item's timeline: the report, then each update with its date and evidence (latest view only)."""
    db = living_data.database()
    if db is None or living_data.status() or living_data.chosen() != AS_OF_LATEST:
        return
    records = living.history(db, str(row["id"]), public=True)
    date = data.identity(lang).get("date", "")
    items = [f"<li>{esc(t('lvp_timeline_report', lang, date=date))}</li>", *timeline_rows(records, lang)]
    empty = "" if records else f"<p>{esc(t('lvp_timeline_empty', lang))}</p>"
    html_block(f'<div class="cm-timeline"><b>{esc(t("lvp_timeline", lang))}</b><ul>{"".join(items)}</ul>{empty}</div>')
