"""Pieces of the map page that join the selection, the features and the map view."""

from __future__ import annotations

import pandas as pd

from countymap.app import data, state
from countymap.app.state import url_value
from countymap.map.selection import Selection
from countymap.map.view import SETTING, Choices


def presenting() -> bool:
    """Whether presenter mode is on (the URL's ``present=1``, or the switch this session), before the switch is drawn."""
    if state.has("present") and not state.url_is_fresh():
        return bool(state.get("present"))
    return url_value("present") == "1"


def selected_values(choices: Choices) -> tuple[str, str]:
    """(item id, township) as selected now, without drawing a widget (presenter mode has none).

    ``choices.items`` are every item of the Dataset: presenter mode keeps a
    selection that the filter hides.
    """
    return state.bind_view(SETTING["item"], choices), state.bind_view(SETTING["township"], choices)


def current_selection(result: pd.DataFrame, item: str, township: str) -> Selection:
    """The selected item (or township) as the map shows it: its drawn geometry and the areas it touches."""
    geodata = data.geodata()
    if item and item in set(result["id"]):
        placement = data.dataset().placement  # the whole table's: a filter never moves an item
        row = placement[placement["id"] == item].iloc[0]
        return Selection(row["geometry"], tuple(geodata.areas[i] for i in row["areas"]))
    area = geodata.area_of.get(township) if township else None
    return Selection(None, (area,) if area is not None else ())
