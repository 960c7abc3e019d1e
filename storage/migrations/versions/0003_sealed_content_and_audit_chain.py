"""Seal report content and flow progress at rest; chain the audit trail with SHA-256.

Existing rows are converted in place: their plain JSON is sealed with the key ring handed to
the migration by `safeguard-bot migrate` (storage.migrate), and the audit chain is computed
over existing entries in id order.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from storage.repositories.audit import GENESIS, entry_hash

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json(value: object) -> object:
    return json.loads(value) if isinstance(value, str) else value


def _keys() -> Any:
    keys = context.config.attributes.get("keys")
    if keys is None:
        raise RuntimeError("existing records must be sealed: run `safeguard-bot migrate` "
                           "with the encryption keys available")
    return keys


def _seal_existing(connection: sa.Connection) -> None:
    reports = connection.execute(sa.text("SELECT id, reference, answers, context FROM reports"))
    for row in reports.mappings().all():
        keys = _keys()
        connection.execute(
            sa.text("UPDATE reports SET answers_sealed = :a, context_sealed = :c WHERE id = :i"),
            {"a": keys.seal_json(_json(row["answers"]), f"report:{row['reference']}:answers"),
             "c": keys.seal_json(_json(row["context"]) or {},
                                 f"report:{row['reference']}:context"),
             "i": row["id"]},
        )
    sessions = connection.execute(
        sa.text("SELECT id, platform, conversation_id, state FROM flow_sessions"))
    for row in sessions.mappings().all():
        label = f"flow:{row['platform']}:{row['conversation_id']}"
        connection.execute(
            sa.text("UPDATE flow_sessions SET state_sealed = :s WHERE id = :i"),
            {"s": _keys().seal_json(_json(row["state"]), label), "i": row["id"]},
        )


def _chain_existing(connection: sa.Connection) -> None:
    previous = GENESIS
    events = connection.execute(sa.text(
        "SELECT id, at, action, actor_platform, actor_user_id, actor_person_id, report_id, "
        "detail FROM audit_events ORDER BY id"))
    for row in events.mappings().all():
        at = datetime.fromisoformat(row["at"]) if isinstance(row["at"], str) else row["at"]
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at
        event = SimpleNamespace(**{**row, "at": at, "detail": _json(row["detail"])})
        digest = entry_hash(previous, event)  # type: ignore[arg-type]
        connection.execute(
            sa.text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :i"),
            {"p": previous, "h": digest, "i": row["id"]},
        )
        previous = digest


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("answers_sealed", sa.Text(), nullable=True))
        batch.add_column(sa.Column("context_sealed", sa.Text(), nullable=True))
    with op.batch_alter_table("flow_sessions") as batch:
        batch.add_column(sa.Column("state_sealed", sa.Text(), nullable=True))
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(64), nullable=True))
    connection = op.get_bind()
    _seal_existing(connection)
    _chain_existing(connection)
    with op.batch_alter_table("reports") as batch:
        batch.alter_column("answers_sealed", nullable=False)
        batch.alter_column("context_sealed", nullable=False)
        batch.drop_column("answers")
        batch.drop_column("context")
    with op.batch_alter_table("flow_sessions") as batch:
        batch.alter_column("state_sealed", nullable=False)
        batch.drop_column("state")
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column("prev_hash", nullable=False)
        batch.alter_column("hash", nullable=False)


def downgrade() -> None:
    raise RuntimeError("sealed records cannot be unsealed by a migration")
