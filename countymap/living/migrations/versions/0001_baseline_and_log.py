"""Baseline editions, items, accounts and the append-only update log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from countymap.living.triggers import allow_changes, refuse_changes

revision = "0001"
down_revision = None

APPEND_ONLY = ("editions", "baseline_items", "updates")


def upgrade() -> None:
    """Create the tables and make the baseline and the log append-only."""
    op.create_table(
        "editions",
        sa.Column("edition", sa.String(16), primary_key=True),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "items",
        sa.Column("item_id", sa.String(80), primary_key=True),
        sa.Column("first_edition", sa.String(16), sa.ForeignKey("editions.edition"), nullable=False),
    )
    op.create_table(
        "baseline_items",
        sa.Column("edition", sa.String(16), sa.ForeignKey("editions.edition"), primary_key=True),
        sa.Column("item_id", sa.String(80), sa.ForeignKey("items.item_id"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("row", sa.Text, nullable=False),
    )
    op.create_table(
        "accounts",
        sa.Column("account_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "updates",
        sa.Column("update_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.String(80), sa.ForeignKey("items.item_id"), nullable=False, index=True),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("effective_date", sa.Date, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.account_id"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("corrects", sa.Integer, sa.ForeignKey("updates.update_id"), nullable=True),
    )
    for table in APPEND_ONLY:
        refuse_changes(op.get_bind(), table)


def downgrade() -> None:
    """Drop everything (only ever run on a test database)."""
    for table in APPEND_ONLY:
        allow_changes(op.get_bind(), table)
    for table in ("updates", "accounts", "baseline_items", "items", "editions"):
        op.drop_table(table)
