"""The living map's tables, as SQLAlchemy Core objects used by the queries.

The migrations under ``migrations/versions`` create them (a migration spells
its tables out, so that an old revision stays what it was); a test checks
that the head revision and these definitions agree.

- ``editions`` and ``baseline_items``: a report's items as imported, never changed.
- ``items``: one row per item id, the anchor the updates point to.
- ``updates``: the append-only log (``corrects`` names an earlier update that was wrong).
- ``accounts``, ``sessions``: editors and admins, and their signed-in sessions.
- ``audit_log``: every update, account change and sign-in, append-only.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

editions = Table(
    "editions",
    metadata,
    Column("edition", String(16), primary_key=True),
    Column("source_sha256", String(64), nullable=False),
    Column("rows", Integer, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("report_date", Date, nullable=True),  # the report's delivery date; empty: not known (see state.fold)
)

items = Table(
    "items",
    metadata,
    Column("item_id", String(80), primary_key=True),
    Column("first_edition", String(16), ForeignKey("editions.edition"), nullable=False),
)

baseline_items = Table(
    "baseline_items",
    metadata,
    Column("edition", String(16), ForeignKey("editions.edition"), primary_key=True),
    Column("item_id", String(80), ForeignKey("items.item_id"), primary_key=True),
    # The file's row as JSON text, cell by cell as written: the report's words stay what they were even when
    # projects.csv gains a column later.
    Column("position", Integer, nullable=False),
    Column("row", Text, nullable=False),
)

accounts = Table(
    "accounts",
    metadata,
    Column("account_id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

updates = Table(
    "updates",
    metadata,
    Column("update_id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", String(80), ForeignKey("items.item_id"), nullable=False, index=True),
    Column("field", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("effective_date", Date, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("account_id", Integer, ForeignKey("accounts.account_id"), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("corrects", Integer, ForeignKey("updates.update_id"), nullable=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.account_id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True), nullable=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("audit_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("account_id", Integer, ForeignKey("accounts.account_id"), nullable=True),
    Column("action", String(32), nullable=False),
    Column("subject", String(120), nullable=False, index=True),
    Column("detail", Text, nullable=False),
)

# Tables whose rows are never changed nor deleted (triggers refuse it in the database).
APPEND_ONLY = ("editions", "baseline_items", "updates", "audit_log")
