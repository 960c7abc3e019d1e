"""wellbeing check-ins

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", _ID, nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("scheduled_by", sa.String(length=64), nullable=False),
        sa.Column("watchers", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("note_sealed", sa.Text(), nullable=True),
        sa.Column("progress_sealed", sa.Text(), nullable=True),
        sa.Column("answers_sealed", sa.Text(), nullable=True),
        sa.Column("next_timer_id", sa.Integer(), nullable=True),
        sa.Column("delivery_round", sa.Integer(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.create_index("ix_checkins_person", ["person_id", "state"], unique=False)
        batch_op.create_index("ix_checkins_scheduled_by", ["scheduled_by", "state"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_checkins_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_checkins_ended_at"), ["ended_at"], unique=False)

    op.create_table(
        "checkin_offers",
        sa.Column("id", _ID, nullable=False),
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("answer", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    with op.batch_alter_table("checkin_offers", schema=None) as batch_op:
        batch_op.create_index("ix_checkin_offers_person", ["person_id", "created_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("checkin_offers", schema=None) as batch_op:
        batch_op.drop_index("ix_checkin_offers_person")
    op.drop_table("checkin_offers")

    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkins_ended_at"))
        batch_op.drop_index(batch_op.f("ix_checkins_due_at"))
        batch_op.drop_index("ix_checkins_scheduled_by")
        batch_op.drop_index("ix_checkins_person")
    op.drop_table("checkins")
