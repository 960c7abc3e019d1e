"""Check-ins as durable timers: sent at the due time, delivery watched, one gentle reminder,
then "no response". Registered in bot.workers. The reminder, "no response" and a retry after a
failed delivery are routine: each waits for the person's next working time.

Each step runs inside the sweeper's transaction, together with marking its timer fired, and
acts only if the timer is still the check-in's `next_timer_id` (moving or cancelling a
check-in replaces it): so a restart, a second sweeper, or a stale timer never sends twice.
"""

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.checkins import notify, outcome, records
from bot.checkins.conversation import FLOW_ID
from bot.checkins.messages import CheckinDueMessage
from bot.checkins.people import label, person_by_id
from bot.checkins.scheduling import DUE_TIMER
from bot.flow.progress import FlowProgress
from bot.flow.runner import FlowRunner
from bot.notifications import Address
from bot.runtime import Runtime
from bot.working_time.timing import Timing, place, timer_timing
from storage.models import Timer
from storage.repositories import checkins
from storage.wellbeing_models import Checkin

WATCH_TIMER = "checkin_watch"
REMINDER_TIMER = "checkin_reminder"
NO_RESPONSE_TIMER = "checkin_no_response"
WATCH_EVERY = timedelta(minutes=15)
"""How often to look at whether the check-in's messages were delivered (the outbox retries
with backoff for about a quarter of an hour before it gives up)."""


async def _own(session: AsyncSession, timer: Timer, state: str) -> Checkin | None:
    """The check-in this timer belongs to, if the timer is still its next step."""
    checkin_id = (timer.payload or {}).get("checkin_id")
    if not isinstance(checkin_id, int):
        return None
    checkin = await checkins.get(session, checkin_id, lock=True)
    if checkin is None or checkin.next_timer_id != timer.id or checkin.state != state:
        return None
    return checkin


async def _next(session: AsyncSession, runtime: Runtime, checkin: Checkin, kind: str,
                due_at: datetime, now: datetime, **values: object) -> None:
    """Make `kind` the check-in's next step, at `due_at` placed as its kind says (routine
    steps at the person's next working time)."""
    wanted = max(due_at, now)
    timing = Timing.WORKING_HOURS if kind == DUE_TIMER else timer_timing(kind)  # a retry
    due = place(runtime.config, timing, wanted, checkin.person_id)
    timer_id = await checkins.add_timer(session, kind, checkin.id, due, now)
    if not await checkins.save(session, checkin.id, checkin.version, now,
                               next_timer_id=timer_id, **values):
        raise RuntimeError(f"check-in {checkin.id} changed under a locked timer step")


async def _addresses(session: AsyncSession, runtime: Runtime, checkin: Checkin
                     ) -> list[Address]:
    """Where the person is reached: from the config, or where a guest took it up."""
    person = person_by_id(runtime.config, checkin.person_id)
    return await notify.addresses_for(session, runtime, person) if person else []


def _due_message(runtime: Runtime, checkin: Checkin, reminder: bool) -> CheckinDueMessage:
    arranged = "" if checkin.scheduled_by == checkin.person_id else label(
        runtime.config.person(checkin.scheduled_by))
    return CheckinDueMessage(checkin.id, arranged, reminder)


async def on_due(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime) -> None:
    """Send the check-in to the person wherever they can be reached."""
    checkin = await _own(session, timer, "scheduled")
    if checkin is None:
        return
    addresses = await _addresses(session, runtime, checkin)
    if not addresses:
        await outcome.finish(session, runtime, checkin, "undeliverable", None, now, timer.id)
        return
    prefix = notify.key_prefix(checkin.id, "due", checkin.delivery_round)
    await notify.send(session, now, prefix, addresses, _due_message(runtime, checkin, False))
    await _next(session, runtime, checkin, WATCH_TIMER, now + WATCH_EVERY, now,
                state="delivered", delivered_at=now)


async def on_watch(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime
                   ) -> None:
    """Delivered: wait for an answer. Failed everywhere: try again later, or tell them."""
    checkin = await _own(session, timer, "delivered")
    if checkin is None:
        return
    settings = runtime.config.wellbeing
    statuses = await checkins.delivery_statuses(
        session, notify.key_prefix(checkin.id, "due", checkin.delivery_round))
    if "sent" in statuses:
        delivered = checkin.delivered_at or now
        if settings.remind:
            await _next(session, runtime, checkin, REMINDER_TIMER,
                        delivered + settings.reminder_after, now)
        else:
            await _next(session, runtime, checkin, NO_RESPONSE_TIMER,
                        delivered + settings.no_response_after, now)
    elif statuses and all(status == "failed" for status in statuses):
        if checkin.delivery_round + 1 < settings.delivery_rounds:
            await _next(session, runtime, checkin, DUE_TIMER,
                        now + settings.retry_delivery_after, now, state="scheduled",
                        delivery_round=checkin.delivery_round + 1)
        else:
            await outcome.finish(session, runtime, checkin, "undeliverable", None, now, timer.id)
    else:
        await _next(session, runtime, checkin, WATCH_TIMER, now + WATCH_EVERY, now)


async def on_reminder(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime
                      ) -> None:
    """One gentle reminder, then wait until "no response"."""
    checkin = await _own(session, timer, "delivered")
    if checkin is None:
        return
    await notify.send(session, now, notify.key_prefix(checkin.id, "reminder"),
                      await _addresses(session, runtime, checkin),
                      _due_message(runtime, checkin, True))
    settings = runtime.config.wellbeing
    delivered = checkin.delivered_at or now
    reminder_due = place(runtime.config, timer_timing(REMINDER_TIMER),
                         delivered + settings.reminder_after, checkin.person_id)
    gap = settings.no_response_after - settings.reminder_after  # kept after a reminder that
    due = max(delivered + settings.no_response_after, reminder_due + gap)  # waited for hours
    await _next(session, runtime, checkin, NO_RESPONSE_TIMER, due, now, reminded_at=now)


async def on_no_response(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime
                         ) -> None:
    """No answer: tell whoever arranged it. Begun but not finished: what was given counts."""
    checkin = await _own(session, timer, "delivered")
    if checkin is None:
        return
    state = records.open_sealed(runtime.keys, checkin.id, records.PROGRESS,
                                checkin.progress_sealed)
    if state:
        runner = FlowRunner(runtime.flows[FLOW_ID])
        answers = runner.visible_answers(FlowProgress.from_json(state))
        await outcome.finish(session, runtime, checkin, "completed", answers, now, timer.id)
        return
    await outcome.finish(session, runtime, checkin, "no_response", None, now, timer.id)


Handler = Callable[[Runtime, Timer, AsyncSession, datetime], Awaitable[None]]


def handlers() -> dict[str, Handler]:
    return {DUE_TIMER: on_due, WATCH_TIMER: on_watch, REMINDER_TIMER: on_reminder,
            NO_RESPONSE_TIMER: on_no_response}
