"""The timer sweeper fires due timers a batch per transaction, each exactly once: a stale or
duplicate run does nothing, racing sweepers never share a timer, and one failing handler
neither loses the others nor half-applies its own effects."""

import asyncio
from datetime import datetime, timedelta

from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import workers
from bot.clock import ManualClock
from bot.runtime import Runtime
from storage.models import Timer
from storage.repositories import timers


async def _schedule(runtime: Runtime, count: int, kind: str = "test") -> None:
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        for step in range(count):
            await timers.schedule(session, kind, None, step, now, now)


class Recorder:
    """A handler that writes a timer of its own (an effect that must commit with the firing)
    and can be told to fail for one step. `ran` is in memory: a batch that rolled back has
    been through it too."""

    def __init__(self, fail_step: int | None = None) -> None:
        self.ran: list[int] = []
        self.fail_step = fail_step

    async def __call__(self, runtime: Runtime, timer: Timer, session: AsyncSession,
                       now: datetime) -> None:
        await timers.schedule(session, "effect", None, timer.step, now + timedelta(days=1), now)
        if timer.step == self.fail_step:
            raise RuntimeError("this step fails")
        self.ran.append(timer.step)


async def _count(runtime: Runtime, kind: str, status: str) -> int:
    async with runtime.database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Timer).where(
            Timer.kind == kind, Timer.status == status)) or 0)


async def test_a_batch_of_timers_fires_in_one_transaction(runtime: Runtime) -> None:
    await _schedule(runtime, 30)
    handler = Recorder()
    commits: list[object] = []
    engine, count = runtime.database.engine.sync_engine, commits.append
    event.listen(engine, "commit", count)
    try:
        fired = await workers.run_due_timers(runtime, {"test": handler})
    finally:
        event.remove(engine, "commit", count)
    assert fired == 30 and sorted(handler.ran) == list(range(30))
    assert len(commits) == 2  # the claim, then the whole batch
    assert await _count(runtime, "effect", "pending") == 30


async def test_a_stale_run_after_the_lease_moved_on_does_nothing(
    runtime: Runtime, clock: ManualClock
) -> None:
    await _schedule(runtime, 3)
    async with runtime.database.transaction() as session:
        stale = await timers.claim_due(session, clock.now(), workers.TIMER_LEASE, 10)
    clock.advance(workers.TIMER_LEASE + timedelta(seconds=1))  # the first sweeper stalled
    handler = Recorder()
    assert await workers.run_due_timers(runtime, {"test": handler}) == 3
    late = Recorder()
    assert await workers.fire(runtime, {"test": late}, stale, clock.now()) == 0
    assert late.ran == [] and sorted(handler.ran) == [0, 1, 2]
    assert await _count(runtime, "effect", "pending") == 3


async def test_a_duplicate_run_of_the_same_claim_does_nothing(
    runtime: Runtime, clock: ManualClock
) -> None:
    await _schedule(runtime, 2)
    async with runtime.database.transaction() as session:
        claimed = await timers.claim_due(session, clock.now(), workers.TIMER_LEASE, 10)
    handler = Recorder()
    assert await workers.fire(runtime, {"test": handler}, claimed, clock.now()) == 2
    assert await workers.fire(runtime, {"test": handler}, claimed, clock.now()) == 0
    assert sorted(handler.ran) == [0, 1]


async def test_racing_sweepers_fire_each_timer_once(runtime: Runtime) -> None:
    await _schedule(runtime, 60)
    handler = Recorder()
    for _ in range(3):
        await asyncio.gather(*(workers.run_due_timers(runtime, {"test": handler}, limit=9)
                               for _ in range(3)))
    assert sorted(handler.ran) == list(range(60))
    assert await _count(runtime, "test", "fired") == 60


async def test_one_failing_timer_rolls_back_alone_and_runs_again_later(
    runtime: Runtime, clock: ManualClock
) -> None:
    await _schedule(runtime, 5)
    handler = Recorder(fail_step=2)
    assert await workers.run_due_timers(runtime, {"test": handler}) == 4
    assert await _count(runtime, "test", "fired") == 4
    assert await _count(runtime, "effect", "pending") == 4  # not the failed one's
    assert await workers.run_due_timers(runtime, {"test": handler}) == 0  # still leased
    handler.fail_step = None
    clock.advance(workers.TIMER_LEASE + timedelta(seconds=1))
    assert await workers.run_due_timers(runtime, {"test": handler}) == 1
    assert await _count(runtime, "test", "fired") == 5
    assert await _count(runtime, "effect", "pending") == 5


async def test_a_timer_of_an_unknown_kind_is_marked_and_not_retried(runtime: Runtime) -> None:
    await _schedule(runtime, 2, kind="retired_kind")
    await _schedule(runtime, 1)
    assert await workers.run_due_timers(runtime, {"test": Recorder()}) == 3
    assert await _count(runtime, "retired_kind", "unknown_kind") == 2
    assert await _count(runtime, "test", "fired") == 1


async def test_the_sweeper_sleeps_until_the_next_timer_is_due(
    runtime: Runtime, clock: ManualClock
) -> None:
    assert await workers.next_timer_in(runtime, 1.0) == 1.0
    now = clock.now()
    async with runtime.database.transaction() as session:
        await timers.schedule(session, "test", None, 1, now + timedelta(milliseconds=300), now)
        await timers.schedule(session, "test", None, 2, now + timedelta(hours=1), now)
    assert await workers.next_timer_in(runtime, 1.0) == 0.3
