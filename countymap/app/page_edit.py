"""The editing page: editors sign in, pick an item and record what happened since the report.

The session keeps one thing of an editor: the session token (:mod:`countymap.app.edit_session`). Every action asks the
database for the token's account at the moment it runs
(:func:`countymap.living.account_for`; :func:`countymap.living.save_update` and
the account functions check it again inside their own transaction), so a
crafted session value or widget state reaches nothing: without a live session
of an active account, nothing is drawn and nothing is saved.
"""

from __future__ import annotations

import contextlib

import streamlit as st

from countymap import living
from countymap.app import data, living_data, page_edit_forms, state
from countymap.app.downloads import download_button
from countymap.app.edit_session import current_account, forget, keep, token
from countymap.app.shell import esc
from countymap.living.database import UPGRADE_COMMAND
from countymap.map.view import SETTING
from countymap.schema import ROLES
from countymap.text.format import item_names
from countymap.text.strings import t

ITEM_KEY = "edit_item"
ITEM_PARAM = SETTING["item"].param  # the link's item (an editor's "edit this item" link)
IMPORT_COMMAND = "python -m countymap db import projects.csv --edition 2023"


def editor_page(lang: str) -> None:
    """The whole page: sign in, then the item editor (and, for an admin, the accounts)."""
    db = living_data.database()
    if db is None or living_data.status():
        state.set_param(ITEM_PARAM, None)
        st.info(t("ed_no_database", lang))
        st.code(f"{UPGRADE_COMMAND}\n{IMPORT_COMMAND}", language=None)  # highlighting fails AA contrast
        return
    st.caption(t("ed_intro", lang))
    account = current_account(db)
    if account is None:
        state.set_param(ITEM_PARAM, None)  # an editor's link names the item; nobody else's keeps it
        sign_in_form(db, lang)
        return
    signed_in_bar(db, account, lang)
    item = pick_item(lang)
    if item:
        page_edit_forms.item_editor(db, item, lang)
    if account.role == "admin":
        admin_panel(db, lang)


def sign_in_form(db: living.Database, lang: str) -> None:
    """Account name and password; a refusal (wrong, throttled) said in the reader's language."""
    with st.form("ed_sign_in_form"):
        name = st.text_input(t("ed_name", lang), max_chars=64, key="ed_sign_in_name")
        password = st.text_input(t("ed_password", lang), type="password", max_chars=200, key="ed_sign_in_password")
        submitted = st.form_submit_button(t("ed_sign_in", lang), key="ed_sign_in")
    if not submitted:
        return
    try:
        signed = living.sign_in(db, name.strip(), password)
    except living.AccessError as error:
        st.error(error.problem.message(lang))
        return
    keep(signed.token)
    st.rerun()


def signed_in_bar(db: living.Database, account: living.Account, lang: str) -> None:
    """Who is signed in (to the editor only) and the sign-out button."""
    role = t(f"ed_role_{account.role}", lang)
    bar = st.container(horizontal=True, vertical_alignment="center")
    bar.markdown(esc(t("ed_signed_in", lang, name=account.name, role=role)))
    if bar.button(t("ed_sign_out", lang), key="ed_sign_out"):
        found = token()
        if found:
            with contextlib.suppress(living.AccessError):  # already ended or expired: nothing left to end
                living.sign_out(db, found)
        forget()
        state.pop(ITEM_KEY)
        st.rerun()


def pick_item(lang: str) -> str | None:
    """A searchable select box of every item of the database's edition (latest names), by name and id."""
    view = data.living_view()
    if view is None:
        return None
    table = view.dataset.table
    names = dict(zip(table["id"], item_names(table, lang), strict=True))
    options = ["", *table["id"]]
    wanted = state.url_value(ITEM_PARAM) if state.url_is_fresh() else None  # a link from an item's details
    if wanted in options:
        state.put(ITEM_KEY, wanted)
    elif state.get(ITEM_KEY) not in options:
        state.put(ITEM_KEY, "")
    chosen = st.selectbox(
        t("ed_pick", lang),
        options,
        key=ITEM_KEY,
        help=t("ed_pick_help", lang),
        format_func=lambda i: f"{names[i]} ({i})" if i else t("select_none", lang),
    )
    state.set_param(ITEM_PARAM, chosen or None)
    return chosen or None


def admin_panel(db: living.Database, lang: str) -> None:
    """Add an account, deactivate one, download the audit log (each re-checked as an admin when it runs)."""
    st.subheader(t("ed_admin", lang))
    with st.form("ed_add_account_form", clear_on_submit=True):
        st.markdown(esc(t("ed_add_account", lang)))
        name = st.text_input(t("ed_name", lang), max_chars=64, key="ed_new_name")
        password = st.text_input(t("ed_password", lang), type="password", max_chars=200, key="ed_new_password")
        role = st.radio(t("ed_role", lang), ROLES, format_func=lambda r: t(f"ed_role_{r}", lang))
        if st.form_submit_button(t("ed_add_account", lang), key="ed_add"):
            _account_action(
                lambda: living.add_account(db, token(), name.strip(), password, role), "ed_added", name, lang
            )
    with st.form("ed_deactivate_form", clear_on_submit=True):
        name = st.text_input(t("ed_deactivate", lang), max_chars=64, key="ed_deactivate_name")
        if st.form_submit_button(t("ed_deactivate", lang), key="ed_deactivate"):
            _account_action(lambda: living.set_active(db, token(), name.strip(), False), "ed_deactivated", name, lang)
    try:
        audit = living.export_audit(db, token())  # made now, for this admin only
    except living.AccessError as error:
        st.error(error.problem.message(lang))
        return
    download_button(st, t("ed_audit", lang), audit, "audit-log.csv", "text/csv")


def _account_action(action, done_key: str, name: str, lang: str) -> None:
    try:
        action()
    except living.AccessError as error:
        st.error(t("ed_refused", lang) + " " + error.problem.message(lang))
        return
    st.success(t(done_key, lang, name=name.strip()))
