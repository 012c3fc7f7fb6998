"""Pieces of the map page that join the selection, the features and the map view."""

from __future__ import annotations

import pandas as pd

from countymap.app import data, state
from countymap.app.state import url_value
from countymap.core.filters import FilterState, townships_named
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
        return Selection(row["geometry"], tuple(geodata.areas[i] for i in row["areas"]), item=item)
    area = geodata.area_of.get(township) if township else None
    return Selection(None, (area,) if area is not None else ())


def map_focus(filters: FilterState, result: pd.DataFrame, item: str, township: str) -> tuple[Selection, str]:
    """What the map fits and outlines, and the search that found it ("" if none).

    The selected item or township first; else what a search found
    (:func:`search_focus`); else the townships filtered on: "2023 roads in
    龙潭镇" shows 龙潭镇 outlined and fitted, also when it has no item of its
    own (its county-wide programmes are listed beside the map). A reader's own
    view is applied after the fit (:func:`countymap.app.map_view.show`); a new
    selection or a new search drops it, a filter change does not.
    """
    if item or township:
        return current_selection(result, item, township), ""
    found = search_focus(filters, result)
    if found.areas:
        return found, filters.query.strip()
    return township_focus(filters.townships), ""


def township_focus(townships: tuple[str, ...]) -> Selection:
    """The areas of ``townships`` (those with an area: a seat not known has none), in the geodata's order."""
    area_of = data.geodata().area_of
    areas = sorted((area_of[name] for name in townships if name in area_of), key=lambda area: area.index)
    return Selection(None, tuple(areas))


def search_focus(filters: FilterState, result: pd.DataFrame) -> Selection:
    """What a search found, for the map to fit (like a selected township): the townships it names, else its items' areas.

    "花田" fits 花田乡, not every township its items also reach (a road from
    the county town, a programme across six townships); a search for a thing
    ("水库") fits the areas of the items found. Nothing found, or only items
    with no place: an empty selection, and the view stays.
    """
    if not filters.query.strip() or result.empty:
        return Selection(None, ())
    geodata, placement = data.geodata(), data.dataset().placement
    reached = {name for towns in result["townships"] for name in towns or ()}
    named = townships_named(filters.query, sorted(reached))
    if named:
        areas = [geodata.area_of[name] for name in named if name in geodata.area_of]
    else:
        found = placement[placement["id"].isin(set(result["id"]))]
        areas = [geodata.areas[i] for row in found["areas"] for i in row]
    unique = {area.index: area for area in areas}
    return Selection(None, tuple(unique[i] for i in sorted(unique)))
