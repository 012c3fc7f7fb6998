"""The state of every item as of a date: the edition's baseline folded with the updates effective by then.

Rules of the fold (vectorised: one sort and one ``drop_duplicates`` over the log):

- an update counts for a date when its effective date is on or before it;
- a corrected update no longer counts for any date (it was a wrong record);
  its correction counts from its own effective date;
- per item and field the latest effective update wins (ties: the later recorded);
- dates decide between an edition and the updates: on an edition with a report
  date, an update of a field the report states (:data:`STATED_BY_REPORT`) that
  took effect before that date is older than what the report says and does not
  count (it still counts on the earlier edition, and stays in the item's
  history); fields no report states (a site, a milestone, progress, a note)
  keep counting. An edition without a known date lets every update count;
- ``site`` sets ``precision`` to ``site`` and the ``site_*`` columns (a line: ``site_line``, JSON
  ``[[lon, lat], ...]``, and no ``site_lon``/``site_lat``); ``amount``
  sets the amount and its kind (an editor's figure is exact); ``name`` sets the
  name(s) it gives; the other fields fill their own columns.

The result carries ``log_position`` (the newest update id when it was read):
the app caches a state by ``(edition, as_of, log_position)`` and asks
:func:`log_position` (one indexed ``max``) on each run to know when to refresh.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from countymap.core.tables import typed
from countymap.living.baseline import latest_edition
from countymap.living.database import Database
from countymap.living.tables import baseline_items, editions, updates
from countymap.schema import MULTI_SEP, PROJECTS

# Columns the state adds to the projects table (empty / NaN where no update says anything).
LIVING_COLUMNS = [
    "status_date",
    "milestone",
    "milestone_date",
    "progress_percent",
    "progress_date",
    "site_lon",
    "site_lat",
    "site_basemap",
    "site_line",
    "note",
    "last_update_id",
    "last_update_date",
    "last_update_field",
    "last_evidence",
]
LOG_COLUMNS = ["update_id", "item_id", "field", "value", "effective_date", "evidence", "corrects"]
# The update fields whose value a report itself states (its status, townships, amount and names).
STATED_BY_REPORT = ("status", "townships", "amount", "name")


class NoEditionError(LookupError):
    """The database has no baseline yet (``python -m countymap db import projects.csv --edition 2023``)."""


@dataclass(frozen=True)
class LivingState:
    """Items as of a date: the projects table's columns (typed as by ``load_projects``) plus :data:`LIVING_COLUMNS`."""

    table: pd.DataFrame
    edition: str
    as_of: dt.date | None
    log_position: int
    report_date: dt.date | None = None  # the edition's report date (None: not known)


def log_position(db: Database) -> int:
    """The newest update id (0 for an empty log): a state read at this position is still current."""
    with db.reading() as connection:
        return int(connection.execute(select(func.max(updates.c.update_id))).scalar() or 0)


def _read(db: Database, edition: str | None) -> tuple[str, dt.date | None, pd.DataFrame, pd.DataFrame, int]:
    with db.reading() as connection:  # one snapshot: the baseline, the log and its position agree
        edition = edition or latest_edition(connection)
        if edition is None:
            raise NoEditionError("no edition imported: run `python -m countymap db import projects.csv --edition 2023`")
        dated = connection.execute(select(editions.c.report_date).where(editions.c.edition == edition)).scalar()
        rows = connection.execute(
            select(baseline_items.c.row)
            .where(baseline_items.c.edition == edition)
            .order_by(baseline_items.c.position)  # the file's order
        ).scalars()
        # object columns while folding: masked writes into Arrow-backed strings cost ~10 ms a column
        baseline = pd.DataFrame([json.loads(r) for r in rows], columns=PROJECTS.columns, dtype=object)
        found = connection.execute(select(*[updates.c[c] for c in LOG_COLUMNS])).all()
        # columns from plain tuples: pandas probes each Row object's attributes otherwise (~0.2 s for 10,000)
        log = pd.DataFrame(dict(zip(LOG_COLUMNS, zip(*found, strict=True), strict=True)) if found else [],
                           columns=LOG_COLUMNS)  # fmt: skip
        position = int(log["update_id"].max()) if len(log) else 0
    if baseline.empty:
        raise NoEditionError(f"edition {edition} is not in the database")
    return edition, dated, baseline, log, position


def effective_updates(log: pd.DataFrame, as_of: dt.date | None, since: dt.date | None = None) -> pd.DataFrame:
    """The updates that count as of ``as_of`` (None: all) on an edition dated ``since``, in the order they apply."""
    live = log[~log["update_id"].isin(log["corrects"].dropna().astype(int))]
    if as_of is not None:
        live = live[live["effective_date"] <= pd.Timestamp(as_of)]
    if since is not None:  # older than the edition's own report for a field that report states
        live = live[~(live["field"].isin(STATED_BY_REPORT) & (live["effective_date"] < pd.Timestamp(since)))]
    return live.sort_values(["effective_date", "update_id"], kind="stable")


