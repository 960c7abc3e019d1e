"""The indexes the lists and the yearly figures rely on, checked in each planner's own words,
on a table shaped like years of history (thousands closed, a few open) and fresh statistics."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text as sql

from storage.engine import Database

ROWS = 6_000
OPEN = 20
HOURS_APART = 12
_COLUMNS = ("reference, kind, state, urgency, is_practice, flow_id, flow_version, "
            "reporter_platform, reporter_user_id, about_staff, started_at, recorded_at, "
            "answers_sealed, context_sealed, routed_roles, version")
_VALUES = ("'Q-' || n, CASE n % 3 WHEN 0 THEN 'safeguarding_concern' WHEN 1 THEN "
           "'confidentiality_breach' ELSE 'operational_incident' END, CASE WHEN n > :rows - "
           ":open THEN 'submitted' ELSE 'closed' END, 'normal', {practice}, 'f', 1, 'console', "
           "'u', {false}, {at}, {at}, 'x', 'x', '[]', 1")
SQLITE_FILL = (
    "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < :rows) "
    f"INSERT INTO reports ({_COLUMNS}) SELECT " + _VALUES.format(
        practice="(n % 50 = 0)", false="0",
        at="strftime('%Y-%m-%d %H:%M:%f', '2026-03-14 10:00:00', '-' || "
           "((:rows - n) * 3600 * :hours) || ' seconds')") + " FROM s")
POSTGRES_FILL = (
    f"INSERT INTO reports ({_COLUMNS}) SELECT " + _VALUES.format(
        practice="(n % 50 = 0)", false="false",
        at="TIMESTAMPTZ '2026-03-14 10:00:00+00' - make_interval(hours => (:rows - n) * :hours)")
    + " FROM generate_series(1, CAST(:rows AS integer)) AS n")

MONTHLY = {
    "sqlite": "SELECT strftime('%Y-%m', recorded_at) AS month, kind, count(*) FROM reports "
              "WHERE is_practice = 0 AND recorded_at >= '2025-03-14 11:00:00.000000' "
              "GROUP BY month, kind ORDER BY month",
    "postgresql": "SELECT to_char(date_trunc('month', recorded_at), 'YYYY-MM') AS month, kind, "
                  "count(*) FROM reports WHERE is_practice = false AND recorded_at >= "
                  "TIMESTAMPTZ '2025-03-14 11:00:00+00' GROUP BY month, kind ORDER BY month",
}
"""The per-month count by kind over the last twelve months (bench/data_case.py measures it
on a million reports)."""


@pytest.fixture
async def history(database: Database) -> AsyncIterator[Database]:
    """ROWS reports HOURS_APART hours apart (about eight years), the last OPEN still open; then
    the statistics a running database keeps (VACUUM also marks pages all-visible, as
    autovacuum does in time)."""
    fill = SQLITE_FILL if database.is_sqlite else POSTGRES_FILL
    async with database.engine.begin() as connection:
        await connection.execute(sql(fill), {"rows": ROWS, "open": OPEN, "hours": HOURS_APART})
    async with database.engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(sql("ANALYZE" if database.is_sqlite else "VACUUM ANALYZE reports"))
    yield database


async def _plan(database: Database, query: str) -> str:
    explain = ("EXPLAIN QUERY PLAN " if database.is_sqlite else "EXPLAIN ") + query
    async with database.sessions() as session:
        return " ".join(str(row) for row in (await session.execute(sql(explain))).all())


async def test_the_open_report_list_uses_its_partial_index(history: Database) -> None:
    plan = await _plan(history, "SELECT id FROM reports WHERE reports.state <> 'closed' AND "
                                "reports.is_practice = false ORDER BY recorded_at LIMIT 50")
    assert "ix_reports_open" in plan


async def test_the_monthly_count_reads_only_its_covering_index(history: Database) -> None:
    dialect = "sqlite" if history.is_sqlite else "postgresql"
    plan = await _plan(history, MONTHLY[dialect])
    wanted = ("USING COVERING INDEX ix_reports_month" if history.is_sqlite
              else "Index Only Scan using ix_reports_month")
    assert wanted in plan, plan


async def test_the_monthly_count_is_right(history: Database) -> None:
    dialect = "sqlite" if history.is_sqlite else "postgresql"
    async with history.sessions() as session:
        rows = (await session.execute(sql(MONTHLY[dialect]))).all()
    counted = sum(count for _month, _kind, count in rows)
    in_year = [n for n in range(1, ROWS + 1) if (ROWS - n) * HOURS_APART < 365 * 24 and n % 50]
    assert counted == len(in_year)
