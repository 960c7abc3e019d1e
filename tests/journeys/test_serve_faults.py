"""Platform faults: the fake Slack answers 429 with Retry-After, 500s and a timeout for a while.

Reports are filed over signed Slack HTTP to a `serve` subprocess while chat.postMessage fails;
then Slack recovers. Every alert and receipt must arrive, none twice; while alerts are stuck,
/metrics shows them pending and /healthz turns unhealthy once they are older than its
threshold. The threshold is 2 minutes of real time (bot/health.py): rather than wait, the test
backdates the stuck rows' created_at, which is what those 2 minutes would have done.
"""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from sqlalchemy import update

from bot.flow.loader import load_flows
from bot.health import UNDELIVERED_THRESHOLD
from storage.engine import open_database
from storage.models import OutboxMessage
from tests.journeys.reporter import HttpSlack, Reporter, file_report
from tests.journeys.serve import (
    Server,
    drained,
    healthz,
    metric,
    serve_processes,
    stored_reports,
)
from tests.journeys.serve_slack import (
    STALL_SECONDS,
    Fault,
    PlatformFake,
    Seen,
    duplicates,
    expected_messages,
    seen,
    wait_until,
)

PEOPLE = ("U0ALEX", "U0JO", "U0R1", "U0R2")
FAULTS = [Fault("429", retry_after=2), Fault("500"), Fault("500"), Fault("timeout"),
          Fault("500"), Fault("500"), Fault("500")]
"""The 429 comes first in its batch, so its Retry-After can be honoured as the code stands."""
PENDING = 'safeguard_outbox_messages{status="pending"}'
RECOVER_SECONDS = STALL_SECONDS + 20
EARLY = 0.05
"""Slack counts Retry-After from its answer; allow for clock granularity only."""


@dataclass
class Run:
    """One serve process on a fresh database, with people filing reports to it."""

    fake: PlatformFake
    session: aiohttp.ClientSession
    server: Server
    database_url: str

    async def file(self, people: tuple[str, ...], kinds: tuple[str, ...]) -> list[str | None]:
        http = HttpSlack(self.session)
        http.serve_at(self.server.url)
        flows = load_flows()
        return list(await asyncio.gather(*(
            file_report(Reporter(http, self.fake), flows, user, kind)  # type: ignore[arg-type]
            for user, kind in zip(people, kinds, strict=True))))

    async def expected(self) -> set[Seen]:
        stored = await stored_reports(self.database_url)
        return {s for ref, user in stored.items() for s in expected_messages(ref, user)}

    async def settle(self, expected: set[Seen], seconds: float) -> None:
        arrived = await wait_until(lambda: set(self.fake.counts()) >= expected, seconds, 0.25)
        assert arrived, f"never delivered: {expected - set(self.fake.counts())}"
        assert await drained(self.database_url, 10)


@contextlib.asynccontextmanager
async def running(database_url: str, logs: Path, faults: list[Fault]) -> AsyncIterator[Run]:
    fake = PlatformFake()
    fake.faults.extend(faults)
    api = await fake.start()
    try:
        async with serve_processes(logs) as servers, aiohttp.ClientSession() as session:
            server = await servers.start(database_url, api)
            yield Run(fake, session, server, database_url)
    finally:
        await fake.close()


async def _backdate_pending_alerts(database_url: str) -> int:
    """Age the stuck alerts past the health threshold, as real waiting would have."""
    old = datetime.now(UTC) - UNDELIVERED_THRESHOLD - timedelta(seconds=10)
    database = open_database(database_url)
    try:
        async with database.transaction() as session:
            result = await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.status == "pending", OutboxMessage.event == "alert")
                .values(created_at=old).execution_options(synchronize_session=False))
            return int(result.rowcount)  # type: ignore[attr-defined]
    finally:
        await database.dispose()


