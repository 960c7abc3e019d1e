"""Migrations: a database from before sealing is converted in place, nothing lost."""

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from bot.audit_chain import verify_all, verify_chain
from bot.clock import ManualClock
from bot.config import OrgConfig
from bot.crypto import KeyRing, new_key_entry, parse_key_ring
from bot.flow.definition import FlowDefinition
from bot.records import open_answers, open_flow_state
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from storage.engine import Database, open_database
from storage.migrate import alembic_config, is_up_to_date, upgrade_to_head
from storage.models import ChainHead, FlowSession, OutboxMessage, Report
from tests.conftest import BACKENDS
from tests.databases import create_postgres_database, drop_postgres_database


@pytest.fixture(params=BACKENDS)
async def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        database = open_database(f"sqlite+aiosqlite:///{tmp_path / 'm.db'}")
        yield database
        await database.dispose()
        return
    url = await create_postgres_database()
    database = open_database(url)
    yield database
    await database.dispose()
    await drop_postgres_database(url)


def _upgrade_to(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def _rows_from_before_sealing(database: Database) -> None:
    moment = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
    now: object = "2026-03-14 10:00:00.000000" if database.is_sqlite else moment
    async with database.engine.begin() as connection:
        await connection.run_sync(_upgrade_to, "0002")
        await connection.execute(text(
            "INSERT INTO reports (id, reference, kind, state, urgency, is_practice, flow_id, "
            "flow_version, reporter_platform, reporter_user_id, about_staff, started_at, "
            "recorded_at, answers, context, routed_roles, version) VALUES (1, 'SG-2026-0001', "
            "'safeguarding_concern', 'submitted', 'normal', false, 'safeguarding_concern', 1, "
            "'console', 'alex', false, :now, :now, :answers, '{}', '[]', 1)"),
            {"now": now, "answers": json.dumps({"what_happened": "old plain text"})})
        await connection.execute(text(
            "INSERT INTO flow_sessions (id, platform, conversation_id, user_id, flow_id, state, "
            "created_at, updated_at, version) VALUES (1, 'console', 'c1', 'jo', 'f', :state, "
            ":now, :now, 1)"), {"now": now, "state": json.dumps({"answers": {"a": "b"}})})
        for action in ("report_submitted", "report_viewed"):
            await connection.execute(text(
                "INSERT INTO audit_events (at, action, report_id, detail) "
                "VALUES (:now, :action, 1, '{}')"), {"now": now, "action": action})


async def test_existing_plain_records_are_sealed_and_the_trail_chained(fresh: Database) -> None:
    await _rows_from_before_sealing(fresh)
    keys: KeyRing = parse_key_ring(new_key_entry("m1"))
    await upgrade_to_head(fresh, keys)
    assert await is_up_to_date(fresh)
    async with fresh.sessions() as session:
        report = await session.get(Report, 1)
        flow = await session.get(FlowSession, 1)
    assert report is not None and flow is not None
    assert "old plain text" not in report.answers_sealed
    assert open_answers(keys, report) == {"what_happened": "old plain text"}
    assert open_flow_state(keys, "console", "c1", flow.state_sealed) == {"answers": {"a": "b"}}
    chain = await verify_chain(fresh, keys)
    assert chain.ok and chain.entries == 2


async def test_sealing_existing_records_needs_the_keys(fresh: Database) -> None:
    await _rows_from_before_sealing(fresh)
    with pytest.raises(RuntimeError, match="encryption keys"):
        await upgrade_to_head(fresh)


async def test_a_report_filed_before_escalation_snapshots_still_escalates(
    fresh: Database, example_config: OrgConfig, flows: dict[str, FlowDefinition],
) -> None:
    moment = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)
    now: object = "2026-03-14 10:00:00.000000" if fresh.is_sqlite else moment
    keys: KeyRing = parse_key_ring(new_key_entry("m1"))
    async with fresh.engine.begin() as connection:
        await connection.run_sync(_upgrade_to, "0011")
        await connection.execute(text(
            "INSERT INTO reports (id, reference, kind, state, urgency, is_practice, flow_id, "
            "flow_version, reporter_platform, reporter_user_id, about_staff, started_at, "
            "recorded_at, answers_sealed, context_sealed, routed_roles, legal_hold, version) "
            "VALUES (1, 'SG-2026-0001', 'safeguarding_concern', 'submitted', 'normal', false, "
            "'safeguarding_concern', 1, 'console', 'alex', false, :now, :now, 'x', 'x', "
            "'[\"safeguarding_lead\", \"deputy_safeguarding_lead\", \"ceo\"]', false, 1)"),
            {"now": now})
        await connection.execute(text(
            "INSERT INTO timers (kind, report_id, step, due_at, status, payload, created_at) "
            "VALUES ('escalation', 1, 1, :now, 'pending', '{}', :now)"), {"now": now})
    await upgrade_to_head(fresh, keys)
    async with fresh.sessions() as session:
        report = await session.get(Report, 1)
    assert report is not None and report.escalation_snapshot is None
    clock = ManualClock(moment + timedelta(minutes=1))
    runtime = Runtime(example_config, flows, fresh, clock, ("console",), keys)
    assert await run_due_timers(runtime, default_handlers()) == 1
    async with fresh.sessions() as session:
        alerts = (await session.execute(select(OutboxMessage.recipient_person_id).where(
            OutboxMessage.event == "alert"))).scalars().all()
        report = await session.get(Report, 1)
    assert set(alerts) == {"ceo", None}  # None: the alert channel
    assert report is not None and report.escalation_snapshot is not None
    assert report.escalation_snapshot["derived"] is True


