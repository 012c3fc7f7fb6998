"""Overdue items: planned for a year now past, with no completion recorded.

An item is overdue on a day when its status is still ``planned`` or
``in_progress`` (no update set it to ``completed``), no update recorded it in
service (milestone ``in_service``), and the last year the report gave it is
before that day's year. Other statuses (``designated``, ``preparatory``, none)
promise no completion, so they are never overdue.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

OPEN_STATUSES = ("planned", "in_progress")
IN_SERVICE = "in_service"


def last_year(years: tuple[str, ...]) -> int | None:
    """The last report year of an item (``None`` when it has none)."""
    found = [int(y) for y in years if isinstance(y, str) and y.isascii() and y.isdigit()]
    return max(found) if found else None


def overdue_mask(table: pd.DataFrame, today: dt.date) -> pd.Series:
    """Which items of a living state (:func:`countymap.living.state_as_of`) are overdue on ``today``."""
    ends = table["years"].map(last_year)
    milestone = table["milestone"] if "milestone" in table else pd.Series("", index=table.index)
    still_open = table["status"].isin(OPEN_STATUSES) & (milestone.fillna("") != IN_SERVICE)
    return still_open & ends.notna() & (ends.fillna(9999) < today.year)
