"""Reports and their reference numbers."""

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, or_, select, text, update
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


_CLAIM_CODE: dict[str, Any] = {}


def _claim_code(dialect: str) -> Any:
    """Claim a coded reference once: a counter row whose series is the code itself, kept at
    0; a second claim of the same code inserts nothing (prebuilt per dialect)."""
    if dialect not in _CLAIM_CODE:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        _CLAIM_CODE[dialect] = (
            insert(ReferenceCounter)
            .values(series=bindparam("series"), year=bindparam("year"), last_number=0)
            .on_conflict_do_nothing(index_elements=[ReferenceCounter.series,
                                                    ReferenceCounter.year])
            .returning(ReferenceCounter.last_number)
        )
    return _CLAIM_CODE[dialect]


async def claim_reference_code(session: AsyncSession, series: str, year: int) -> bool:
    """Take a coded reference (`series` is its prefix and code, e.g. `SG-K7QMX`) for this
    transaction's report; False if it was ever taken before (draw another). Atomic across
    processes: a concurrent claim of the same code waits for this one and then gets False."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    result = await session.execute(_claim_code(dialect), {"series": series, "year": year})
    return result.first() is not None


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


async def open_reports(session: AsyncSession, limit: int = 50, hidden_from: str | None = None
                       ) -> list[Report]:
    """Unclosed, real (not practice) reports, oldest first; none about `hidden_from`."""
    query = select(Report).where(text(OPEN_REPORTS), Report.is_practice.is_(False))
    if hidden_from is not None:
        query = query.where(or_(Report.subject_person_id.is_(None),
                                Report.subject_person_id != hidden_from))
    result = await session.execute(query.order_by(Report.recorded_at).limit(limit))
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


async def open_reports_by(session: AsyncSession, person_id: str | None = None,
                          platform: str | None = None, user_id: str | None = None
                          ) -> list[Report]:
    """Unclosed reports made by a person from the config (by id) or a platform user."""
    query = select(Report).where(text(OPEN_REPORTS))
    if person_id is not None:
        query = query.where(Report.reporter_person_id == person_id)
    else:
        query = query.where(Report.reporter_platform == (platform or ""),
                            Report.reporter_user_id == (user_id or ""))
    return list((await session.execute(query)).scalars())


async def count_real(session: AsyncSession) -> int:
    """How many reports exist, leaving practice records out."""
    result = await session.execute(
        select(func.count()).select_from(Report).where(Report.is_practice.is_(False))
    )
    return int(result.scalar_one())
