"""The timer sweeper, and the loops that keep it and the delivery worker running.

Due timers are claimed with a lease and fired a batch at a time: one transaction marks the
batch fired (only the timers still pending under our lease, so a stale or duplicate run does
nothing) and runs their handlers. If any handler fails, the batch rolls back and its timers run
one by one, each in its own transaction, so one bad timer never holds up the rest.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import interactions, retention
from bot.cases.reminders import CLOCK_TIMER, remind
from bot.checkins import timers as checkin_timers
from bot.delivery import DeliverySettings, DeliveryWorker, Transport
from bot.escalation import escalate
from bot.escalation_policy import ESCALATION_TIMER
from bot.outbox import Doorbell
from bot.quick import reminders as quick_reminders
from bot.runtime import Runtime
from storage.models import Timer
from storage.repositories import timers
from storage.repositories.leases import Claim

log = logging.getLogger(__name__)

TimerHandler = Callable[[Runtime, Timer, AsyncSession, datetime], Awaitable[None]]
TIMER_LEASE = timedelta(seconds=60)
POLL_SECONDS = 1.0
"""The longest a worker sleeps before looking again (rows other replicas wrote)."""
RETRY_SECONDS = 0.05
"""The pause after a round that found nothing it could take although something was due."""
HOUSEKEEPING_SECONDS = 600.0
"""How often a process checks whether the daily retention job (and the purge of old
interaction keys) is due."""


class _LeaseLost(Exception):
    pass


def default_handlers() -> dict[str, TimerHandler]:
    return {ESCALATION_TIMER: escalate, CLOCK_TIMER: remind, **checkin_timers.handlers(),
            **quick_reminders.handlers()}


async def run_due_timers(
    runtime: Runtime, handlers: Mapping[str, TimerHandler], limit: int = 100
) -> int:
    """Run up to `limit` timers due now; returns how many fired."""
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        claimed = await timers.claim_due(session, now, TIMER_LEASE, limit)
    return await fire(runtime, handlers, claimed, now)


async def fire(runtime: Runtime, handlers: Mapping[str, TimerHandler], claimed: Claim[Timer],
               now: datetime) -> int:
    """Run claimed timers (those still ours); returns how many fired."""
    if not claimed.rows:
        return 0
    try:
        return await _fire_batch(runtime, handlers, claimed.rows, claimed.token, now)
    except Exception as error:
        log.warning("timer batch of %s rolled back (%s); running them one by one",
                    len(claimed.rows), type(error).__name__)
    fired = 0
    for timer in claimed.rows:
        fired += await _fire_one(runtime, handlers, timer, claimed.token, now)
    return fired


async def _fire_batch(runtime: Runtime, handlers: Mapping[str, TimerHandler],
                      batch: list[Timer], token: str, now: datetime) -> int:
    """One transaction: mark the batch fired where our lease holds, run those handlers."""
    unknown = {t.id for t in batch if t.kind not in handlers}
    async with runtime.database.transaction() as session:
        ours = await timers.finish_many(session, [t.id for t in batch], token, now, unknown)
        for timer in batch:
            if timer.id in ours and timer.id not in unknown:
                await handlers[timer.kind](runtime, timer, session, now)
    for timer in batch:
        if timer.id not in ours:
            log.warning("timer %s was taken over by another worker; skipped", timer.id)
    return len(ours)


async def _fire_one(runtime: Runtime, handlers: Mapping[str, TimerHandler], timer: Timer,
                    token: str, now: datetime) -> int:
    """Its effects commit together with marking it fired, or not at all."""
    handler = handlers.get(timer.kind)
    try:
        async with runtime.database.transaction() as session:
            if handler is not None:
                await handler(runtime, timer, session, now)
            status = "fired" if handler is not None else "unknown_kind"
            if not await timers.finish(session, timer.id, token, status, now):
                raise _LeaseLost()
        return 1
    except _LeaseLost:
        log.warning("timer %s was taken over by another worker; skipped", timer.id)
    except Exception:
        log.exception("timer %s (%s) failed; it will run again when its lease ends",
                      timer.id, timer.kind)
    return 0


async def next_timer_in(runtime: Runtime, most: float) -> float:
    """Seconds until the next pending timer falls due, at most `most`."""
    now = runtime.clock.now()
    async with runtime.database.readers() as session:
        due = await timers.next_due_at(session, now)
    return most if due is None else min(most, (due - now).total_seconds())


async def run(runtime: Runtime, transports: Mapping[str, Transport],
              settings: DeliverySettings | None = None,
              handlers: Mapping[str, TimerHandler] | None = None) -> None:
    """Deliver and fire timers until cancelled (two loops; if one stops, both do)."""
    doorbell = Doorbell(runtime.database)
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(delivery_loop(DeliveryWorker(runtime, transports, settings),
                                            doorbell))
            group.create_task(timer_loop(runtime, handlers or default_handlers()))
    finally:
        doorbell.close()


async def delivery_loop(worker: DeliveryWorker, doorbell: Doorbell) -> None:
    """Send while there is something to send; then sleep until the next row falls due, a
    commit in this process writes to the outbox, or POLL_SECONDS pass."""
    while True:
        try:
            if (await worker.deliver_round()).claimed:
                continue
            wait = await worker.next_due_in(POLL_SECONDS)
        except Exception as error:  # keep going: a database blip must not stop delivery
            log.error("delivery round failed: %s", type(error).__name__)
            wait = POLL_SECONDS
        await doorbell.wait(wait if wait > 0 else RETRY_SECONDS)


async def timer_loop(runtime: Runtime, handlers: Mapping[str, TimerHandler]) -> None:
    """Fire batches while timers are due; then sleep until the next one (or POLL_SECONDS)."""
    loop = asyncio.get_running_loop()
    next_housekeeping = 0.0
    while True:
        try:
            fired = await run_due_timers(runtime, handlers)
            if loop.time() >= next_housekeeping:
                next_housekeeping = loop.time() + HOUSEKEEPING_SECONDS
                await retention.run_if_due(runtime)
                await interactions.purge_if_due(runtime)
            if fired:
                continue
            wait = await next_timer_in(runtime, POLL_SECONDS)
        except Exception as error:
            log.error("timer round failed: %s", type(error).__name__)
            wait = POLL_SECONDS
        await asyncio.sleep(wait if wait > 0 else RETRY_SECONDS)
