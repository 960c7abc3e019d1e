"""Reports and their reference numbers."""

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OPEN_REPORTS, ReferenceCounter, Report
from storage.repositories import rows

_NEXT_NUMBER: dict[str, Any] = {}


def _next_number(dialect: str) -> Any:
    """The counter upsert, prebuilt per dialect (compiled once, then only bound)."""
    if dialect not in _NEXT_NUMBER:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        _NEXT_NUMBER[dialect] = (
            insert(ReferenceCounter)
            .values(series=bindparam("series"), year=bindparam("year"), last_number=1)
            .on_conflict_do_update(
                index_elements=[ReferenceCounter.series, ReferenceCounter.year],
                set_={"last_number": ReferenceCounter.last_number + 1},
            )
            .returning(ReferenceCounter.last_number)
        )
    return _NEXT_NUMBER[dialect]


async def next_reference_number(session: AsyncSession, series: str, year: int) -> int:
    """Atomically take the next number in a series (safe across processes)."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    result = await session.execute(_next_number(dialect), {"series": series, "year": year})
    return int(result.scalar_one())


async def add(session: AsyncSession, report: Report) -> Report:
    """Insert a new report (a prebuilt plain INSERT, storage.repositories.rows); its id set."""
    await rows.add(session, report)
    return report


async def by_reference(session: AsyncSession, reference: str) -> Report | None:
    result = await session.execute(select(Report).where(Report.reference == reference))
    return result.scalar_one_or_none()


async def by_id(session: AsyncSession, report_id: int) -> Report | None:
    return await session.get(Report, report_id)


async def mark_acknowledged(
    session: AsyncSession, report_id: int, person_id: str, at: datetime
) -> bool:
    """First acknowledgement wins: a conditional update that only a submitted report passes."""
    result = await session.execute(
        update(Report)
        .where(Report.id == report_id, Report.state == "submitted")
        .values(
            state="acknowledged",
            acknowledged_by=person_id,
            acknowledged_at=at,
            version=Report.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def open_reports(session: AsyncSession, limit: int = 50) -> list[Report]:
    """Unclosed, real (not practice) reports, oldest first."""
    result = await session.execute(
        select(Report)
        .where(text(OPEN_REPORTS), Report.is_practice.is_(False))
        .order_by(Report.recorded_at)
        .limit(limit)
    )
    return list(result.scalars())


async def for_reporter(
    session: AsyncSession, platform: str, user_id: str, limit: int = 20
) -> list[Report]:
    result = await session.execute(
        select(Report)
        .where(Report.reporter_platform == platform, Report.reporter_user_id == user_id)
        .order_by(Report.recorded_at.desc())
        .limit(limit)
    )
    return list(result.scalars())


async def count_real(session: AsyncSession) -> int:
    """How many reports exist, leaving practice records out."""
    result = await session.execute(
        select(func.count()).select_from(Report).where(Report.is_practice.is_(False))
    )
    return int(result.scalar_one())
