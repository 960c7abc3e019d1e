"""The case record: append-only entries per report, and the reads behind the register and
the annual picture."""

from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.case_models import CaseEntry
from storage.models import Report
from storage.repositories import chain


def _is_postgres(session: AsyncSession) -> bool:
    return session.bind is not None and session.bind.dialect.name == "postgresql"


async def lock_report(session: AsyncSession, reference: str) -> Report | None:
    """The report, locked for this transaction, so entries on one case are added one at a
    time (SQLite has one writer already)."""
    query = select(Report).where(Report.reference == reference)
    if _is_postgres(session):
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def lock_report_id(session: AsyncSession, report_id: int) -> Report | None:
    query = select(Report).where(Report.id == report_id)
    if _is_postgres(session):
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def report_by_reference(session: AsyncSession, reference: str) -> Report | None:
    return (await session.execute(select(Report).where(Report.reference == reference))
            ).scalar_one_or_none()


async def reports_by_id(session: AsyncSession, ids: set[int]) -> dict[int, Report]:
    if not ids:
        return {}
    rows = await session.execute(select(Report).where(Report.id.in_(ids)))
    return {report.id: report for report in rows.scalars()}


async def next_sequence(session: AsyncSession, report_id: int) -> int:
    """The next entry number on a case (call with the report locked)."""
    last = await session.execute(
        select(func.max(CaseEntry.sequence)).where(CaseEntry.report_id == report_id))
    return int(last.scalar_one() or 0) + 1


def entry_hash(prev_hash: str, entry: CaseEntry) -> str:
    """The hash of one entry's plain fields and the hash of the entry before it (its sealed
    content is bound to the entry by AES-GCM, and may be re-sealed or erased)."""
    return chain.link_hash(prev_hash, [
        entry.report_id, entry.sequence, entry.kind,
        entry.at.astimezone(UTC).isoformat(timespec="microseconds"), entry.by_person_id,
        entry.code, entry.agency, entry.effective_on.isoformat() if entry.effective_on else None,
        entry.person_id, entry.related_report_id, entry.refers_to])


async def add(session: AsyncSession, entry: CaseEntry) -> CaseEntry:
    """Append the entry to its case and to the signed chain of all case entries."""
    sign = chain.signer(session)
    head = await chain.begin_append(session, chain.CASE_ENTRIES)
    entry.prev_hash = head.last_hash
    entry.hash = entry_hash(entry.prev_hash, entry)
    entry.mac = sign.sign_chain(entry.hash)
    session.add(entry)
    await session.flush()
    await chain.advance(session, head, entry.id, entry.hash, sign)
    return entry


async def in_order(session: AsyncSession, batch: int = 1000) -> AsyncIterator[CaseEntry]:
    """Every entry, oldest first, read in batches."""
    last_id = 0
    while True:
        rows = list((await session.execute(
            select(CaseEntry).where(CaseEntry.id > last_id).order_by(CaseEntry.id)
            .limit(batch))).scalars())
        if not rows:
            return
        for row in rows:
            yield row
        last_id = rows[-1].id
        session.expunge_all()


async def entries(session: AsyncSession, report_id: int) -> list[CaseEntry]:
    rows = await session.execute(
        select(CaseEntry).where(CaseEntry.report_id == report_id).order_by(CaseEntry.sequence))
    return list(rows.scalars())


async def entries_for(session: AsyncSession, report_ids: list[int]
                      ) -> dict[int, list[CaseEntry]]:
    found: dict[int, list[CaseEntry]] = defaultdict(list)
    if not report_ids:
        return found
    rows = await session.execute(
        select(CaseEntry).where(CaseEntry.report_id.in_(report_ids))
        .order_by(CaseEntry.report_id, CaseEntry.sequence))
    for entry in rows.scalars():
        found[entry.report_id].append(entry)
    return found


async def set_state(session: AsyncSession, report: Report, state: str,
                    closed_at: datetime | None) -> bool:
    """Close or reopen: a conditional update on the version the caller read."""
    result = await session.execute(
        update(Report)
        .where(Report.id == report.id, Report.version == report.version)
        .values(state=state, closed_at=closed_at, version=Report.version + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined]


async def real_reports(session: AsyncSession, start: datetime | None = None,
                       end: datetime | None = None) -> list[Report]:
    """Reports that are not practice, recorded in [start, end) when given, oldest first."""
    query = select(Report).where(Report.is_practice.is_(False))
    if start is not None:
        query = query.where(Report.recorded_at >= start)
    if end is not None:
        query = query.where(Report.recorded_at < end)
    return list((await session.execute(query.order_by(Report.recorded_at, Report.id))).scalars())


async def readable_reports(session: AsyncSession) -> list[Report]:
    """Reports whose content has not been erased (for searching by initials)."""
    rows = await session.execute(
        select(Report).where(Report.erased_at.is_(None)).order_by(Report.recorded_at))
    return list(rows.scalars())


async def entries_of_kind(session: AsyncSession, kind: str, start: datetime, end: datetime
                          ) -> list[CaseEntry]:
    """Entries of one kind recorded in [start, end) on reports that are not practice."""
    rows = await session.execute(
        select(CaseEntry).join(Report, Report.id == CaseEntry.report_id)
        .where(CaseEntry.kind == kind, CaseEntry.at >= start, CaseEntry.at < end,
               Report.is_practice.is_(False))
        .order_by(CaseEntry.at))
    return list(rows.scalars())


async def erase_content(session: AsyncSession, report_id: int,
                        sealed_empty: Callable[[CaseEntry], str], now: datetime) -> int:
    """Retention: empty every entry's sealed content on one case, keeping the rows."""
    rows = await session.execute(
        select(CaseEntry).where(CaseEntry.report_id == report_id,
                                CaseEntry.erased_at.is_(None)))
    erased = 0
    for entry in rows.scalars():
        entry.content_sealed = sealed_empty(entry)
        entry.erased_at = now
        erased += 1
    await session.flush()
    return erased
