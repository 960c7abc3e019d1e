"""A partial index for the leads' open-report list (stays fast with years of closed history).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_REPORTS = "state <> 'closed'"


def upgrade() -> None:
    op.create_index("ix_reports_open", "reports", ["recorded_at"],
                    postgresql_where=sa.text(OPEN_REPORTS), sqlite_where=sa.text(OPEN_REPORTS))


def downgrade() -> None:
    op.drop_index("ix_reports_open", table_name="reports")
