"""Scale of data: a million stored reports; the leads' open list and a monthly count by kind.

Rows are generated in bulk by the database itself (one INSERT … SELECT over a generated
series: a recursive CTE on SQLite, generate_series on PostgreSQL), so the insert rate is the
database's and not Python's; sealed columns hold one fixed sealed value. Then the statistics a
running database keeps: ANALYZE (SQLite), VACUUM ANALYZE (PostgreSQL, as autovacuum does after
a large insert; index-only scans rely on the visibility map it sets). The queries run through
the project's own engine: the open list is `storage.repositories.reports.open_reports` (the
code behind the Home tab, on the partial index ix_reports_open); the monthly count is covered
by ix_reports_month (migration 0010)."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bench.context import Run
from bench.pg import fresh_database
from bench.tools import percentile
from bot.crypto import parse_key_ring
from storage.engine import Database, open_database
from storage.migrate import upgrade_to_head
from storage.models import Report
from storage.repositories import reports

OPEN = 100
"""Reports still open: a charity's list is short, however long its history."""
YEARS = 10
QUERY_BUDGET = 6.0
"""Seconds each query may be repeated for (at least 5 times)."""

_COLUMNS = ("reference, kind, state, urgency, is_practice, flow_id, flow_version, "
            "reporter_platform, reporter_user_id, about_staff, occurred_at, discovered_at, "
            "started_at, recorded_at, answers_sealed, context_sealed, routed_roles, closed_at, "
            "version")
_KIND = ("CASE n % 3 WHEN 0 THEN 'safeguarding_concern' WHEN 1 THEN 'confidentiality_breach' "
         "ELSE 'operational_incident' END")
_STATE = ("CASE WHEN n > :count - :open THEN (CASE n % 2 WHEN 0 THEN 'submitted' ELSE "
          "'acknowledged' END) ELSE 'closed' END")
_SELECT = ("SELECT 'R-' || n, {kind}, {state}, CASE WHEN n % 10 = 0 THEN 'high' ELSE 'normal' "
           "END, {practice}, 'operational_incident', 1, 'slack', 'U' || (n % 5000), {false}, "
           "{at}, {at}, {at}, {at}, :sealed, :sealed, '[\"safeguarding_lead\",\"ceo\"]', "
           "CASE WHEN n > :count - :open THEN NULL ELSE {at} END, 1")
SQLITE = ("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < :count) "
          f"INSERT INTO reports ({_COLUMNS}) " + _SELECT.format(
              kind=_KIND, state=_STATE, practice="(n % 50 = 0)", false="0",
              at="strftime('%Y-%m-%d %H:%M:%f', :now, '-' || ((:count - n) * :step) || "
                 "' seconds')") + " FROM s")
POSTGRES = (f"INSERT INTO reports ({_COLUMNS}) " + _SELECT.format(
    kind=_KIND, state=_STATE, practice="(n % 50 = 0)", false="false",
    at="CAST(:now AS timestamptz) - make_interval(secs => (:count - n) * :step)")
    + " FROM generate_series(1, :count) AS n")

async def generate(database: Database, count: int, sealed: str, now: datetime) -> float:
    step = YEARS * 365 * 86400 / count
    statement = SQLITE if database.is_sqlite else POSTGRES
    stamp: Any = now.strftime("%Y-%m-%d %H:%M:%S") if database.is_sqlite else now
    started = time.perf_counter()
    async with database.engine.begin() as connection:
        await connection.execute(text(statement), {"count": count, "open": OPEN,
                                                   "sealed": sealed, "now": stamp,
                                                   "step": step})
    elapsed = time.perf_counter() - started
    async with database.engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(text("ANALYZE" if database.is_sqlite else "VACUUM ANALYZE"))
    return elapsed


def monthly_by_kind(database: Database, since: datetime):  # type: ignore[no-untyped-def]
    if database.is_sqlite:
        month = func.strftime("%Y-%m", Report.recorded_at)
    else:
        month = func.to_char(func.date_trunc("month", Report.recorded_at), "YYYY-MM")
    return (select(month.label("month"), Report.kind, func.count())
            .where(Report.is_practice.is_(False), Report.recorded_at >= since)
            .group_by(month, Report.kind).order_by(month))


async def repeat(database: Database, query: Callable[[AsyncSession], Awaitable[Any]],
                 most: int) -> list[float]:
    times: list[float] = []
    budget = time.perf_counter() + QUERY_BUDGET
    while len(times) < most and (len(times) < 5 or time.perf_counter() < budget):
        started = time.perf_counter()
        async with database.readers() as session:
            found = await query(session)
        times.append((time.perf_counter() - started) * 1000)
    assert found, "the generated data is not what the queries expect"
    return times


def _row(case: str, times: list[float], goal: int | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"case": case, "p50_ms": round(percentile(times, 50), 2),
                             "p99_ms": round(percentile(times, 99), 2), "runs": len(times)}
    if goal:
        found["goal_p99_ms"] = goal
    return found


async def one_backend(run: Run, label: str, url: str, count: int) -> list[dict[str, Any]]:
    database = open_database(url)
    most = 20 if run.quick else 50
    try:
        await upgrade_to_head(database)
        now = datetime.now(UTC)
        sealed = parse_key_ring(run.keys).seal_json({"description": "x" * 400}, "bench")
        seconds = await generate(database, count, sealed, now)
        since = now - timedelta(days=365)
        monthly = monthly_by_kind(database, since)

        async def count_months(session: AsyncSession) -> Any:
            return (await session.execute(monthly)).all()

        out = [{"case": f"bulk insert, INSERT … SELECT ({label})", "rows": count,
                "rows_per_s": round(count / seconds)},
               _row(f"leads' open-report list ({label})",
                    await repeat(database, reports.open_reports, most), 20),
               _row(f"per-month count by kind, last 12 months ({label})",
                    await repeat(database, count_months, most), 200)]
        async with database.engine.begin() as connection:
            await connection.execute(text("DROP INDEX ix_reports_month"))
            await connection.execute(text("ANALYZE"))
        out.append(_row(f"per-month count without ix_reports_month, for comparison ({label})",
                        await repeat(database, count_months, most)))
    finally:
        await database.dispose()
    return out


def data(run: Run) -> None:
    count = 200_000 if run.quick else 1_000_000
    if run.quick:
        run.notes.append("--quick: the scale-of-data case uses 200,000 reports, not 1,000,000.")
    rows_out = asyncio.run(one_backend(run, "sqlite", run.sqlite_url("scale"), count))
    if run.postgres_admin and not run.quick:
        async def postgres() -> list[dict[str, Any]]:
            async with fresh_database(run.postgres_admin) as url:  # type: ignore[arg-type]
                return await one_backend(run, "postgres", url, count)

        rows_out += asyncio.run(postgres())
    targets = []
    for r in rows_out:
        if "goal_p99_ms" in r:
            targets.append({"target": f"{r['case']}, p99 with {count:,} reports",
                            "value": f"{r['p99_ms']:.1f} ms",
                            "goal": f"< {r['goal_p99_ms']} ms",
                            "met": r["p99_ms"] < r["goal_p99_ms"]})
    run.results["data"] = {"rows": rows_out, "targets": targets}
