"""Crash: a burst of reports over signed Slack HTTP to `serve`, SIGKILLed at seeded random points.

Kill points are of two sorts, chosen by a seeded random generator (SAFEGUARD_CRASH_SEED):
- while a person's request is in flight (the N-th request after a start), so answers, submits
  and their replies are cut at random places;
- while the fake Slack holds its answer to a chat.postMessage it has already accepted: the
  message is posted, the bot never learns it. At least one kill is of this sort, so the
  at-least-once redelivery after a crash is always exercised.
After each kill the dead process's leases are let run out (instead of 60 s of real time) and
a new process is started on the same database. Then: every report a person was told about
exists; every journey left exactly one report; every alert and receipt arrived exactly once.
"""

import asyncio
import os
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp

from bot.flow.definition import FlowDefinition
from bot.flow.loader import load_flows
from tests.journeys.reporter import HttpSlack, Reporter, file_report
from tests.journeys.serve import (
    Server,
    Servers,
    drained,
    expire_dead_leases,
    serve_processes,
    stored_reports,
)
from tests.journeys.serve_slack import (
    PlatformFake,
    Seen,
    duplicates,
    expected_messages,
    seen,
)

SEED = int(os.environ.get("SAFEGUARD_CRASH_SEED", "20260314"))
PEOPLE = ("U0ALEX", "U0JO", "U0R1", "U0R2", "U0R3")
REPORTS_EACH = 6
KILLS = 3
KINDS = ("safeguarding", "incident", "breach")
SETTLE_SECONDS = 30.0


def kill_plan(rng: random.Random) -> list[tuple[str, int]]:
    """(sort, n): kill at the n-th request, or while holding the n-th post, after a start."""
    def one(sort: str) -> tuple[str, int]:
        return (sort, rng.randint(10, 90) if sort == "request" else rng.randint(2, 15))

    plan = [one("post"), one("request"),
            *(one(rng.choice(("post", "request"))) for _ in range(KILLS - 2))]
    rng.shuffle(plan)
    return plan


class Crasher:
    def __init__(self, servers: Servers, fake: PlatformFake, http: HttpSlack, url: str,
                 api: str) -> None:
        self.servers, self.fake, self.http, self.url, self.api = servers, fake, http, url, api
        self.server: Server | None = None
        self.kills: list[str] = []
        self.held: list[Seen] = []
        """Messages Slack had posted when the bot was killed before hearing back."""

    async def start(self) -> None:
        self.server = await self.servers.start(self.url, self.api)
        self.http.serve_at(self.server.url)

    def _arm(self, sort: str, n: int) -> asyncio.Event:
        fired = asyncio.Event()
        if sort == "request":
            at = self.http.sent + n
            self.http.on_send = lambda sent: fired.set() if sent >= at else None
        else:
            self.fake.held = fired
            self.fake.hold_at = len(self.fake.delivered()) + n
        return fired

    async def run(self, plan: list[tuple[str, int]], burst: "asyncio.Future[Any]") -> None:
        for sort, n in plan:
            fired = asyncio.create_task(self._arm(sort, n).wait())
            await asyncio.wait([fired, burst], return_when=asyncio.FIRST_COMPLETED)
            if not fired.done():
                fired.cancel()
                return
            self.http.down()
            assert self.server is not None
            await self.server.kill()
            self.http.on_send, self.fake.hold_at = None, None
            self.kills.append(f"{sort}#{n}")
            if sort == "post":
                self.held.append(seen(self.fake.delivered()[-1]))
            await expire_dead_leases(self.url)
            release, self.fake.release = self.fake.release, asyncio.Event()
            release.set()  # the held answer goes nowhere: its connection died with the server
            await self.start()


async def person(reporter: Reporter, flows: dict[str, FlowDefinition], user: str, kinds: list[str]
                 ) -> list[str | None]:
    return [await file_report(reporter, flows, user, kind) for kind in kinds]


async def test_reports_confirmed_before_a_crash_survive_and_alert_exactly_once(
    journey_db: str, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    plan = kill_plan(rng)
    kinds = {user: [rng.choice(KINDS) for _ in range(REPORTS_EACH)] for user in PEOPLE}
    flows = load_flows()
    fake = PlatformFake()
    api = await fake.start()
    began = time.monotonic()
    try:
        async with serve_processes(tmp_path) as servers, aiohttp.ClientSession() as session:
            http = HttpSlack(session)
            crasher = Crasher(servers, fake, http, journey_db, api)
            await crasher.start()
            reporters = {user: Reporter(http, fake) for user in PEOPLE}  # type: ignore[arg-type]
            burst = asyncio.ensure_future(asyncio.gather(
                *(person(reporters[u], flows, u, kinds[u]) for u in PEOPLE)))
            try:
                await crasher.run(plan, burst)
            except BaseException:
                burst.cancel()
                raise
            outcomes = dict(zip(PEOPLE, await burst, strict=True))
            assert crasher.server is not None
            settled = await drained(journey_db, SETTLE_SECONDS)
            assert settled, f"alerts still pending:\n{crasher.server.log_tail()}"
            await crasher.server.stop()
        stored = await stored_reports(journey_db)
    finally:
        await fake.close()
    elapsed = time.monotonic() - began
    counts = fake.counts()
    _check(outcomes, stored, counts, crasher, plan, elapsed,
           sum(r.retried for r in reporters.values()))


def _check(outcomes: dict[str, list[str | None]], stored: dict[str, str],
           counts: Counter[Seen], crasher: Crasher, plan: list[tuple[str, int]],
           elapsed: float, retried: int) -> None:
    kills = crasher.kills
    confirmed = [ref for refs in outcomes.values() for ref in refs if ref]
    expected = {seen for ref, user in stored.items() for seen in expected_messages(ref, user)}
    missing = sorted(str(s) for s in expected if counts[s] == 0)
    doubled = duplicates(counts)
    stray = sorted(str(s) for s in counts if s not in expected)
    summary = (f"seed {SEED}: kills {kills} (plan {plan}), {len(confirmed)} of "
               f"{len(PEOPLE) * REPORTS_EACH} submissions confirmed, {len(stored)} stored, "
               f"{retried} requests retried, {sum(counts.values())} messages for "
               f"{len(expected)} expected, {len(doubled)} posted more than once, "
               f"{elapsed:.1f}s")
    print(summary)
    assert len(kills) == KILLS, f"not every planned kill happened: {summary}"
    assert sorted(set(confirmed) - set(stored)) == [], f"confirmed but not stored: {summary}"
    per_person = Counter(stored.values())
    assert per_person == Counter({u: REPORTS_EACH for u in PEOPLE}), (
        f"each journey must leave exactly one report: {per_person}; {summary}")
    assert missing == [], f"never delivered: {missing}; {summary}"
    assert stray == [], f"unexpected messages: {stray}; {summary}"
    assert doubled == {}, (
        "posted more than once after a crash (adapters/slack/transport.py re-posts rows "
        f"flagged in_doubt without looking first): {sorted(map(str, doubled.items()))}; held at a "
        f"kill: {sorted(map(str, crasher.held))}; {summary}")
