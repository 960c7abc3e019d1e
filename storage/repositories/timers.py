"""Timers: rows with a due time, claimed with leases and finished with a token check."""

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, case, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Timer
from storage.repositories.leases import Claim, claim, next_due

_INSERTS: dict[str, Any] = {}


def _insert(dialect: str) -> Any:
    """One prebuilt INSERT … ON CONFLICT DO NOTHING per dialect (compiled once, then bound)."""
    if dialect not in _INSERTS:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        table = cast(Table, Timer.__table__)
        _INSERTS[dialect] = insert(table).on_conflict_do_nothing(
            index_elements=[table.c.report_id, table.c.kind, table.c.step])
    return _INSERTS[dialect]


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
    await session.execute(_insert(dialect), {
        "kind": kind, "report_id": report_id, "step": step, "due_at": due_at,
        "status": "pending", "payload": payload or {}, "created_at": now})


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


async def finish_many(
    session: AsyncSession, ids: list[int], token: str, now: datetime, unknown: set[int]
) -> set[int]:
    """Mark a batch of claimed timers done (those in `unknown` as having no handler); returns
    the ids still ours: pending under our lease. The rest another worker has, or has run."""
    if not ids:
        return set()
    status = case((Timer.id.in_(unknown), "unknown_kind"), else_="fired") if unknown else "fired"
    result = await session.execute(
        update(Timer)
        .where(Timer.id.in_(ids), Timer.lease_token == token, Timer.status == "pending")
        .values(status=status, fired_at=now, lease_token=None, lease_until=None)
        .returning(Timer.id)
        .execution_options(synchronize_session=False)
    )
    return set(result.scalars())


async def next_due_at(session: AsyncSession, now: datetime) -> datetime | None:
    """When the next pending timer nobody holds falls due (None: none pending)."""
    return await next_due(session, Timer, Timer.due_at, now)


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
