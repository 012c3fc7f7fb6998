"""Migrations from an empty database and from the previous revision; the schema check at start."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import insert, inspect, select

from countymap.living import (
    LOCAL_OPERATOR,
    Change,
    SchemaBehindError,
    add_account,
    current_revision,
    head_revision,
    history,
    open_database,
    save_update_as,
    upgrade,
)
from countymap.living.tables import accounts, baseline_items, editions, items, metadata, updates
from tests.living.support import PASSWORD

REVISIONS = ["0001", "0002", "0003"]  # by hand: a new migration adds itself here


def test_the_code_knows_its_revisions_and_head_is_the_last():
    assert head_revision() == REVISIONS[-1]


def test_from_empty_to_head_creates_every_table_the_code_queries(db_url):
    database = upgrade(db_url)
    assert current_revision(database) == head_revision()
    found = inspect(database.engine)
    for table in metadata.sorted_tables:
        columns = {c["name"] for c in found.get_columns(table.name)}
        assert columns == set(table.columns.keys()), table.name


def _write_as_revision_0001(database) -> None:
    """Rows as the code of revision 0001 wrote them (an edition, an item, an account, an update)."""
    at = dt.datetime(2023, 3, 1, tzinfo=dt.UTC)
    row = {"id": "road-old", "name_zh": "旧路", "status": "planned"}
    with database.writing() as connection:
        connection.execute(insert(editions).values(edition="2023", source_sha256="0" * 64, rows=1, imported_at=at))
        connection.execute(insert(items).values(item_id="road-old", first_edition="2023"))
        connection.execute(
            insert(baseline_items).values(edition="2023", item_id="road-old", position=0, row=json.dumps(row))
        )
        connection.execute(
            insert(accounts).values(account_id=7, name="old-editor", role="editor", password_hash="x", active=True,
                                    created_at=at)
        )  # fmt: skip
        connection.execute(
            insert(updates).values(item_id="road-old", field="status", value='"completed"',
                                   effective_date=dt.date(2023, 2, 20), evidence="https://a.cn/old", account_id=7,
                                   recorded_at=at)
        )  # fmt: skip


def test_from_the_previous_revision_keeps_the_data(db_url):
    database = upgrade(db_url, REVISIONS[-2])
    assert current_revision(database) == REVISIONS[-2]
    with pytest.raises(SchemaBehindError, match="python -m countymap db upgrade"):
        open_database(db_url)
    _write_as_revision_0001(database)
    upgrade(db_url)
    reopened = open_database(db_url)
    (old,) = history(reopened, public=False)
    assert (old.item_id, old.value, old.editor) == ("road-old", "completed", "old-editor")
    add_account(reopened, LOCAL_OPERATOR, "editor-wu", PASSWORD, "editor")
    change = Change("road-old", "note", "after the upgrade", dt.date(2023, 5, 1), "https://a.cn/1")
    saved = save_update_as(reopened, "editor-wu", change, old.update_id)
    assert [r.update_id for r in history(reopened)] == [old.update_id, saved.update_id]
    with reopened.reading() as connection:  # 0003: an edition stored before has no known report date
        assert connection.execute(select(editions.c.report_date)).scalars().all() == [None]


def test_a_missing_sqlite_file_is_refused_and_not_created(tmp_path):
    path = tmp_path / "none" / "db.sqlite3"
    with pytest.raises(SchemaBehindError, match="python -m countymap db upgrade"):
        open_database(f"sqlite:///{path}")
    assert not path.exists()


def test_head_is_accepted(db_url):
    upgrade(db_url)
    assert current_revision(open_database(db_url)) == REVISIONS[-1]
