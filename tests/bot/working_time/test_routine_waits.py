"""Out of hours on the real storage (SQLite and PostgreSQL): the quick-alert reminder that would
have reached the reporter at 00:46 arrives at 09:00, while the alert and its escalation went at
once; automatic check-ins never land on a Saturday, a Sunday or 1 January; held messages are
rows with their due time, so a new process delivers them."""

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.cases.messages import CaseNotice
from bot.checkins import offer
from bot.checkins.messages import CheckinDueMessage, CheckinRequestedMessage
from bot.clock import ManualClock
from bot.delivery import deliver_due
from bot.notifications import AlertMessage
from bot.quick.reminders import COMPLETION_TIMER
from bot.runtime import Runtime
from bot.working_time.timing import NOTIFICATIONS, Timing, calendar_for, notification_kind
from storage.engine import open_database
from storage.models import OutboxMessage, Timer
from tests.bot.checkins.helpers import pump, received
from tests.bot.driving import actor
from tests.bot.fakes import RecordingTransport
from tests.bot.quick_helpers import outbox_rows, quick_alert, timer_rows
from tests.bot.working_time.helpers import in_office, office

LATE_MONDAY = datetime(2026, 3, 16, 22, 46, tzinfo=UTC)  # 22:46 in London (GMT)
QUICK = {"occurred_at": "yesterday 09:00"}


def reminders(transport: RecordingTransport, who: str) -> list[CaseNotice]:
    return [m for m in received(transport, who, CaseNotice) if m.notice == "completion_reminder"]


async def test_the_reminder_due_at_00_46_reaches_the_reporter_at_09_00_the_alert_at_once(
    runtime: Runtime, clock: ManualClock
) -> None:
    runtime = in_office(runtime)
    transport = RecordingTransport()
    clock.advance(LATE_MONDAY - clock.now())
    receipt = await quick_alert(runtime, actor(runtime, "alex"), **QUICK)
    await pump(runtime, transport)
    alerts = received(transport, "lead", AlertMessage)
    assert [a.reference for a in alerts] == [receipt.reference], "the alert went at 22:46"
    [first, end_of_day] = await timer_rows(runtime, COMPLETION_TIMER)
    assert first.due_at == datetime(2026, 3, 17, 9, 0, tzinfo=UTC), "not 00:46"
    assert end_of_day.due_at == datetime(2026, 3, 17, 17, 0, tzinfo=UTC)

    clock.advance(timedelta(minutes=16))  # 23:02: nobody acknowledged, so it escalates now
    await pump(runtime, transport)
    assert [a.step for a in received(transport, "ceo", AlertMessage)] == [1]
    clock.advance(datetime(2026, 3, 17, 0, 46, tzinfo=UTC) - clock.now())
    await pump(runtime, transport)
    assert reminders(transport, "alex") == []
    clock.advance(datetime(2026, 3, 17, 8, 59, tzinfo=UTC) - clock.now())
    await pump(runtime, transport)
    assert reminders(transport, "alex") == []
    clock.advance(timedelta(minutes=1))
    await pump(runtime, transport)
    assert [r.step for r in reminders(transport, "alex")] == [1]


async def test_a_held_notice_is_a_row_with_its_due_time_that_a_new_process_delivers(
    runtime: Runtime, clock: ManualClock, database_url: str
) -> None:
    """A check-in request reaches the manager on Saturday: it waits for Monday 09:00, in the
    database, and another process (a restart) sends it then, once."""
    runtime = in_office(runtime)
    transport = RecordingTransport()
    await quick_alert(runtime, actor(runtime, "alex"), **QUICK)  # Saturday 10:00
    assert (await offer.answer(runtime, actor(runtime, "alex"), "yes")).status == "yes"
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinRequestedMessage) == []
    [held] = await outbox_rows(runtime, "checkin_requested")
    monday = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
    assert held.status == "pending" and held.next_attempt_at == monday and held.attempts == 0

    restarted = open_database(database_url)
    try:
        later = dataclasses.replace(runtime, database=restarted,
                                    clock=ManualClock(monday - timedelta(seconds=1)))
        assert await deliver_due(later, {"console": transport}) == 0
        later = dataclasses.replace(later, clock=ManualClock(monday))
        await pump(later, transport)
        await pump(later, transport)
    finally:
        await restarted.dispose()
    assert len(received(transport, "manager", CheckinRequestedMessage)) == 1


