"""The append-only update log: save a change (with its optimistic-concurrency check) and read the history.

A save carries the id of the item's latest update that the editor's form was
built from (``based_on``; None when the item had none). Inside the write
transaction (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the item's row locked
``FOR UPDATE``) the item's latest update is read again; when it differs the save
is refused with :class:`ConflictError`, which carries the newer updates to show.
Nothing is lost silently, and nothing already saved is ever changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from countymap.living.accounts import LOCAL_OPERATOR, AccessError, Account, session_account
from countymap.living.audit import now_utc, record
from countymap.living.database import Database
from countymap.living.state import superseded_by
from countymap.living.tables import accounts, items, updates
from countymap.living.values import (
    Change,
    InvalidChangeError,
    Problem,
    change_problems,
    decode_value,
    encode_value,
    normalised,
)
from countymap.text.strings import t

HISTORY_COLUMNS = [
    "update_id",
    "item_id",
    "field",
    "value",
    "effective_date",
    "evidence",
    "recorded_at",
    "corrects",
    "corrected_by",
    "superseded_by",
    "editor",
]


@dataclass(frozen=True)
class UpdateRecord:
    """One saved update (``editor`` is None in public views)."""

    update_id: int
    item_id: str
    field: str
    value: object
    effective_date: dt.date
    evidence: str
    recorded_at: dt.datetime
    corrects: int | None
    editor: str | None


class ConflictError(RuntimeError):
    """The item changed since the form was built; ``newer`` holds the updates saved in between."""

    def __init__(self, newer: list[UpdateRecord]):
        self.problem = Problem("lv_conflict", {"update": newer[-1].update_id if newer else "?"})
        super().__init__(self.problem.message("en"))
        self.newer = newer


def _record(row, public: bool) -> UpdateRecord:
    return UpdateRecord(
        update_id=row.update_id,
        item_id=row.item_id,
        field=row.field,
        value=decode_value(row.value),
        effective_date=row.effective_date,
        evidence=row.evidence,
        recorded_at=row.recorded_at,
        corrects=row.corrects,
        editor=None if public else row.editor,
    )


def _history_query(item_id: str | None = None, after: int | None = None):
    query = select(*updates.c, accounts.c.name.label("editor")).join(
        accounts, updates.c.account_id == accounts.c.account_id
    )
    if item_id is not None:
        query = query.where(updates.c.item_id == item_id)
    if after is not None:
        query = query.where(updates.c.update_id > after)
    return query.order_by(updates.c.update_id)


def last_update_id(connection: Connection, item_id: str) -> int | None:
    """The id of the item's latest recorded update (None if it has none): what a form is built from."""
    return connection.execute(select(func.max(updates.c.update_id)).where(updates.c.item_id == item_id)).scalar()


def latest_update_of(db: Database, item_id: str) -> int | None:
    """:func:`last_update_id` in its own read transaction (the editing form calls it when it opens)."""
    with db.reading() as connection:
        return last_update_id(connection, item_id)


def _check_in_database(connection: Connection, change: Change) -> None:
    lock = select(items.c.item_id).where(items.c.item_id == change.item_id)
    if connection.dialect.name == "postgresql":
        lock = lock.with_for_update()  # two savers of one item queue here; SQLite's BEGIN IMMEDIATE already did
    if connection.execute(lock).first() is None:
        raise InvalidChangeError([Problem("lv_unknown_item", {"item": change.item_id})])
    if change.corrects is not None:
        target = connection.execute(
            select(updates.c.item_id, updates.c.field).where(updates.c.update_id == change.corrects)
        ).first()
        if target is None or (target.item_id, target.field) != (change.item_id, change.field):
            raise InvalidChangeError([Problem("lv_corrects_other", {"update": change.corrects})])


