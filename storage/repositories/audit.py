"""The audit trail: append-only entries, each chained to the one before by SHA-256."""

import hashlib
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEvent

GENESIS = "0" * 64
CHAIN_LOCK = 7_270_001
"""PostgreSQL advisory lock id that serialises appends, so the chain never forks."""
_TABLE = cast(Table, AuditEvent.__table__)
_COLUMNS = ("at", "action", "actor_platform", "actor_user_id", "actor_person_id", "report_id",
            "detail", "prev_hash", "hash")
_INSERT = insert(_TABLE)
"""A plain (not ORM) insert, prebuilt: appending an entry binds parameters and nothing more."""


def entry_hash(prev_hash: str, event: AuditEvent) -> str:
    """The hash of one entry: everything it says, plus the hash of the entry before it."""
    at = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    body = json.dumps(
        [prev_hash, at, event.action, event.actor_platform, event.actor_user_id,
         event.actor_person_id, event.report_id, event.detail],
        sort_keys=True, separators=(",", ":"), default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


async def _last_hash(session: AsyncSession) -> str:
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    result = await session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc())
                                   .limit(1))
    return result.scalar_one_or_none() or GENESIS


async def record(
    session: AsyncSession,
    at: datetime,
    action: str,
    *,
    actor_platform: str | None = None,
    actor_user_id: str | None = None,
    actor_person_id: str | None = None,
    report_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    event = AuditEvent(
        at=at.astimezone(UTC).replace(microsecond=at.microsecond),
        action=action,
        actor_platform=actor_platform,
        actor_user_id=actor_user_id,
        actor_person_id=actor_person_id,
        report_id=report_id,
        detail=detail or {},
    )
    event.prev_hash = await _last_hash(session)  # (its query flushes pending changes first)
    event.hash = entry_hash(event.prev_hash, event)
    await session.execute(_INSERT, {column: getattr(event, column) for column in _COLUMNS})


async def in_order(session: AsyncSession, batch: int = 1000) -> AsyncIterator[AuditEvent]:
    """Every entry, oldest first, read in batches."""
    last_id = 0
    while True:
        rows = list((await session.execute(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id)
            .limit(batch))).scalars())
        if not rows:
            return
        for row in rows:
            yield row
        last_id = rows[-1].id
        session.expunge_all()


async def for_report(session: AsyncSession, report_id: int) -> list[AuditEvent]:
    result = await session.execute(
        select(AuditEvent).where(AuditEvent.report_id == report_id).order_by(AuditEvent.id)
    )
    return list(result.scalars())


async def by_action(session: AsyncSession, action: str) -> list[AuditEvent]:
    result = await session.execute(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    )
    return list(result.scalars())
