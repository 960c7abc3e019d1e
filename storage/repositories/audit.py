"""The audit trail: append-only entries saying who did what to which record."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEvent


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
    session.add(
        AuditEvent(
            at=at,
            action=action,
            actor_platform=actor_platform,
            actor_user_id=actor_user_id,
            actor_person_id=actor_person_id,
            report_id=report_id,
            detail=detail or {},
        )
    )


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
