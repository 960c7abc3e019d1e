"""The latest moment anything was recorded at, so a movable clock (the console's `/advance`)
can carry on from there after a restart instead of going back in time."""

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.case_models import CaseEntry
from storage.models import (
    Absence,
    AuditEvent,
    FlowSession,
    JobRun,
    OutboxMessage,
    Report,
    Timer,
)
from storage.wellbeing_models import Checkin, CheckinOffer

RECORDED: tuple[Any, ...] = (
    Report.recorded_at, Report.acknowledged_at, Report.closed_at, AuditEvent.at, CaseEntry.at,
    FlowSession.updated_at, OutboxMessage.created_at, Timer.created_at, Timer.fired_at,
    Absence.created_at, JobRun.last_run_at, Checkin.updated_at, CheckinOffer.created_at,
)
"""When things happened (never when they are due, which may rightly lie ahead)."""


async def latest(session: AsyncSession) -> datetime | None:
    found = [await session.scalar(select(func.max(column))) for column in RECORDED]
    return max((moment for moment in found if moment is not None), default=None)
