"""Periodic jobs: one replica claims each period with a conditional update."""

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import JobRun


async def claim_period(session: AsyncSession, name: str, every: timedelta,
                       now: datetime) -> bool:
    """True for exactly one caller per period, across every process."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    created = await session.execute(
        insert(JobRun).values(name=name, last_run_at=now)
        .on_conflict_do_nothing(index_elements=[JobRun.name])
    )
    if created.rowcount == 1:  # type: ignore[attr-defined]
        return True
    result = await session.execute(
        update(JobRun)
        .where(JobRun.name == name, JobRun.last_run_at <= now - every)
        .values(last_run_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]
