"""Timers: rows with a due time, claimed with leases and finished with a token check."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Timer
from storage.repositories.leases import Claim, claim


async def schedule(
    session: AsyncSession,
    kind: str,
    report_id: int | None,
    step: int,
    due_at: datetime,
    now: datetime,
    payload: dict[str, Any] | None = None,
) -> None:
    """Add a timer; the same (report, kind, step) twice is ignored."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        insert(Timer)
        .values(
            kind=kind,
            report_id=report_id,
            step=step,
            due_at=due_at,
            status="pending",
            payload=payload or {},
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=[Timer.report_id, Timer.kind, Timer.step])
    )


async def claim_due(
    session: AsyncSession, now: datetime, lease: timedelta, limit: int
) -> Claim[Timer]:
    return await claim(session, Timer, Timer.due_at, now, lease, limit)


async def finish(
    session: AsyncSession, timer_id: int, token: str, status: str, now: datetime
) -> bool:
    """Mark a claimed timer done, only if our lease still holds (else another worker has it)."""
    result = await session.execute(
        update(Timer)
        .where(Timer.id == timer_id, Timer.lease_token == token, Timer.status == "pending")
        .values(status=status, fired_at=now, lease_token=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def cancel_for_report(session: AsyncSession, report_id: int, kind: str) -> int:
    result = await session.execute(
        update(Timer)
        .where(Timer.report_id == report_id, Timer.kind == kind, Timer.status == "pending")
        .values(status="cancelled", lease_token=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def bring_forward(session: AsyncSession, report_id: int, kind: str, now: datetime) -> int:
    """Make a report's pending timer of this kind due now (e.g. an alert could not be sent)."""
    result = await session.execute(
        update(Timer)
        .where(Timer.report_id == report_id, Timer.kind == kind, Timer.status == "pending",
               Timer.due_at > now)
        .values(due_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
