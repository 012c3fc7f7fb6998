"""Every view setting lives in the URL, so that a link reproduces the view.

A widget is seeded from the URL when the URL carries something this session did
not write itself (a pasted link, a reload); otherwise it keeps its session
value, which also carries settings across pages when page navigation drops the
query string.

A choice widget (multiselect, select box, radio) lives in the browser as the
*labels* it shows, and Streamlit turns a label back into a code by looking it
up among this run's labels. After a language switch the browser still holds
the old language's labels, which match nothing, so the next interaction would
silently empty the widget. Every widget is therefore sent its value again, in
the new language's labels, on the run that switches the language
(:func:`note_language`, :func:`seed`).
"""

from __future__ import annotations

import streamlit as st

from countymap.core.filters import PARAM_NAMES

VIEW_PARAMS = frozenset({"lang", "present", "basemap", "size", "sel", "tw"})
URL_PARAMS = PARAM_NAMES | VIEW_PARAMS


def read_url() -> dict[str, list[str]]:
    """The query parameters this app understands, each as a list of values."""
    return {key: st.query_params.get_all(key) for key in st.query_params if key in URL_PARAMS}


def sync_origin(page: str) -> None:
    """Decide once per run whether the URL (a link) or the session is authoritative.

    Also notes whether the page changed: widgets of another page are new
    widgets to Streamlit, so they must be re-seeded from the kept values.
    """
    st.session_state["_page_changed"] = st.session_state.get("_page") != page
    st.session_state["_page"] = page
    current = read_url()
    written = st.session_state.get("_url_written")
    if written is None:
        # A session's first run writes back only the parameters it understands: Streamlit
        # drops a query string of over 1,000 parameters or 512 KiB without a word, and
        # unknown keys would stay in the address bar and in every link copied from it.
        st.query_params.from_dict(current)
    fresh = written is None or (bool(current) and current != written)
    st.session_state["_url_fresh"] = fresh
    st.session_state["_url_written"] = dict(current)
    st.session_state.setdefault("_keep", {})
    st.session_state["_relabel"] = False


def note_language(lang: str) -> None:
    """Record the language this run draws in; widgets seeded after this are relabelled if it changed."""
    st.session_state["_relabel"] = st.session_state.get("_drawn_lang", lang) != lang
    st.session_state["_drawn_lang"] = lang


def url_value(param: str) -> str | None:
    """Last value of a query parameter, or ``None``."""
    values = st.query_params.get_all(param)
    return values[-1] if values else None


def seed(widget_key: str, from_url: object) -> None:
    """Give a widget its starting value before it is drawn.

    From the URL when the URL is authoritative this run; else the value the
    session last had (kept across pages), else the URL value. On a language
    switch the value is set again, unchanged, so that the browser is sent its
    labels in the new language (see the module's docstring).
    """
    keep = st.session_state["_keep"]
    if st.session_state["_url_fresh"]:
        st.session_state[widget_key] = from_url
    elif st.session_state["_page_changed"] or widget_key not in st.session_state:
        st.session_state[widget_key] = keep.get(widget_key, from_url)
    elif st.session_state.get("_relabel"):
        st.session_state[widget_key] = st.session_state[widget_key]


def remember(widget_key: str, value: object) -> None:
    """Keep a widget's value for pages that do not draw the widget."""
    st.session_state["_keep"][widget_key] = value


def keep_undrawn(widget_key: str, from_url: object) -> None:
    """For a widget this page does not draw: keep its value for the pages that do (a fresh link sets it)."""
    if st.session_state["_url_fresh"]:
        remember(widget_key, from_url)


def set_param(param: str, value: str | None) -> None:
    """Write (or remove, for ``None``/``""``) one query parameter, only when it changes."""
    written = st.session_state["_url_written"]
    if value in (None, ""):
        if param in st.query_params:
            del st.query_params[param]
        written.pop(param, None)
    elif st.query_params.get_all(param) != [value]:
        st.query_params[param] = value
        written[param] = [value]
    else:
        written[param] = [value]
