"""Overdue: planned for a past year, no completion recorded (rows written by hand)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from countymap.living.overdue import overdue_mask

ROWS = pd.DataFrame(
    {
        "id": ["a", "b", "c", "d", "e", "f"],
        "status": ["planned", "in_progress", "completed", "planned", "designated", "in_progress"],
        "years": [("2023",), ("2022", "2023"), ("2023",), ("2024",), ("2022",), ("2023",)],
        "milestone": ["", "", "", "", "", "in_service"],
    }
)


def test_only_open_items_of_a_past_year_without_service_are_overdue():
    assert list(ROWS[overdue_mask(ROWS, dt.date(2024, 3, 1))]["id"]) == ["a", "b"]
    assert list(ROWS[overdue_mask(ROWS, dt.date(2023, 12, 31))]["id"]) == []
