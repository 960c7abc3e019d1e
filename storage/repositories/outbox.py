"""The outbox: notifications waiting to be sent, claimed with leases by delivery workers."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage
from storage.repositories.leases import Claim, claim


async def enqueue(session: AsyncSession, now: datetime, **values: Any) -> None:
    """Add a message; a second one with the same dedupe key is ignored."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(OutboxMessage)
        .values(status="pending", attempts=0, next_attempt_at=now, created_at=now, **values)
        .on_conflict_do_nothing(index_elements=[OutboxMessage.dedupe_key])
    )
    await session.execute(statement)


async def claim_due(
    session: AsyncSession, now: datetime, lease: timedelta, limit: int
) -> Claim[OutboxMessage]:
    return await claim(session, OutboxMessage, OutboxMessage.next_attempt_at, now, lease, limit)


async def sent_message_id(session: AsyncSession, dedupe_key: str) -> tuple[str, str | None] | None:
    """(status, platform message id) of an earlier message, or None if there is none."""
    result = await session.execute(
        select(OutboxMessage.status, OutboxMessage.platform_message_id).where(
            OutboxMessage.dedupe_key == dedupe_key
        )
    )
    row = result.one_or_none()
    return (row[0], row[1]) if row else None


async def finish(
    session: AsyncSession, message_id: int, token: str, **values: Any
) -> bool:
    """Record the outcome of a send, only if our lease still holds."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.lease_token == token)
        .values(lease_token=None, lease_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def count_by_status(session: AsyncSession) -> dict[str, int]:
    result = await session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    )
    return {status: int(count) for status, count in result.all()}


async def alerted_people(session: AsyncSession, report_id: int) -> list[str]:
    """The ids of everyone an alert for this report was addressed to, in order."""
    result = await session.execute(
        select(OutboxMessage.recipient_person_id)
        .where(
            OutboxMessage.report_id == report_id,
            OutboxMessage.event == "alert",
            OutboxMessage.recipient_person_id.is_not(None),
        )
        .order_by(OutboxMessage.id)
    )
    return list(dict.fromkeys(pid for pid in result.scalars() if pid))


async def channel_alerts(session: AsyncSession, report_id: int) -> list[tuple[str, int]]:
    """(dedupe key, step) of every alert posted to a channel for this report."""
    result = await session.execute(
        select(OutboxMessage.dedupe_key, OutboxMessage.payload)
        .where(OutboxMessage.report_id == report_id, OutboxMessage.event == "alert",
               OutboxMessage.destination_kind == "channel")
        .order_by(OutboxMessage.id)
    )
    return [(key, int(payload.get("step", 0))) for key, payload in result.all()]