def _save(
    db: Database,
    actor: Callable[[Connection, dt.datetime], Account],
    change: Change,
    based_on: int | None,
    extra_check: Callable[[Change], list[Problem]] | None,
) -> UpdateRecord:
    at = now_utc()
    change = normalised(change)
    problems = change_problems(change, at.date())
    if not problems and extra_check is not None:
        problems = extra_check(change)
    if problems:
        raise InvalidChangeError(problems)
    with db.writing() as connection:
        account = actor(connection, at)
        if account.role not in ("editor", "admin") or account is LOCAL_OPERATOR:
            raise AccessError(Problem("lv_not_allowed"))
        _check_in_database(connection, change)
        latest = last_update_id(connection, change.item_id)
        if latest != based_on:
            newer = connection.execute(_history_query(change.item_id, after=based_on)).all()
            raise ConflictError([_record(row, public=False) for row in newer])
        values = {
            "item_id": change.item_id,
            "field": change.field,
            "value": encode_value(change.value),
            "effective_date": change.effective_date,
            "evidence": change.evidence,
            "account_id": account.account_id,
            "recorded_at": at,
            "corrects": change.corrects,
        }
        new_id = connection.execute(insert(updates).values(**values)).inserted_primary_key[0]
        detail = {k: str(v) for k, v in values.items() if k not in ("account_id", "recorded_at")}
        record(connection, "update.save", change.item_id, account.account_id, {"update_id": new_id, **detail}, at)
    return UpdateRecord(
        new_id, change.item_id, change.field, change.value, change.effective_date, values["evidence"], at,
        change.corrects, account.name,
    )  # fmt: skip


def save_update(
    db: Database,
    token: str | None,
    change: Change,
    based_on: int | None,
    extra_check: Callable[[Change], list[Problem]] | None = None,
) -> UpdateRecord:
    """Record ``change`` for the editor signed in with ``token``.

    Parameters
    ----------
    db : Database
    token : str
        The session token from :func:`countymap.living.accounts.sign_in`.
    change : Change
    based_on : int or None
        The item's latest update id when the form was built (:func:`latest_update_of`).
    extra_check : callable, optional
        Checks that need the county's geodata (e.g. :func:`countymap.living.place.geodata_check`).

    Raises
    ------
    InvalidChangeError, AccessError, ConflictError
        Each carries ``problem``/``problems`` to show in the reader's language.
    """
    return _save(db, lambda connection, at: session_account(connection, token, at), change, based_on, extra_check)


def save_update_as(
    db: Database,
    name: str,
    change: Change,
    based_on: int | None,
    extra_check: Callable[[Change], list[Problem]] | None = None,
) -> UpdateRecord:
    """:func:`save_update` for the command line: the change is recorded as the active account ``name``."""

    def _named(connection: Connection, _at: dt.datetime) -> Account:
        row = connection.execute(select(accounts).where(accounts.c.name == name, accounts.c.active.is_(True))).first()
        if row is None:
            raise AccessError(Problem("lv_not_allowed"))
        return Account(row.account_id, row.name, row.role)

    return _save(db, _named, change, based_on, extra_check)


def history(db: Database, item_id: str | None = None, public: bool = True) -> list[UpdateRecord]:
    """Every update (of one item), oldest first; ``public`` drops the editors' names."""
    with db.reading() as connection:
        return [_record(row, public) for row in connection.execute(_history_query(item_id)).all()]


def utc_text(moment: dt.datetime) -> str:
    """``2023-07-01T08:30:00Z``: every stored time is UTC (SQLite hands it back without its zone)."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return utc.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def history_frame(
    records: list[UpdateRecord], lang: str = "zh", dated: Mapping[str, dt.date | None] | None = None
) -> pd.DataFrame:
    """The history as a table (values as JSON text; an unnamed editor reads "county editor").

    ``corrected_by`` names the update that corrected a row (a corrected row counts for no date: show it struck
    through, never as fact). ``superseded_by`` names the edition whose report an update is older than, for a
    field that report states (:func:`countymap.living.state.superseded_by` over ``dated``, each edition's
    report date: :func:`countymap.living.state.report_dates`); "" when it counts on every edition.
    """
    corrected_by = {r.corrects: r.update_id for r in records if r.corrects is not None}
    skipped = ("value", "editor", "corrected_by", "superseded_by")
    rows = [
        {
            **{name: getattr(r, name) for name in HISTORY_COLUMNS if name not in skipped},
            "corrected_by": corrected_by.get(r.update_id),
            "superseded_by": superseded_by(r.field, r.effective_date, dated or {}),
            "value": encode_value(r.value),
            "recorded_at": utc_text(r.recorded_at),
            "editor": r.editor or t("lv_county_editor", lang),
        }
        for r in records
    ]
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)
