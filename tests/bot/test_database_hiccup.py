"""PostgreSQL drops every connection mid-run: the bot carries on and loses nothing."""

from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.clock import ManualClock
from bot.config import OrgConfig
from bot.crypto import KeyRing
from bot.delivery import deliver_due
from bot.flow.definition import FlowDefinition
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from storage.engine import open_database
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.databases import empty_tables
from tests.kinds import ReportKind

pytestmark = pytest.mark.postgres


@pytest.fixture
async def pg_runtime(postgres_url: str, example_config: OrgConfig,
                     flows: dict[str, FlowDefinition], clock: ManualClock,
                     test_keys: KeyRing) -> AsyncIterator[Runtime]:
    database = open_database(postgres_url)
    await empty_tables(database)
    yield Runtime(example_config, flows, database, clock, ("console",), test_keys)
    await database.dispose()


async def _drop_every_connection(url: str) -> int:
    target = make_url(url)
    connection = await asyncpg.connect(host=target.host, port=target.port,
                                       user=target.username, database="postgres")
    try:
        rows = await connection.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()", target.database)
    finally:
        await connection.close()
    return len(rows)


async def test_delivery_and_escalation_survive_dropped_connections(
    pg_runtime: Runtime, postgres_url: str, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    await file_report(pg_runtime, actor(pg_runtime, "alex"), ReportKind.OPERATIONAL_INCIDENT)
    assert await _drop_every_connection(postgres_url) >= 1
    assert await deliver_due(pg_runtime, {"console": transport}) == 4
    await _drop_every_connection(postgres_url)
    clock.advance(timedelta(minutes=31))
    assert await run_due_timers(pg_runtime, default_handlers()) == 1
    await deliver_due(pg_runtime, {"console": transport})
    assert [i.destination for i in transport.sent if i.recipient_person_id == "ceo"] == ["ceo"]
    await _drop_every_connection(postgres_url)
    receipt = await file_report(pg_runtime, actor(pg_runtime, "jo"),
                                ReportKind.OPERATIONAL_INCIDENT)
    assert receipt.reference.endswith("0002")
