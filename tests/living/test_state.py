"""State as of a date: the report's view, the latest view, corrections, and nothing else touched."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from countymap.core.tables import load_projects
from countymap.living import (
    Change,
    NoEditionError,
    latest_update_of,
    log_position,
    report_state,
    save_update,
    state_as_of,
    upgrade,
)
from countymap.schema import PROJECTS
from tests.living.support import PROJECTS_CSV, baseline_rows

ROWS = baseline_rows()
ITEM, OTHER = list(ROWS)[:2]
LINK = "https://www.youyang.gov.cn/x.html"


def _row(state, item: str) -> pd.Series:
    table = state.table
    return table[table["id"] == item].iloc[0]


def _save(db, token, field, value, day, corrects=None):
    change = Change(ITEM, field, value, dt.date.fromisoformat(day), LINK, corrects)
    return save_update(db, token, change, latest_update_of(db, ITEM))


def test_without_updates_the_state_is_the_projects_file(db):
    state = state_as_of(db)
    expected = load_projects(PROJECTS_CSV)
    pd.testing.assert_frame_equal(state.table[PROJECTS.columns], expected, check_dtype=False)
    assert state.edition == "2023" and state.log_position == 0
    assert state.table["last_update_id"].isna().all() and (state.table["status_date"] == "").all()


def test_as_of_each_date_the_updates_effective_by_then_count(db, editor):
    _save(db, editor, "amount", {"yi": 2.5, "kind": "total"}, "2023-03-01")
    _save(db, editor, "status", "completed", "2023-06-30")
    _save(db, editor, "site", {"lon": 108.81, "lat": 28.84, "basemap": "tianditu_img"}, "2023-07-15")
    report_view = _row(state_as_of(db, dt.date(2023, 2, 8)), ITEM)
    assert report_view["status"] == ROWS[ITEM]["status"] and report_view["precision"] == ROWS[ITEM]["precision"]
    assert report_view["investment_kind"] == ROWS[ITEM]["investment_kind"] and pd.isna(report_view["last_update_id"])
    june = _row(state_as_of(db, dt.date(2023, 6, 30)), ITEM)
    assert (june["status"], june["status_date"], june["investment_yi"], june["investment_kind"]) == (
        "completed",
        "2023-06-30",
        2.5,
        "total",
    )
    assert june["precision"] == ROWS[ITEM]["precision"] and pd.isna(june["site_lon"])
    latest = _row(state_as_of(db), ITEM)
    assert (latest["precision"], latest["site_lon"], latest["site_lat"], latest["site_basemap"]) == (
        "site",
        108.81,
        28.84,
        "tianditu_img",
    )
    assert (latest["last_update_field"], latest["last_update_date"], latest["last_evidence"]) == (
        "site",
        "2023-07-15",
        LINK,
    )


def test_the_report_view_ignores_even_an_update_dated_before_the_report(db, editor):
    _save(db, editor, "site", {"lon": 108.81, "lat": 28.84, "basemap": "none"}, "2022-05-01")
    assert _row(state_as_of(db, dt.date(2023, 2, 8)), ITEM)["precision"] == "site"
    report = report_state(db)
    pd.testing.assert_frame_equal(report.table[PROJECTS.columns], load_projects(PROJECTS_CSV), check_dtype=False)
    assert report.table["last_update_id"].isna().all() and report.log_position == latest_update_of(db, ITEM)


def test_a_line_placed_by_an_editor_is_kept_point_by_point(db, editor):
    line = [[108.70, 28.80], [108.75, 28.83], [108.79, 28.85]]
    _save(db, editor, "site", {"line": line, "basemap": "tianditu_vec"}, "2023-08-01")
    row = _row(state_as_of(db), ITEM)
    assert (row["precision"], json.loads(row["site_line"]), row["site_basemap"]) == ("site", line, "tianditu_vec")
    assert pd.isna(row["site_lon"]) and pd.isna(row["site_lat"])


def test_a_corrected_update_counts_for_no_date(db, editor):
    wrong = _save(db, editor, "status", "planned", "2023-05-01")
    _save(db, editor, "status", "in_progress", "2023-05-02", corrects=wrong.update_id)
    assert _row(state_as_of(db, dt.date(2023, 5, 1)), ITEM)["status"] == ROWS[ITEM]["status"]
    assert _row(state_as_of(db, dt.date(2023, 5, 2)), ITEM)["status"] == "in_progress"


def test_on_the_same_date_the_later_recorded_update_wins(db, editor):
    _save(db, editor, "progress", 40, "2023-05-01")
    _save(db, editor, "progress", 45, "2023-05-01")
    _save(db, editor, "progress", 90, "2023-04-01")  # recorded last, but effective earlier
    row = _row(state_as_of(db), ITEM)
    assert (row["progress_percent"], row["progress_date"]) == (45.0, "2023-05-01")


def test_names_townships_milestones_and_notes_fold_into_their_columns(db, editor):
    _save(db, editor, "name", {"en": "A clearer English name"}, "2023-04-01")
    _save(db, editor, "townships", [" 龙潭镇", "钟多街道 "], "2023-04-02")  # stored stripped
    _save(db, editor, "milestone", "structure_done", "2023-04-03")
    _save(db, editor, "note", "主体工程已完工", "2023-04-04")
    row = _row(state_as_of(db), ITEM)
    assert (row["name_zh"], row["name_en"]) == (ROWS[ITEM]["name_zh"], "A clearer English name")
    assert row["townships"] == ("龙潭镇", "钟多街道")
    assert (row["milestone"], row["milestone_date"], row["note"]) == ("structure_done", "2023-04-03", "主体工程已完工")


def test_other_items_are_untouched_and_the_log_position_moves(db, editor):
    before = state_as_of(db)
    saved = _save(db, editor, "status", "completed", "2023-06-30")
    after = state_as_of(db)
    assert (before.log_position, after.log_position, log_position(db)) == (0, saved.update_id, saved.update_id)
    pd.testing.assert_series_equal(_row(before, OTHER), _row(after, OTHER))


def test_a_database_without_an_edition_says_which_command_imports_one(db_url):
    with pytest.raises(NoEditionError, match="db import"):
        state_as_of(upgrade(db_url))
