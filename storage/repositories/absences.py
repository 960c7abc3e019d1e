"""Absences recorded through the bot (`/away`), as time ranges."""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Absence


async def add(session: AsyncSession, person_id: str, starts_at: datetime, ends_at: datetime,
              now: datetime, created_by: str | None) -> None:
    session.add(Absence(person_id=person_id, starts_at=starts_at, ends_at=ends_at,
                        created_at=now, created_by=created_by))


async def away_at(session: AsyncSession, now: datetime) -> set[str]:
    result = await session.execute(
        select(Absence.person_id).where(Absence.starts_at <= now, Absence.ends_at > now)
    )
    return set(result.scalars())


async def end(session: AsyncSession, person_id: str, now: datetime) -> int:
    """End every current or future absence of this person now."""
    result = await session.execute(
        update(Absence)
        .where(Absence.person_id == person_id, Absence.ends_at > now)
        .values(ends_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
