"""Saving updates: what is refused (by the checks and by the database), corrections, append-only tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from countymap.living import (
    Change,
    InvalidChangeError,
    history,
    history_frame,
    latest_update_of,
    save_update,
)
from tests.living.support import baseline_rows

ITEM = next(iter(baseline_rows()))  # the file's first item
TODAY = dt.date.today()
GOOD = Change(ITEM, "status", "completed", dt.date(2023, 6, 30), "https://www.youyang.gov.cn/news/1.html")


def _keys(db, token, change) -> list[str]:
    with pytest.raises(InvalidChangeError) as caught:
        save_update(db, token, change, latest_update_of(db, change.item_id))
    return [p.key for p in caught.value.problems]


BAD_CHANGES = [
        (Change(ITEM, "status", "done", GOOD.effective_date, GOOD.evidence), "lv_bad_code"),
        (Change(ITEM, "colour", "red", GOOD.effective_date, GOOD.evidence), "lv_bad_field"),
        (Change(ITEM, "progress", 101, GOOD.effective_date, GOOD.evidence), "lv_bad_progress"),
        (Change(ITEM, "progress", True, GOOD.effective_date, GOOD.evidence), "lv_bad_progress"),
        (Change(ITEM, "site", {"lon": 200.0, "lat": 28.8, "basemap": "plain"}, GOOD.effective_date, GOOD.evidence),
         "lv_bad_site"),
        (Change(ITEM, "site", {"lon": float("nan"), "lat": 28.8, "basemap": "plain"}, GOOD.effective_date,
                GOOD.evidence), "lv_bad_site"),
        (Change(ITEM, "site", {"lon": 108.8, "lat": 28.8, "basemap": "<b>"}, GOOD.effective_date, GOOD.evidence),
         "lv_bad_basemap"),
        (Change(ITEM, "site", {"line": [[108.8, 28.8]], "basemap": "none"}, GOOD.effective_date, GOOD.evidence),
         "lv_bad_line"),
        (Change(ITEM, "site", {"line": [[108.8, 28.8]] * 501, "basemap": "none"}, GOOD.effective_date,
                GOOD.evidence), "lv_bad_line"),
        (Change(ITEM, "site", {"line": [[108.8, 28.8], [108.9, "x"]], "basemap": "none"}, GOOD.effective_date,
                GOOD.evidence), "lv_bad_line"),
        (Change(ITEM, "site", {"line": [[108.8, 28.8], [108.9, 28.9]], "lon": 1, "basemap": "none"},
                GOOD.effective_date, GOOD.evidence), "lv_bad_site"),
        (Change(ITEM, "townships", [], GOOD.effective_date, GOOD.evidence), "lv_bad_townships"),
        (Change(ITEM, "townships", ["龙潭镇|钟多街道"], GOOD.effective_date, GOOD.evidence), "lv_bad_townships"),
        (Change(ITEM, "amount", {"yi": -1, "kind": "total"}, GOOD.effective_date, GOOD.evidence), "lv_bad_amount"),
        (Change(ITEM, "amount", {"yi": 1.0, "kind": "sum"}, GOOD.effective_date, GOOD.evidence), "lv_bad_code"),
        (Change(ITEM, "name", {"zh": "x" * 121}, GOOD.effective_date, GOOD.evidence), "lv_bad_name_length"),
        (Change(ITEM, "name", {"fr": "nom"}, GOOD.effective_date, GOOD.evidence), "lv_bad_name"),
        (Change(ITEM, "note", "x" * 2001, GOOD.effective_date, GOOD.evidence), "lv_bad_note"),
        (Change(ITEM, "status", "completed", TODAY + dt.timedelta(days=366), GOOD.evidence), "lv_bad_date"),
        (Change(ITEM, "status", "completed", dt.date(1999, 12, 31), GOOD.evidence), "lv_bad_date"),
        (Change(ITEM, "status", "completed", GOOD.effective_date, ""), "lv_bad_evidence_length"),
        (Change(ITEM, "status", "completed", GOOD.effective_date, "javascript:alert(1)"), "lv_bad_evidence_link"),
        (Change(ITEM, "status", "completed", GOOD.effective_date, "ftp://a.cn/x"), "lv_bad_evidence_link"),
        (Change(ITEM, "status", "completed", GOOD.effective_date, "https://"), "lv_bad_evidence_link"),
        (Change(ITEM, "status", "completed", GOOD.effective_date, "x" * 1001), "lv_bad_evidence_length"),
        (Change("no-such-item", "status", "completed", GOOD.effective_date, GOOD.evidence), "lv_unknown_item"),
        (Change("Bad Id!", "status", "completed", GOOD.effective_date, GOOD.evidence), "lv_unknown_item"),
]  # fmt: skip


def test_a_bad_change_is_refused_with_its_reason_and_nothing_is_saved(db, editor):
    missed = [(change, key) for change, key in BAD_CHANGES if key not in _keys(db, editor, change)]
    assert missed == []
    assert history(db) == []


def test_a_date_a_year_ahead_and_a_citation_in_words_are_accepted(db, editor):
    change = Change(ITEM, "milestone", "started", TODAY + dt.timedelta(days=365), "县政府第 12 次常务会议纪要")
    saved = save_update(db, editor, change, None)
    assert history(db)[0].evidence == "县政府第 12 次常务会议纪要" and saved.editor == "editor-li"


def test_every_refusal_reads_in_both_languages(db, editor):
    with pytest.raises(InvalidChangeError) as caught:
        save_update(db, editor, Change(ITEM, "status", "completed", GOOD.effective_date, "javascript:x"), None)
    problem = caught.value.problems[0]
    assert "http" in problem.message("en") and "依据" in problem.message("zh")


def test_a_correction_must_name_an_update_of_the_same_item_and_field(db, editor):
    first = save_update(db, editor, GOOD, None)
    note = Change(ITEM, "note", "wrong", GOOD.effective_date, GOOD.evidence, corrects=first.update_id)
    assert _keys(db, editor, note) == ["lv_corrects_other"]
    fix = Change(ITEM, "status", "in_progress", GOOD.effective_date, GOOD.evidence, corrects=first.update_id)
    second = save_update(db, editor, fix, first.update_id)
    assert second.corrects == first.update_id
    frame = history_frame(history(db), "en")
    assert frame["corrected_by"].tolist()[0] == second.update_id and pd.isna(frame["corrected_by"].tolist()[1])


APPEND_ONLY_STATEMENTS = [
    "UPDATE updates SET evidence = 'changed'",
    "DELETE FROM updates",
    "UPDATE audit_log SET action = 'changed'",
    "DELETE FROM audit_log",
    "UPDATE baseline_items SET row = '{}'",
    "DELETE FROM baseline_items",
    "DELETE FROM editions",
]


@pytest.mark.parametrize("statement", APPEND_ONLY_STATEMENTS)
def test_the_database_refuses_to_change_or_delete_logged_rows(db, editor, statement):
    save_update(db, editor, GOOD, None)
    with pytest.raises(DBAPIError, match="append-only"), db.writing() as connection:
        connection.execute(text(statement))
    assert [r.evidence for r in history(db)] == [GOOD.evidence]


def test_postgresql_refuses_truncate_too(db, editor):
    if db.is_sqlite:
        pytest.skip("SQLite has no TRUNCATE")
    save_update(db, editor, GOOD, None)
    with pytest.raises(DBAPIError, match="append-only"), db.writing() as connection:
        connection.execute(text("TRUNCATE updates CASCADE"))
    assert len(history(db)) == 1
