"""Check-ins as durable timers: on time in the person's zone, once, across restarts; a gentle
reminder then "no response"; an unreachable person is retried, then reported to the arranger."""

import dataclasses
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.checkins import scheduling
from bot.checkins.messages import CheckinDueMessage, CheckinOutcomeMessage
from bot.clock import ManualClock
from bot.delivery import PermanentError
from bot.runtime import Runtime
from storage.engine import open_database
from storage.models import Timer
from storage.wellbeing_models import Checkin
from tests.bot.checkins.helpers import pump, received, with_wellbeing
from tests.bot.driving import actor
from tests.bot.fakes import RecordingTransport


async def _arrange(runtime: Runtime, who: str, person: str, phrase: str) -> int:
    target = scheduling.resolve_person(runtime, person)
    due = scheduling.when_from_text(runtime, target, phrase)
    return (await scheduling.schedule(runtime, actor(runtime, who), target, due)).checkin_id


async def _checkin(runtime: Runtime, checkin_id: int) -> Checkin:
    async with runtime.database.sessions() as session:
        found = await session.get(Checkin, checkin_id)
    assert found is not None
    return found


async def test_sent_at_the_due_time_in_the_persons_own_time_zone(
    runtime: Runtime, clock: ManualClock
) -> None:
    runtime = with_wellbeing(runtime, timezones={"jo": "America/New_York"})
    transport = RecordingTransport()
    await _arrange(runtime, "deputy", "jo", "tomorrow 16:00")  # 16:00 in New York
    clock.advance(timedelta(days=1, hours=5, minutes=59))  # 15 March 15:59 UTC: 16:00 London
    await pump(runtime, transport)
    assert received(transport, "jo", CheckinDueMessage) == []
    clock.advance(timedelta(hours=4))  # 19:59 UTC = 15:59 in New York
    await pump(runtime, transport)
    assert received(transport, "jo", CheckinDueMessage) == []
    clock.advance(timedelta(minutes=1))
    await pump(runtime, transport)
    due = received(transport, "jo", CheckinDueMessage)
    assert due == [CheckinDueMessage(1, "DP", False)]
    assert clock.now() == datetime(2026, 3, 15, 20, 0, tzinfo=UTC)


async def test_running_the_sweeper_twice_or_in_a_new_process_sends_once(
    runtime: Runtime, clock: ManualClock, database_url: str
) -> None:
    transport = RecordingTransport()
    await _arrange(runtime, "manager", "alex", "in 2 hours")
    clock.advance(timedelta(hours=2))
    await pump(runtime, transport)
    await pump(runtime, transport)
    fresh = dataclasses.replace(runtime, database=open_database(database_url))
    try:
        await pump(fresh, transport)
        clock.advance(timedelta(minutes=20))  # the delivery watch: sent, so wait for an answer
        await pump(fresh, transport)
        await pump(runtime, transport)
    finally:
        await fresh.database.dispose()
    assert len(received(transport, "alex", CheckinDueMessage)) == 1
    async with runtime.database.sessions() as session:
        timers = list((await session.execute(select(Timer).order_by(Timer.id))).scalars())
    assert [(t.kind, t.status) for t in timers] == [
        ("checkin_due", "fired"), ("checkin_watch", "fired"), ("checkin_reminder", "pending")]


async def test_a_restart_before_the_due_time_loses_nothing(
    runtime: Runtime, clock: ManualClock, database_url: str
) -> None:
    await _arrange(runtime, "manager", "alex", "tomorrow 9am")
    await runtime.database.dispose()  # the process stops
    clock.advance(timedelta(days=1))
    restarted = dataclasses.replace(runtime, database=open_database(database_url))
    transport = RecordingTransport()
    try:
        await pump(restarted, transport)
    finally:
        await restarted.database.dispose()
    assert len(received(transport, "alex", CheckinDueMessage)) == 1


async def test_no_answer_brings_one_gentle_reminder_then_no_response_for_the_manager(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _arrange(runtime, "manager", "alex", "in 1 hour")
    clock.advance(timedelta(hours=1))
    await pump(runtime, transport)
    clock.advance(timedelta(hours=23, minutes=59))
    await pump(runtime, transport)
    assert [m.reminder for m in received(transport, "alex", CheckinDueMessage)] == [False]
    clock.advance(timedelta(minutes=1))  # a day after it was sent
    await pump(runtime, transport)
    assert [m.reminder for m in received(transport, "alex", CheckinDueMessage)] == [False, True]
    assert received(transport, "manager", CheckinOutcomeMessage) == []
    clock.advance(timedelta(days=1))  # two days after it was sent
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinOutcomeMessage) == [
        CheckinOutcomeMessage(checkin_id, "AT", "no_response")]
    clock.advance(timedelta(days=5))
    await pump(runtime, transport)
    assert len(received(transport, "alex", CheckinDueMessage)) == 2, "only one reminder"
    assert (await _checkin(runtime, checkin_id)).state == "no_response"


async def test_reminders_and_no_response_notes_can_be_switched_off(
    runtime: Runtime, clock: ManualClock
) -> None:
    runtime = with_wellbeing(runtime, remind=False, tell_no_response=False)
    transport = RecordingTransport()
    checkin_id = await _arrange(runtime, "manager", "alex", "now")
    await pump(runtime, transport)
    clock.advance(timedelta(days=3))
    await pump(runtime, transport)
    assert [m.reminder for m in received(transport, "alex", CheckinDueMessage)] == [False]
    assert received(transport, "manager", CheckinOutcomeMessage) == []
    assert (await _checkin(runtime, checkin_id)).state == "no_response"


class Unreachable(RecordingTransport):
    """The person's platform refuses every message to them."""

    def __init__(self, unreachable: str) -> None:
        super().__init__()
        self.unreachable = unreachable
        self.tries = 0

    async def send(self, item):  # type: ignore[no-untyped-def]
        if item.destination == self.unreachable:
            self.tries += isinstance(item.message, CheckinDueMessage)
            raise PermanentError("user_not_found")
        return await super().send(item)


async def test_an_unreachable_person_is_retried_then_reported_to_whoever_arranged_it(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = Unreachable("alex")
    checkin_id = await _arrange(runtime, "manager", "alex", "in 1 hour")
    clock.advance(timedelta(hours=1))
    await pump(runtime, transport)
    assert transport.tries == 1
    clock.advance(timedelta(minutes=15))  # the watch sees it failed: try again later
    await pump(runtime, transport)
    assert received(transport, "manager", CheckinOutcomeMessage) == []
    assert (await _checkin(runtime, checkin_id)).state == "scheduled"
    clock.advance(timedelta(minutes=30))
    await pump(runtime, transport)
    assert transport.tries == 2
    clock.advance(timedelta(minutes=15))
    await pump(runtime, transport)
    outcome = received(transport, "manager", CheckinOutcomeMessage)
    assert outcome == [CheckinOutcomeMessage(checkin_id, "AT", "undeliverable")]
    assert outcome[0].needs_attention
    assert (await _checkin(runtime, checkin_id)).state == "undeliverable"


async def test_someone_no_longer_in_the_config_is_reported_at_once(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    checkin_id = await _arrange(runtime, "manager", "alex", "in 1 hour")
    people = [p for p in runtime.config.people if p.id != "alex"]
    gone = dataclasses.replace(runtime, config=runtime.config.model_copy(
        update={"people": people}))
    clock.advance(timedelta(hours=1))
    await pump(gone, transport)
    assert received(transport, "manager", CheckinOutcomeMessage) == [
        CheckinOutcomeMessage(checkin_id, "alex", "undeliverable")]