async def test_a_reminder_held_over_the_weekend_still_leaves_time_before_no_response(
    runtime: Runtime, clock: ManualClock
) -> None:
    """Delivered on Friday 16:00: the reminder waits until Monday 09:00, and "no response"
    comes a day after that, not at the same moment."""
    runtime = in_office(runtime)
    transport = RecordingTransport()
    clock.advance(datetime(2026, 3, 20, 15, 0, tzinfo=UTC) - clock.now())
    alex = actor(runtime, "alex")
    done = await offer.scheduling.schedule(runtime, actor(runtime, "manager"), alex.person,
                                           datetime(2026, 3, 20, 16, 0, tzinfo=UTC))
    clock.advance(timedelta(hours=1))
    await pump(runtime, transport)
    assert len(received(transport, "alex", CheckinDueMessage)) == 1
    steps = []
    for moment in ("2026-03-21 16:00", "2026-03-23 08:59", "2026-03-23 09:00",
                   "2026-03-23 16:00", "2026-03-24 09:00"):
        clock.advance(datetime.fromisoformat(moment).replace(tzinfo=UTC) - clock.now())
        await pump(runtime, transport)
        due = received(transport, "alex", CheckinDueMessage)
        outcomes = [i for i in transport.to("manager")
                    if getattr(i.message, "outcome", None) == "no_response"]
        steps.append((len(due), len(outcomes)))
    assert steps == [(1, 0), (1, 0), (2, 0), (2, 0), (2, 1)], done


class Shared:
    """The runtime shared by every Hypothesis example, with a short repr for failure reports."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def __repr__(self) -> str:
        return "<runtime shared by every example>"


@pytest.fixture
def shared(runtime: Runtime) -> Shared:
    return Shared(in_office(runtime, new_york=("jo",)))


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31),
                       timezones=st.just(UTC)).map(lambda m: m.replace(second=0,
                                                                       microsecond=0))


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(now=moments, who=st.sampled_from(["alex", "jo"]))
async def test_at_any_time_routine_deliveries_land_in_working_time_and_alerts_are_not_held(
    shared: Shared, now: datetime, who: str
) -> None:
    """A quick alert and a yes to the check-in offer at a random moment (Jo works in New
    York): the alert, its receipt and escalation are not held; the reporter's reminders and the
    automatic check-ins are set for working time, never on a weekend or 1 January; whatever
    is held is due at a working time. Each example looks only at the rows it wrote."""
    runtime = dataclasses.replace(shared.runtime, clock=ManualClock(now))
    config = runtime.config
    async with runtime.database.sessions() as session:
        rows_before = (await session.execute(select(func.max(OutboxMessage.id)))).scalar() or 0
        timers_before = (await session.execute(select(func.max(Timer.id)))).scalar() or 0
    reporter = actor(runtime, who)
    await quick_alert(runtime, reporter, **QUICK)
    [token] = [r.payload["checkin_offer"] for r in await outbox_rows(runtime, "receipt")
               if r.id > rows_before]
    assert (await offer.answer(runtime, reporter, "yes", token)).status == "yes"
    await deliver_due(runtime, {"console": RecordingTransport()}, limit=200)

    async with runtime.database.sessions() as session:
        rows = list((await session.execute(select(OutboxMessage).where(
            OutboxMessage.id > rows_before))).scalars())
        made = list((await session.execute(select(Timer).where(
            Timer.id > timers_before))).scalars())
    for row in rows:
        timing = NOTIFICATIONS[notification_kind(row.event, row.payload)]
        calendar = calendar_for(config, row.recipient_person_id)
        if timing is Timing.WORKING_HOURS and row.status == "pending":
            assert calendar.is_working_time(row.next_attempt_at), (row.event, now)
            assert not calendar.is_working_time(now)
        else:
            assert row.status == "sent", (row.event, now)
    assert {r.event for r in rows} >= {"alert", "receipt", "checkin_requested"}
    mine = calendar_for(config, who)
    kinds = {t.kind for t in made}
    assert {"escalation", COMPLETION_TIMER, "checkin_due"} <= kinds
    for timer in made:
        if timer.kind == "escalation":
            assert timer.due_at == now + timedelta(minutes=15), "escalations are not moved"
        elif timer.kind in (COMPLETION_TIMER, "checkin_due"):
            assert mine.is_working_time(timer.due_at), (timer.kind, timer.due_at, now)
            local = timer.due_at.astimezone(mine.zone)
            assert local.weekday() < 5 and (local.month, local.day) != (1, 1)


def test_the_example_config_is_what_these_tests_assume() -> None:
    calendar = calendar_for(office())
    assert calendar.describe() == (
        "Mon–Fri 09:00–17:00, not on public holidays in England and Wales")
