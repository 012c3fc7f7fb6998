"""The audit log: every update, account change and sign-in, append-only, exportable by an admin."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from countymap.living.tables import accounts, audit_log

AUDIT_COLUMNS = ["audit_id", "at", "account", "action", "subject", "detail"]


def now_utc() -> dt.datetime:
    """The current time, timezone-aware (every timestamp in the database is UTC)."""
    return dt.datetime.now(dt.UTC)


def record(
    connection: Connection, action: str, subject: str, account_id: int | None, detail: dict, at: dt.datetime
) -> None:
    """Append one audit row inside the caller's transaction (it commits or rolls back with the change)."""
    connection.execute(
        insert(audit_log).values(
            at=at,
            account_id=account_id,
            action=action,
            subject=subject[:120],
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
        )
    )


def audit_frame(connection: Connection) -> pd.DataFrame:
    """The whole audit log, oldest first, with account names (for an admin only: see accounts.export_audit)."""
    query = (
        select(
            audit_log.c.audit_id,
            audit_log.c.at,
            accounts.c.name.label("account"),
            audit_log.c.action,
            audit_log.c.subject,
            audit_log.c.detail,
        )
        .select_from(audit_log.outerjoin(accounts, audit_log.c.account_id == accounts.c.account_id))
        .order_by(audit_log.c.audit_id)
    )
    return pd.DataFrame(connection.execute(query).all(), columns=AUDIT_COLUMNS)
