"""Publish a review's accepted drafts as a new edition: the next report's baseline, in one audited transaction.

The drafter links a draft to an existing item by giving it that item's id (and
saying so in its evidence; :func:`countymap.draft.previous.linked_ids` reads it).
A linked item keeps its id, so its updates and timeline continue into the new
edition; every other draft becomes a new item. The rows are checked as an
upload is (:func:`countymap.validation.validate.validate_frame`) and stored as
``db import`` would store the review's downloaded file. An edition is published
once: a baseline never changes, so a second publish of it is refused.

Only a live session of an active account (editor or admin) may publish: the
token is checked inside the write transaction, as every save is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection

from countymap.living.accounts import LOCAL_OPERATOR, Account, session_account
from countymap.living.audit import now_utc, record
from countymap.living.baseline import EDITION_PATTERN, store_edition
from countymap.living.database import Database
from countymap.living.tables import editions, items
from countymap.living.values import Problem
from countymap.schema import PROJECTS
from countymap.validation import validate
from countymap.validation.context import ValidationContext

SHOWN_IDS = 5  # a refusal names this many ids at most


@dataclass(frozen=True)
class Plan:
    """What a publish would store: how many items, which of them continue an existing item, which are new."""

    edition: str
    rows: int
    linked: tuple[str, ...]
    new: tuple[str, ...]


class PublishError(ValueError):
    """The drafts cannot be published; ``problems`` say why, ``invalid`` are the rows' validation problems."""

    def __init__(self, problems: list[Problem], invalid: list[validate.Problem] | None = None):
        super().__init__("; ".join(p.message("en") for p in problems))
        self.problems = problems
        self.invalid = invalid or []


def _ids(found: list[str]) -> str:
    return ", ".join(found[:SHOWN_IDS]) + (" …" if len(found) > SHOWN_IDS else "")


def _plan(connection: Connection, frame: pd.DataFrame, edition: str, linked: Collection[str]) -> Plan:
    """The plan, or :class:`PublishError` for an edition that exists or ids that do not fit the database."""
    if not isinstance(edition, str) or not EDITION_PATTERN.fullmatch(edition):
        raise PublishError([Problem("lv_bad_edition", {"edition": str(edition)[:20]})])
    if connection.execute(select(editions.c.edition).where(editions.c.edition == edition)).scalar() is not None:
        raise PublishError([Problem("lv_edition_exists", {"edition": edition})])
    ids = list(frame["id"])
    existing = set(connection.execute(select(items.c.item_id).where(items.c.item_id.in_(ids))).scalars())
    lost = [i for i in ids if i in set(linked) and i not in existing]  # linked to an item this database lacks
    taken = [i for i in ids if i in existing and i not in set(linked)]  # would silently join another's history
    problems = [Problem("lv_link_unknown", {"ids": _ids(lost)})] if lost else []
    problems += [Problem("lv_id_taken", {"ids": _ids(taken)})] if taken else []
    if problems:
        raise PublishError(problems)
    return Plan(edition, len(ids), tuple(i for i in ids if i in existing), tuple(i for i in ids if i not in existing))


def _checked(frame: pd.DataFrame, context: ValidationContext) -> pd.DataFrame:
    """The rows as text cells in the projects file's columns, or :class:`PublishError` with their problems."""
    if frame.empty:
        raise PublishError([Problem("lv_publish_empty")])
    cells = frame.reindex(columns=list(PROJECTS.columns), fill_value="").fillna("").astype(str)
    invalid = validate.validate_frame(cells, PROJECTS, context)
    if invalid:
        raise PublishError([Problem("lv_publish_invalid", {"n": len(invalid)})], invalid)
    return cells.reset_index(drop=True)


def plan_publish(db: Database, frame: pd.DataFrame, edition: str, linked: Collection[str]) -> Plan:
    """What :func:`publish_edition` would store (nothing is written), or :class:`PublishError`."""
    with db.reading() as connection:
        return _plan(connection, frame, edition, linked)


def publish_edition(
    db: Database,
    actor: str | Account,
    frame: pd.DataFrame,
    edition: str,
    linked: Collection[str],
    context: ValidationContext,
    report_date: dt.date | None = None,
) -> Plan:
    """Store the accepted drafts ``frame`` as the baseline of the new ``edition``; audited.

    Parameters
    ----------
    actor : str or Account
        An editor's or admin's session token, or :data:`~countymap.living.accounts.LOCAL_OPERATOR`.
    linked : collection of str
        The ids the drafter linked to existing items (they must be items of this database).
    context : ValidationContext
        What the rows are checked against (the new report's text and years).
    report_date : datetime.date, optional
        The new report's delivery date: an update that took effect before it no
        longer overrides what this edition states (``None``: not known).

    Raises
    ------
    AccessError
        Without a live session of an active account.
    PublishError
        The rows do not validate, the edition exists already, or an id does not fit the database.
    """
    cells = _checked(frame, context)
    digest = hashlib.sha256(cells.to_csv(index=False).encode("utf-8")).hexdigest()
    at = now_utc()
    with db.writing() as connection:
        account = actor if actor is LOCAL_OPERATOR else session_account(connection, _token(actor), at)
        plan = _plan(connection, cells, edition, linked)
        store_edition(connection, edition, cells, digest, at, report_date)
        detail = {"sha256": digest, "rows": plan.rows, "linked": len(plan.linked), "new": len(plan.new)}
        account_id = None if account is LOCAL_OPERATOR else account.account_id
        record(connection, "edition.publish", edition, account_id, detail | {"by": account.name}, at)
    return plan


def _token(actor: object) -> str | None:
    """Only a string stands for a session (a made-up Account object is no one)."""
    return actor if isinstance(actor, str) else None
