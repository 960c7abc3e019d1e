"""The timer sweeper: claims due timers with a lease and runs each exactly once."""

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.reminders import CLOCK_TIMER, remind
from bot.checkins import timers as checkin_timers
from bot.escalation import escalate
from bot.runtime import Runtime
from bot.submission import ESCALATION_TIMER
from storage.models import Timer
from storage.repositories import timers

log = logging.getLogger(__name__)

TimerHandler = Callable[[Runtime, Timer, AsyncSession, datetime], Awaitable[None]]
TIMER_LEASE = timedelta(seconds=60)


class _LeaseLost(Exception):
    pass


def default_handlers() -> dict[str, TimerHandler]:
    return {ESCALATION_TIMER: escalate, CLOCK_TIMER: remind, **checkin_timers.handlers()}


async def run_due_timers(
    runtime: Runtime, handlers: dict[str, TimerHandler], limit: int = 100
) -> int:
    """Run every timer due now; each one's effects commit together with marking it fired."""
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        claimed = await timers.claim_due(session, now, TIMER_LEASE, limit)
    token = claimed.token
    fired = 0
    for timer in claimed.rows:
        handler = handlers.get(timer.kind)
        try:
            async with runtime.database.transaction() as session:
                if handler is not None:
                    await handler(runtime, timer, session, now)
                status = "fired" if handler is not None else "unknown_kind"
                if not await timers.finish(session, timer.id, token, status, now):
                    raise _LeaseLost()
            fired += 1
        except _LeaseLost:
            log.warning("timer %s was taken over by another worker; skipped", timer.id)
        except Exception:
            log.exception("timer %s (%s) failed; it will run again when its lease ends",
                          timer.id, timer.kind)
    return fired
