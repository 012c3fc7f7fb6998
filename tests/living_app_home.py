"""A living-map database for the app's tests: projects.csv as edition 2023 in a temporary COUNTYMAP_DATA_HOME.

(A helper module with a unique name: under a full run ``conftest`` is tests/browser/conftest.py.)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from countymap.config import DATABASE_FILENAME
from countymap.living import LOCAL_OPERATOR, Change, add_account, import_edition, latest_update_of, save_update_as
from countymap.living import upgrade as upgrade_database

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ROOT / "projects.csv"
EDITOR, ADMIN = "editor-wang", "admin-zhao"
PASSWORD = "a long enough password"
EVIDENCE = "https://example.org/youyang/notice-2023-06"


def make_home(folder: Path, monkeypatch):
    """Point the app at ``folder`` for its database and at projects.csv; return the prepared database."""
    monkeypatch.setenv("COUNTYMAP_DATA_HOME", str(folder))
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(PROJECTS))  # an edition is validated against the report
    database = upgrade_database(f"sqlite:///{folder / DATABASE_FILENAME}")
    import_edition(database, PROJECTS, "2023")
    add_account(database, LOCAL_OPERATOR, EDITOR, PASSWORD, "editor")
    add_account(database, LOCAL_OPERATOR, ADMIN, PASSWORD, "admin")
    return database


def url(folder: Path) -> str:
    """The database URL of a home made by :func:`make_home`."""
    return f"sqlite:///{folder / DATABASE_FILENAME}"


def record(database, item: str, field: str, value, day: str = "2023-06-30"):
    """Record one update as EDITOR (the command line's way), on top of the item's latest."""
    change = Change(item, field, value, dt.date.fromisoformat(day), EVIDENCE)
    return save_update_as(database, EDITOR, change, latest_update_of(database, item))