def _upgrade_with_keys(connection: Connection, revision: str, keys: KeyRing) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    config.attributes["keys"] = keys
    command.upgrade(config, revision)


async def _case_entries_from_before_signing(database: Database, keys: KeyRing) -> None:
    """A database at 0011: two audit entries (SHA-256 chain only) and two case entries."""
    now: object = ("2026-03-14 10:00:00.000000" if database.is_sqlite
                   else datetime(2026, 3, 14, 10, 0, tzinfo=UTC))
    await _rows_from_before_sealing(database)
    async with database.engine.connect() as connection:
        await connection.exec_driver_sql("PRAGMA foreign_keys=OFF" if database.is_sqlite
                                         else "SELECT 1")
        await connection.commit()
        async with connection.begin():
            await connection.run_sync(_upgrade_with_keys, "0011", keys)
    async with database.engine.begin() as connection:
        await connection.execute(text("UPDATE reports SET state = 'acknowledged'"))
        for sequence in (1, 2):
            await connection.execute(text(
                "INSERT INTO case_entries (report_id, sequence, kind, at, by_person_id, "
                "content_sealed) VALUES (1, :s, 'note', :now, 'lead', :c)"),
                {"s": sequence, "now": now,
                 "c": keys.seal_json({"note": "n"}, f"case:SG-2026-0001:entry:{sequence}")})


async def test_existing_audit_and_case_entries_are_signed_and_their_heads_recorded(
    fresh: Database,
) -> None:
    keys: KeyRing = parse_key_ring(new_key_entry("m1"))
    await _case_entries_from_before_signing(fresh, keys)
    await upgrade_to_head(fresh, keys)
    results = await verify_all(fresh, keys)
    assert [(r.ok, r.entries) for r in results] == [(True, 2), (True, 2)], results
    async with fresh.sessions() as session:
        heads = {h.name: h.count for h in (await session.execute(select(ChainHead))).scalars()}
    assert heads == {"audit": 2, "case_entries": 2}


async def test_signing_existing_entries_needs_the_keys(fresh: Database) -> None:
    await _case_entries_from_before_signing(fresh, parse_key_ring(new_key_entry("m1")))
    with pytest.raises(RuntimeError, match="must be signed"):
        await upgrade_to_head(fresh)
