"""A covering index for counting reports by month and kind (the annual picture, the register).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_reports_month", "reports", ["recorded_at", "kind", "is_practice"])


def downgrade() -> None:
    op.drop_index("ix_reports_month", table_name="reports")
