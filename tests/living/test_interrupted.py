"""A save killed mid-write (the process gone between its inserts and its commit) leaves the database consistent."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from sqlalchemy import text

from countymap.living import Change, history, save_update, state_as_of
from tests.living.support import ROOT, baseline_rows

ITEM = next(iter(baseline_rows()))

CHILD = """
import datetime as dt, os, sys, time
import countymap.living.log as log
from countymap.living import Change, open_database, save_update_as

real_record = log.record

def stall(*args, **kwargs):  # the update row is written, its audit row too; the commit never comes
    real_record(*args, **kwargs)
    print("mid-save", flush=True)
    time.sleep(600)

log.record = stall
db = open_database(os.environ["LIVING_URL"])
save_update_as(db, "editor-li", Change(sys.argv[1], "status", "completed", dt.date(2023, 6, 30), "https://a.cn/k"), None)
"""


def test_a_save_killed_before_its_commit_leaves_no_trace_and_the_next_save_works(db, prepared_url, editor):
    env = {**os.environ, "LIVING_URL": prepared_url}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, ITEM],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()  # blocks until the child is mid-save (or has died: then "")
        assert line.strip() == "mid-save", child.stderr.read()
    finally:
        child.kill()
        child.wait(timeout=60)
    assert history(db) == []
    if db.is_sqlite:
        with db.reading() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    with db.reading() as connection:
        actions = connection.execute(text("SELECT action FROM audit_log")).scalars().all()
    assert "update.save" not in actions
    saved = save_update(db, editor, Change(ITEM, "status", "completed", dt.date(2023, 6, 30), "https://a.cn/k"), None)
    assert state_as_of(db).log_position == saved.update_id
