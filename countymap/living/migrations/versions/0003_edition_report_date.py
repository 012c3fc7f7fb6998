"""Each edition's report date: an update that took effect before it does not override what that report states.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    """Add ``editions.report_date`` (empty for an edition stored before: it has no known date)."""
    op.add_column("editions", sa.Column("report_date", sa.Date, nullable=True))


def downgrade() -> None:
    """Drop ``editions.report_date``."""
    op.drop_column("editions", "report_date")
