"""interactions: keys of signed interactions already acted on, and the private views the bot
opened for each person

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "interaction_keys",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_interaction_keys_received_at", "interaction_keys", ["received_at"])
    op.create_table(
        "private_views",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("view_id", sa.String(length=100), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform", "view_id"),
    )
    op.create_index("ix_private_views_owner", "private_views",
                    ["platform", "user_id", "purpose"])
    op.create_index("ix_private_views_opened_at", "private_views", ["opened_at"])


def downgrade() -> None:
    op.drop_index("ix_private_views_opened_at", table_name="private_views")
    op.drop_index("ix_private_views_owner", table_name="private_views")
    op.drop_table("private_views")
    op.drop_index("ix_interaction_keys_received_at", table_name="interaction_keys")
    op.drop_table("interaction_keys")
