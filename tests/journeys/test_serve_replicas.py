"""Replicas: 3 `serve` processes on one PostgreSQL with many due escalations behave as one bot.

The servers start together on the real clock; then reports are filed through the core, each on
a clock set back by its policy's wait, so their escalation timers come due one after another
over a few seconds (and the first alerts pile up in the outbox): the replicas race for them.
Counted at the fake Slack, every first alert, every receipt and every escalation step arrives
exactly once, whichever process ran it.
"""

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.actors import resolve_actor
from bot.clock import ManualClock
from bot.config import OrgConfig
from bot.crypto import parse_key_ring
from bot.domain import Urgency
from bot.flow.definition import FlowDefinition
from bot.kinds import load_kinds
from bot.routing import plan_for
from bot.runtime import Runtime
from storage.engine import open_database
from tests.bot.driving import file_report
from tests.databases import empty_tables
from tests.journeys.console import POSTGRES_KEYS
from tests.journeys.serve import drained, metric, serve_processes, stored_reports
from tests.journeys.serve_slack import (
    PlatformFake,
    Seen,
    duplicates,
    expected_messages,
    wait_until,
)
from tests.kinds import ReportKind

pytestmark = pytest.mark.postgres

REPLICAS = 3
REPORTS = 24
AT_ONCE = 12
KINDS = (ReportKind.SAFEGUARDING_CONCERN, ReportKind.OPERATIONAL_INCIDENT)
LEAD = timedelta(seconds=2)
SPREAD = timedelta(seconds=0.1)
SETTLE_SECONDS = 40.0
FIRED = "safeguard_escalations_fired_total"
SENT = 'safeguard_notifications_sent_total{event="alert",platform="slack"}'


async def _file_reports_coming_due(url: str, config: OrgConfig,
                                   flows: dict[str, FlowDefinition]) -> None:
    """File REPORTS reports whose first escalation step comes due one every SPREAD seconds
    from LEAD seconds from now: each is filed on a clock set back by its policy's wait."""
    database = open_database(url)
    keys = parse_key_ring(POSTGRES_KEYS)
    first_due = datetime.now(UTC) + LEAD
    gate = asyncio.Semaphore(AT_ONCE)

    async def one(number: int) -> None:
        kind = KINDS[number % len(KINDS)]
        wait = plan_for(config, load_kinds()[kind], Urgency.NORMAL).steps[0].wait
        clock = ManualClock(first_due + SPREAD * number - wait)
        runtime = Runtime(config, flows, database, clock, ("slack",), keys)
        async with gate:
            await file_report(runtime, resolve_actor(config, "slack", f"U0R{number:03d}"), kind)

    try:
        await asyncio.gather(*(one(n) for n in range(REPORTS)))
    finally:
        await database.dispose()


def _expected(stored: dict[str, str]) -> set[Seen]:
    first = {s for ref, user in stored.items() for s in expected_messages(ref, user)}
    step_one = {Seen(channel, ref, "alert", 1) for ref in stored
                for channel in ("C0ALERTS", "U0CEO")}
    return first | step_one


async def test_three_replicas_fire_every_due_escalation_step_exactly_once(
    postgres_url: str, example_config: OrgConfig, flows: dict[str, FlowDefinition],
    tmp_path: Path,
) -> None:
    database = open_database(postgres_url)
    try:
        await empty_tables(database)
    finally:
        await database.dispose()
    fake = PlatformFake()
    api = await fake.start()
    began = time.monotonic()
    try:
        async with serve_processes(tmp_path) as servers, aiohttp.ClientSession() as session:
            started = await asyncio.gather(
                *(servers.start(postgres_url, api) for _ in range(REPLICAS)))
            urls = [server.url for server in started]
            await _file_reports_coming_due(postgres_url, example_config, flows)
            stored = await stored_reports(postgres_url)
            assert len(stored) == REPORTS
            expected = _expected(stored)

            async def fired() -> list[float]:
                return [await metric(session, url, FIRED) for url in urls]

            async def settled() -> bool:
                return set(fake.counts()) >= expected and sum(await fired()) >= REPORTS

            done = await wait_until(settled, SETTLE_SECONDS, step=0.25)
            done = done and await drained(postgres_url, 10)
            per_replica = await fired()
            sent = [await metric(session, url, SENT) for url in urls]
            logs = "\n".join(server.log_tail(15) for server in started)
            assert done, f"not settled in {SETTLE_SECONDS}s: fired {per_replica}\n{logs}"
            assert all(server.alive for server in started), logs
            for server in started:
                await server.stop()
    finally:
        await fake.close()
    counts = fake.counts()
    print(f"{REPLICAS} replicas, {REPORTS} due escalations fired {per_replica} per replica, "
          f"alerts sent {sent} per replica, "
          f"{sum(counts.values())} messages for {len(expected)} expected, "
          f"{len(duplicates(counts))} duplicated, {time.monotonic() - began:.1f}s")
    assert sum(per_replica) == REPORTS, per_replica
    assert duplicates(counts) == {}, duplicates(counts)
    assert set(counts) == expected, sorted(map(str, set(counts) ^ expected))
