"""The audit trail: append-only entries in a signed hash chain (storage.repositories.chain)."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEvent
from storage.repositories import chain
from storage.repositories.chain import GENESIS, link_hash

__all__ = ["GENESIS", "by_action", "entry_hash", "for_report", "in_order", "record"]
_TABLE = cast(Table, AuditEvent.__table__)
_COLUMNS = ("at", "action", "actor_platform", "actor_user_id", "actor_person_id", "report_id",
            "detail", "prev_hash", "hash", "mac")
_INSERT = insert(_TABLE).returning(_TABLE.c.id)
"""A plain (not ORM) insert, prebuilt: appending an entry binds parameters and nothing more."""


def entry_hash(prev_hash: str, event: AuditEvent) -> str:
    """The hash of one entry: everything it says, plus the hash of the entry before it."""
    at = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    return link_hash(prev_hash, [at, event.action, event.actor_platform, event.actor_user_id,
                                 event.actor_person_id, event.report_id, event.detail])


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
    sign = chain.signer(session)
    head = await chain.begin_append(session, chain.AUDIT)
    event.prev_hash = head.last_hash
    event.hash = entry_hash(event.prev_hash, event)
    event.mac = sign.sign_chain(event.hash)
    new_id = (await session.execute(
        _INSERT, {column: getattr(event, column) for column in _COLUMNS})).scalar_one()
    await chain.advance(session, head, new_id, event.hash, sign)


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