async def test_alerts_arrive_once_after_rate_limits_errors_and_a_timeout(tmp_path: Path) -> None:
    """SQLite only: platform faults do not depend on the database (test_serve_crash and
    test_serve_replicas run the same outbox on PostgreSQL); the timeout costs 11 s a run."""
    database_url = f"sqlite:///{tmp_path / 'f.db'}"
    began = time.monotonic()
    async with running(database_url, tmp_path, FAULTS) as run:
        confirmed = await run.file(PEOPLE, ("safeguarding", "incident", "breach", "incident"))
        assert all(confirmed), confirmed
        assert await wait_until(run.fake.stalled.is_set, 10), "Slack was never asked to post"
        stuck = await metric(run.session, run.server.url, PENDING)
        assert stuck > 0, "alerts are stuck, yet /metrics shows none pending"
        assert await _backdate_pending_alerts(database_url) > 0
        status, body = await healthz(run.session, run.server.url)
        assert status == 503 and any("undelivered" in p for p in body["problems"]), body

        expected = await run.expected()
        await run.settle(expected, RECOVER_SECONDS)
        status, body = await healthz(run.session, run.server.url)
        assert status == 200 and body == {"ok": True, "problems": []}, body
        log = run.server.log_tail(80)
    fake = run.fake
    counts = fake.counts()
    print(f"{len(FAULTS)} faults, {fake.failed_posts()} failed posts, {sum(counts.values())} "
          f"delivered for {len(expected)} expected, {stuck:.0f} pending while stuck, "
          f"{time.monotonic() - began:.1f}s")
    assert {s.reference for s in expected} == set(confirmed)
    assert not fake.faults and fake.failed_posts() == len(FAULTS), "every fault was served"
    assert set(counts) == expected, set(counts) ^ expected
    assert duplicates(counts) == {}, duplicates(counts)
    assert "Traceback" not in log, log
    assert _early_retries(fake, [2.0]) == []


async def test_retry_after_counts_from_the_429_not_from_when_the_batch_began(
    tmp_path: Path
) -> None:
    """A slow answer earlier in the same batch must not eat into a later 429's Retry-After."""
    faults = [Fault("slow", seconds=3.0), Fault("429", retry_after=2)]
    async with running(f"sqlite:///{tmp_path / 'r.db'}", tmp_path, faults) as run:
        assert all(await run.file(("U0ALEX",), ("incident",)))
        await run.settle(await run.expected(), 20)
    assert not run.fake.faults
    assert duplicates(run.fake.counts()) == {}
    early = _early_retries(run.fake, [2.0])
    assert early == [], f"{early}: bot/delivery.py counts backoff from the batch's claim time"


async def test_a_post_whose_answer_was_lost_is_not_posted_again(tmp_path: Path) -> None:
    """Slack posted it, then the connection dropped: the outcome is unknown to the bot.

    Slack lets a sender find out (message metadata + conversations.history, both answered by
    the fake), so a retry must look before it posts again."""
    async with running(f"sqlite:///{tmp_path / 'l.db'}", tmp_path, [Fault("lost")]) as run:
        assert all(await run.file(("U0ALEX",), ("incident",)))
        await run.settle(await run.expected(), 20)
        log = run.server.log_tail(40)
    lost = seen(next(c for c in run.fake.calls if c.method == "chat.postMessage"))
    times = [at for at, call in run.fake.answered if seen(call) == lost]
    by = ("the delivery worker's next attempt" if "attempt 1 failed" in log
          else "slack_sdk's connection-error retry handler, inside the same send")
    assert not run.fake.faults
    assert duplicates(run.fake.counts()) == {}, (
        f"{lost} was posted, its answer lost, and it was posted again "
        f"{times[-1] - times[0]:.2f}s later by {by}: {duplicates(run.fake.counts())}")


def _early_retries(fake: PlatformFake, waits: list[float]) -> list[str]:
    """Messages answered 429 that were tried again before their Retry-After had passed."""
    refused = [(i, at, call) for i, (at, call) in enumerate(fake.answered) if call.status == 429]
    assert len(refused) == len(waits)
    early = []
    for (index, at, call), wait in zip(refused, waits, strict=True):
        again = next((t for t, c in fake.answered[index + 1:] if seen(c) == seen(call)), None)
        assert again is not None, f"{seen(call)} was never tried again after its 429"
        if again - at < wait - EARLY:
            early.append(f"{seen(call)}: tried again {again - at:.2f}s after a 429 with "
                         f"Retry-After {wait:.0f}")
    return early
