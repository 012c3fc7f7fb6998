"""The living map's state as the public app sees it: "latest" (the default) or "as in the report".

"As in the report" is the configured projects file's Dataset, exactly as
before the database existed. "Latest" is a Dataset of
:func:`countymap.living.state_as_of` (every update counts), shared by every
session and kept per ``(database, edition, log position)``: each run asks the
database for its newest update id (one indexed ``max``), and the fold and the
map's written tables are made again only when the log has grown.

Without a database (a fresh install: ``db upgrade`` not run yet) or without an
imported edition, there is no "latest": the app shows the report and says so
(:func:`status`), never silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from countymap import config, living
from countymap.app import state
from countymap.core.dataset import Dataset
from countymap.living.baseline import latest_edition
from countymap.living.database import sqlite_path
from countymap.map.view import AS_OF_CHOICES, AS_OF_LATEST, AS_OF_REPORT, SETTING

AS_OF = SETTING["as_of"]
NO_DATABASE, NO_EDITION, READY = "lvp_no_database", "lvp_no_edition", ""


@dataclass(frozen=True)
class LivingView:
    """The "latest" Dataset and what the map says about it.

    Parameters
    ----------
    dataset : Dataset
        The items with every update folded in.
    edition : str
        The database edition it is built on.
    position : int
        The log position it was read at (the newest update id).
    updates : int
        How many items carry an update that counts.
    newest : str
        The newest effective date among the updates that count (``YYYY-MM-DD``), "" when none.
    report_date : datetime.date or None
        The edition's report date as the database stores it (None: not known; then every update counts).
    """

    dataset: Dataset
    edition: str
    position: int
    updates: int
    newest: str
    report_date: dt.date | None = None


def database() -> living.Database | None:
    """The configured database, or ``None`` when it is not created yet.

    A database that is behind the code or unreachable has stopped the page already
    (:func:`countymap.app.shell.page_setup` asks :func:`~countymap.living.database.schema_problem` on every run).
    """
    url = config.database_url()
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return None
    return _opened(url)


@st.cache_resource(show_spinner=False)
def _opened(url: str) -> living.Database:
    # Checked once per process: an upgrade of the schema means new code, and so a restarted app.
    return living.open_database(url)


RUN_KEY = "_living_position"  # this run's (edition, log position): one look at the database per run


def new_run() -> None:
    """Forget the last run's look at the database (called once at the top of every page's run)."""
    state.pop(RUN_KEY)


def _position(db: living.Database) -> tuple[str | None, int]:
    """The newest edition and the newest update id, read once per run (every part of a page shows one state)."""
    found = state.get(RUN_KEY)
    if found is None:
        with db.reading() as connection:
            edition = latest_edition(connection)
        found = (edition, living.log_position(db))
        state.put(RUN_KEY, found)
    return found


# Shared by every session (read-only): a new log position or edition makes a new entry, the old one is dropped.
@st.cache_resource(show_spinner=False, max_entries=2)
def _latest_cached(
    url: str, edition: str, position: int, version: float, _make: Callable[[pd.DataFrame, str, dt.date | None], Dataset]
) -> LivingView:
    found = living.state_as_of(_opened(url), None, edition)
    table = found.table
    made = _make(table, found.edition, found.report_date)
    dates = table["last_update_date"].replace("", pd.NA).dropna()
    counted = int(table["last_update_id"].notna().sum())
    newest = str(dates.max()) if len(dates) else ""
    return LivingView(made, found.edition, found.log_position, counted, newest, found.report_date)


@st.cache_resource(show_spinner=False, max_entries=2)
def _changes_cached(url: str, position: int) -> tuple[living.UpdateRecord, ...]:
    return tuple(living.history(_opened(url), public=True))


def changes() -> tuple[living.UpdateRecord, ...]:
    """Every update recorded since the report, oldest first, without editors' names (read once per log position)."""
    db = database()
    if db is None:
        return ()
    return _changes_cached(config.database_url(), _position(db)[1])


def status() -> str:
    """Why there is no "latest" (a string-table key), or :data:`READY`."""
    db = database()
    if db is None:
        return NO_DATABASE
    edition, _ = _position(db)
    return NO_EDITION if edition is None else READY


def latest(make: Callable[[pd.DataFrame, str, dt.date | None], Dataset], version: float) -> LivingView | None:
    """The "latest" view, or ``None`` without one.

    ``make`` turns the state's table, its edition and the edition's report date into a Dataset; ``version`` is the geodata's (part of the cache key).
    """
    db = database()
    if db is None:
        return None
    edition, position = _position(db)
    if edition is None:
        return None
    return _latest_cached(config.database_url(), edition, position, version, make)


def chosen() -> str:
    """The state this session reads: :data:`AS_OF_LATEST` or :data:`AS_OF_REPORT` (set by the map page's switch)."""
    value = state.kept(AS_OF.param, AS_OF.default)
    return value if value in AS_OF_CHOICES else AS_OF.default


def wants_latest() -> bool:
    """Whether this session asked for the latest state (it gets it only when the database has one)."""
    return chosen() == AS_OF_LATEST


def report_chosen() -> bool:
    """Whether this session asked for the report's view."""
    return chosen() == AS_OF_REPORT
