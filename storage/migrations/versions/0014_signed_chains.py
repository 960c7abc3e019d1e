"""Sign the audit chain with the key ring, chain the case entries, and keep both heads apart.

Existing audit entries keep their SHA-256 links and gain an HMAC of their stored hash (a link
that was already broken stays broken: `audit verify` recomputes every hash). Existing case
entries are chained in id order and signed. Both heads are recorded. Signing needs the key
ring handed over by `safeguard-bot migrate` (storage.migrate); an empty database needs none
(the first entry then starts each head).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-24
"""

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from storage.repositories.cases import entry_hash as case_entry_hash
from storage.repositories.chain import AUDIT, CASE_ENTRIES, GENESIS, head_data
from storage.types import UTCDateTime

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CASE_ENTRIES_TABLE = sa.table(
    "case_entries", sa.column("id", sa.BigInteger()), sa.column("report_id", sa.BigInteger()),
    sa.column("sequence", sa.Integer()), sa.column("kind", sa.String()),
    sa.column("at", UTCDateTime()), sa.column("by_person_id", sa.String()),
    sa.column("code", sa.String()), sa.column("agency", sa.String()),
    sa.column("effective_on", sa.Date()), sa.column("person_id", sa.String()),
    sa.column("related_report_id", sa.BigInteger()), sa.column("refers_to", sa.Integer()))


def _keys() -> Any:
    keys = context.config.attributes.get("keys")
    if keys is None:
        raise RuntimeError("existing audit and case entries must be signed: run "
                           "`safeguard-bot migrate` with the encryption keys available")
    return keys


def _record_head(connection: sa.Connection, name: str, count: int, last_id: int,
                 last_hash: str) -> None:
    keys = context.config.attributes.get("keys")
    if keys is None:  # nothing to record yet: the first entry starts the head
        return
    connection.execute(
        sa.text("INSERT INTO chain_heads (name, count, last_id, last_hash, mac) "
                "VALUES (:n, :c, :i, :h, :m)"),
        {"n": name, "c": count, "i": last_id, "h": last_hash,
         "m": keys.sign_chain(head_data(name, count, last_id, last_hash))})


def _sign_audit(connection: sa.Connection) -> None:
    rows = connection.execute(sa.text("SELECT id, hash FROM audit_events ORDER BY id")).all()
    for row in rows:
        connection.execute(sa.text("UPDATE audit_events SET mac = :m WHERE id = :i"),
                           {"m": _keys().sign_chain(row.hash), "i": row.id})
    last_id, last_hash = (rows[-1].id, rows[-1].hash) if rows else (0, GENESIS)
    _record_head(connection, AUDIT, len(rows), last_id, last_hash)


def _chain_case_entries(connection: sa.Connection) -> None:
    previous, count, last_id = GENESIS, 0, 0
    rows = connection.execute(sa.select(CASE_ENTRIES_TABLE)
                              .order_by(CASE_ENTRIES_TABLE.c.id)).mappings().all()
    for row in rows:
        digest = case_entry_hash(previous, SimpleNamespace(**row))  # type: ignore[arg-type]
        connection.execute(
            sa.text("UPDATE case_entries SET prev_hash = :p, hash = :h, mac = :m "
                    "WHERE id = :i"),
            {"p": previous, "h": digest, "m": _keys().sign_chain(digest), "i": row["id"]})
        previous, count, last_id = digest, count + 1, row["id"]
    _record_head(connection, CASE_ENTRIES, count, last_id, previous)


def upgrade() -> None:
    op.create_table(
        "chain_heads",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("last_id", sa.BigInteger(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("mac", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("mac", sa.String(length=120), nullable=True))
    with op.batch_alter_table("case_entries") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("mac", sa.String(length=120), nullable=True))
    connection = op.get_bind()
    _sign_audit(connection)
    _chain_case_entries(connection)
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column("mac", nullable=False)
    with op.batch_alter_table("case_entries") as batch:
        batch.alter_column("prev_hash", nullable=False)
        batch.alter_column("hash", nullable=False)
        batch.alter_column("mac", nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("case_entries") as batch:
        batch.drop_column("mac")
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("mac")
    op.drop_table("chain_heads")
