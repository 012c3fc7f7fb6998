"""The review page's last step for a signed-in editor: publish the accepted drafts as a new edition.

The public never sees the control: it is drawn only for a live session of an
active account (:func:`countymap.app.edit_session.current_account`), and
:func:`countymap.living.publish.publish_edition` checks the session's token
again inside its own write transaction, so no crafted session or widget state
publishes anything. What would be stored is shown first (how many items, how
many continue an existing item); the editor confirms, then publishes once.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from countymap import living
from countymap.app import living_data
from countymap.app import state as session
from countymap.app.data import validation_context
from countymap.app.edit_session import current_account, token
from countymap.app.shell import esc
from countymap.core.report import report_date
from countymap.draft.sections import report_year
from countymap.living.publish import Plan, PublishError, plan_publish, publish_edition
from countymap.text.strings import t
from countymap.validation.context import ValidationContext

PUBLISHED = "review_published"  # the last edition this session published, to say so on the next runs


def draft_context(raw: str, edition: str | None = None) -> ValidationContext:
    """What drafts are checked against: the new report's text, and the years of its edition.

    The years are those the new report speaks of (the year it reviews and the year it
    plans): ``edition``'s when given, else the report's own year; without either, the map's.
    """
    context = dataclasses.replace(validation_context(), report_text=raw)
    year = int(edition[:4]) if edition else report_year(raw)
    return dataclasses.replace(context, years=(str(year - 1), str(year))) if year else context


def publish_panel(chosen: pd.DataFrame, linked: set[str], raw: str, lang: str) -> None:
    """Edition, summary, confirmation and the publish button, for a signed-in editor only."""
    db = living_data.database()
    if db is None or living_data.status() == living_data.NO_DATABASE:
        return  # nothing to publish into (the editing page says how to make the database)
    if current_account(db) is None:
        st.caption(t("review_publish_sign_in", lang))
        return
    st.subheader(t("review_publish", lang))
    st.caption(t("review_publish_intro", lang))
    year = report_year(raw)
    edition = st.text_input(
        t("review_publish_edition", lang), value=str(year or ""), max_chars=16, key="review_publish_edition"
    ).strip()
    published = session.get(PUBLISHED)
    if published and published["edition"] == edition:  # this editor's own publish: said, not refused
        st.success(t("review_published", lang, **published))
        return
    try:
        plan = plan_publish(db, chosen, edition, linked)
    except PublishError as error:
        _refused(error, lang)
        return
    st.markdown(t("review_publish_summary", lang, n=plan.rows, linked=len(plan.linked), new=len(plan.new)))
    confirmed = st.checkbox(t("review_publish_confirm", lang, edition=edition), key="review_publish_confirm")
    if st.button(t("review_publish_button", lang), key="review_publish_button", disabled=not confirmed):
        _publish(db, chosen, edition, linked, raw, lang)


def _publish(db: living.Database, chosen: pd.DataFrame, edition: str, linked: set[str], raw: str, lang: str) -> None:
    try:
        plan = publish_edition(db, token(), chosen, edition, linked, draft_context(raw, edition), report_date(raw))
    except living.AccessError as error:
        st.error(esc(t("review_publish_refused", lang) + error.problem.message(lang)))
        return
    except PublishError as error:
        _refused(error, lang)
        return
    session.put(PUBLISHED, _said(plan))
    session.pop("review_publish_confirm")  # a new edition is confirmed again
    st.rerun()


def _said(plan: Plan) -> dict:
    return {"edition": plan.edition, "n": plan.rows, "linked": len(plan.linked), "new": len(plan.new)}


def _refused(error: PublishError, lang: str) -> None:
    """Why not, in the reader's language (the rows' own problems are listed above, as for the download)."""
    st.error(esc(t("review_publish_refused", lang) + " ".join(p.message(lang) for p in error.problems)))
