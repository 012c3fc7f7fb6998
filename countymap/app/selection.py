"""What the reader has selected: one item (``sel``) or one township (``tw``), kept in the URL.

Clicks arrive from places drawn after the widgets that show the selection
(the map, lists under it): they are parked with :func:`request` and applied by
:func:`apply_requested` at the top of the next run, before any widget exists,
because Streamlit forbids changing a drawn widget's value.
"""

from __future__ import annotations

import streamlit as st

from countymap.app import state
from countymap.map.view import SETTING, Choices

ITEM_KEY, TOWNSHIP_KEY = SETTING["item"].param, SETTING["township"].param
MAP_PAGE = "app.py"
REQUEST_KEY = "_selection_request"  # a click parked for the next run (also set by the benchmark)


def request(kind: str, value: str) -> None:
    """Ask for a new selection (``kind`` is ``item`` or ``township``) and rerun to show it."""
    state.put(REQUEST_KEY, (kind, value))
    st.rerun()


def open_on_map(item: str) -> None:
    """Show an item on the map page (a row of another page's list): parked, then applied there on arrival."""
    state.put(REQUEST_KEY, ("item", item))
    st.switch_page(MAP_PAGE)


def apply_requested() -> None:
    """Apply a parked selection; an item replaces a township selection and vice versa.

    The map then moves to the new selection: the kept zoom and centre are forgotten.
    """
    kind, value = state.pop(REQUEST_KEY, (None, None))
    if kind not in ("item", "township"):
        return
    values = {ITEM_KEY: value if kind == "item" else "", TOWNSHIP_KEY: value if kind == "township" else ""}
    values |= {SETTING["zoom"].param: None, SETTING["centre"].param: None}
    for key, chosen in values.items():
        state.put(key, chosen)
        state.remember(key, chosen)
        state.set_param(key, chosen or None)


def clear() -> None:
    """Forget the selection (a button callback: it runs before the widgets are drawn)."""
    state.put(ITEM_KEY, "")
    state.put(TOWNSHIP_KEY, "")


def township(choices: Choices) -> str | None:
    """The selected township (a map badge), if any and still one of ``choices.townships``."""
    return state.bind_view(SETTING["township"], choices) or None
