"""Signed-in sessions and the append-only audit log.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from countymap.living.triggers import allow_changes, refuse_changes

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    """Create ``sessions`` and ``audit_log`` (append-only)."""
    op.create_table(
        "sessions",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.account_id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "audit_log",
        sa.Column("audit_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.account_id"), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(120), nullable=False, index=True),
        sa.Column("detail", sa.Text, nullable=False),
    )
    refuse_changes(op.get_bind(), "audit_log")


def downgrade() -> None:
    """Drop the two tables."""
    allow_changes(op.get_bind(), "audit_log")
    op.drop_table("audit_log")
    op.drop_table("sessions")
