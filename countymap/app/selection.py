"""What the reader has selected: one item (``sel``) or one township (``tw``), kept in the URL.

Clicks arrive from places drawn after the widgets that show the selection
(the map, lists under it): they are parked with :func:`request` and applied by
:func:`apply_requested` at the top of the next run, before any widget exists,
because Streamlit forbids changing a drawn widget's value.
"""

from __future__ import annotations

import streamlit as st

from countymap.app.url_state import remember, seed, set_param, url_value

ITEM_KEY, TOWNSHIP_KEY = "sel", "tw"
MAP_PAGE = "app.py"
REQUEST_KEY = "_selection_request"  # a click parked for the next run (also set by the benchmark)


def request(kind: str, value: str) -> None:
    """Ask for a new selection (``kind`` is ``item`` or ``township``) and rerun to show it."""
    st.session_state[REQUEST_KEY] = (kind, value)
    st.rerun()


def open_on_map(item: str) -> None:
    """Show an item on the map page (a row of another page's list): parked, then applied there on arrival."""
    st.session_state[REQUEST_KEY] = ("item", item)
    st.switch_page(MAP_PAGE)


def apply_requested() -> None:
    """Apply a parked selection; an item replaces a township selection and vice versa."""
    kind, value = st.session_state.pop(REQUEST_KEY, (None, None))
    if kind == "item":
        st.session_state[ITEM_KEY], st.session_state[TOWNSHIP_KEY] = value, ""
    elif kind == "township":
        st.session_state[ITEM_KEY], st.session_state[TOWNSHIP_KEY] = "", value
    else:
        return
    for key in (ITEM_KEY, TOWNSHIP_KEY):
        remember(key, st.session_state[key])
        set_param(key, st.session_state[key] or None)


def clear() -> None:
    """Forget the selection (a button callback: it runs before the widgets are drawn)."""
    st.session_state[ITEM_KEY], st.session_state[TOWNSHIP_KEY] = "", ""


def township(known: tuple[str, ...]) -> str | None:
    """The selected township (a map badge), if any and still one of ``known``.

    The value is written to the session on every run: ``tw`` is also the key of
    the township page's picker, and Streamlit forgets a widget key's state at the
    end of a run that neither draws the widget nor sets the key.
    """
    seed(TOWNSHIP_KEY, url_value(TOWNSHIP_KEY) or "")
    value = st.session_state.get(TOWNSHIP_KEY) or ""
    value = st.session_state[TOWNSHIP_KEY] = value if value in known else ""
    remember(TOWNSHIP_KEY, value)
    set_param(TOWNSHIP_KEY, value or None)
    return value or None