def superseded_by(field: str, effective: dt.date, dated: Mapping[str, dt.date | None]) -> str:
    """The edition whose report first leaves an update uncounted, "" when it counts on every edition of ``dated``.

    ``dated`` maps editions to their report dates (None: not known). The rule is :func:`effective_updates`'s:
    an update of a field a report states that took effect before an edition's report date is older than
    what that report says.
    """
    if field not in STATED_BY_REPORT:
        return ""
    later = sorted((day, edition) for edition, day in dated.items() if day is not None and effective < day)
    return later[0][1] if later else ""


def report_dates(db: Database) -> dict[str, dt.date | None]:
    """Every edition's report date (None: not known), for :func:`superseded_by`."""
    with db.reading() as connection:
        rows = connection.execute(select(editions.c.edition, editions.c.report_date)).all()
        return {edition: day for edition, day in rows}


def _day(dates: pd.Series) -> pd.Series:
    """``YYYY-MM-DD`` text of effective dates."""
    return dates.dt.strftime("%Y-%m-%d")


def _apply(table: pd.DataFrame, latest: pd.DataFrame, field: str, columns: dict) -> None:
    """Set ``columns`` (name -> function of the decoded value) from each item's latest update of ``field``."""
    chosen = latest[latest["field"] == field].set_index("item_id")
    if chosen.empty:
        return
    values = chosen["value"].map(json.loads)
    mask = table["id"].isin(chosen.index)
    ids = table.loc[mask, "id"]
    for column, pick in columns.items():
        picked = _day(chosen["effective_date"]) if pick is None else values.map(pick)
        keep = ids.map(picked)
        if column in ("name_zh", "name_en"):  # a name update may give one language only
            keep = keep.where(keep.notna(), table.loc[mask, column])
        table.loc[mask, column] = keep.to_numpy()


FOLDS = {
    "status": {"status": lambda v: v, "status_date": None},
    "milestone": {"milestone": lambda v: v, "milestone_date": None},
    "progress": {"progress_percent": float, "progress_date": None},
    "site": {"site_lon": lambda v: v.get("lon", np.nan), "site_lat": lambda v: v.get("lat", np.nan),
             "site_basemap": lambda v: v["basemap"], "site_line": lambda v: json.dumps(v["line"]) if "line" in v else "",
             "precision": lambda v: "site"},
    "townships": {"townships": MULTI_SEP.join},
    "amount": {"investment_yi": lambda v: repr(float(v["yi"])), "investment_kind": lambda v: v["kind"],
               "investment_qualifier": lambda v: ""},
    "name": {"name_zh": lambda v: v.get("zh"), "name_en": lambda v: v.get("en")},
    "note": {"note": lambda v: v},
}  # fmt: skip


def fold(
    baseline: pd.DataFrame, log: pd.DataFrame, as_of: dt.date | None, since: dt.date | None = None
) -> pd.DataFrame:
    """The baseline (text cells, as in projects.csv) with the updates that count as of ``as_of`` applied.

    ``since``: the edition's report date (see the module's rules), ``None`` when it is not known.
    """
    table = baseline.copy()
    for column in LIVING_COLUMNS:
        table[column] = np.nan if column in ("progress_percent", "site_lon", "site_lat", "last_update_id") else ""
    log = log.assign(effective_date=pd.to_datetime(log["effective_date"]))  # dates as datetime64: vectorised
    live = effective_updates(log[log["item_id"].isin(table["id"])], as_of, since)
    latest = live.drop_duplicates(["item_id", "field"], keep="last")
    for field, columns in FOLDS.items():
        _apply(table, latest, field, columns)
    last = live.drop_duplicates("item_id", keep="last").set_index("item_id")
    mask = table["id"].isin(last.index)
    ids = table.loc[mask, "id"]
    table.loc[mask, "last_update_id"] = ids.map(last["update_id"]).astype(float).to_numpy()
    table.loc[mask, "last_update_date"] = ids.map(_day(last["effective_date"])).to_numpy()
    table.loc[mask, "last_update_field"] = ids.map(last["field"]).to_numpy()
    table.loc[mask, "last_evidence"] = ids.map(last["evidence"]).to_numpy()
    table["last_update_id"] = table["last_update_id"].astype("Int64")
    return table


def _typed_state(folded: pd.DataFrame) -> pd.DataFrame:
    state = typed(folded[PROJECTS.columns].astype(str), PROJECTS)
    for column in LIVING_COLUMNS:
        state[column] = folded[column].to_numpy()
    state["last_update_id"] = state["last_update_id"].astype("Int64")
    return state


def state_as_of(db: Database, as_of: dt.date | None = None, edition: str | None = None) -> LivingState:
    """Every item of ``edition`` (default: the newest) as of ``as_of`` (None: latest, every update counts).

    "As in the report" is :func:`report_state`, not the state as of the report date: an editor may record
    something (a site, say) with an effective date before the report, and the report's view must not move.
    """
    edition, dated, baseline, log, position = _read(db, edition)
    return LivingState(_typed_state(fold(baseline, log, as_of, dated)), edition, as_of, position, dated)


def report_state(db: Database, edition: str | None = None) -> LivingState:
    """The edition's items exactly as the report gave them (no update counts; the living columns empty)."""
    edition, dated, baseline, log, position = _read(db, edition)
    return LivingState(_typed_state(fold(baseline, log.iloc[0:0], None)), edition, None, position, dated)
