"""Pieces of the map page that join the selection, the features and the map view."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countymap.app import data, selection
from countymap.app.url_state import url_value
from countymap.map.selection import Selection


def presenting() -> bool:
    """Whether presenter mode is on (the URL's ``present=1``, or the switch this session)."""
    fresh = st.session_state.get("_url_fresh", True)
    if "present" in st.session_state and not fresh:
        return bool(st.session_state["present"])
    return url_value("present") == "1"


def selected_values() -> tuple[str, str]:
    """(item id, township) as selected now, without drawing a widget (presenter mode has none).

    Each is written back to the session: Streamlit forgets, at the end of a run,
    the state of a widget key that the run did not set or draw (``tw`` is the
    township page's picker), and the page after presenter mode reads them there.
    """
    values = []
    for key in (selection.ITEM_KEY, selection.TOWNSHIP_KEY):
        value = st.session_state.get(key) if not st.session_state.get("_url_fresh", True) else None
        value = value if value is not None else (url_value(key) or "")
        st.session_state[key] = value
        values.append(value)
    return values[0], values[1]


def current_selection(result: pd.DataFrame, item: str, township: str) -> Selection:
    """The selected item (or township) as the map shows it: its drawn geometry and the areas it touches."""
    geodata = data.geodata()
    if item and item in set(result["id"]):
        placement = data.dataset().placement  # the whole table's: a filter never moves an item
        row = placement[placement["id"] == item].iloc[0]
        return Selection(row["geometry"], tuple(geodata.areas[i] for i in row["areas"]))
    area = geodata.area_of.get(township) if township else None
    return Selection(None, (area,) if area is not None else ())
