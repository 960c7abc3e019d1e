"""Arranging check-ins: who may, for whom, when; moving and cancelling; clear refusals."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.checkins import scheduling, summary
from bot.checkins.messages import CheckinNoticeMessage
from bot.checkins.scheduling import ScheduleError
from bot.clock import ManualClock
from bot.runtime import Runtime
from storage.models import Timer
from storage.wellbeing_models import Checkin
from tests.bot.checkins.helpers import pump, received
from tests.bot.driving import actor
from tests.bot.fakes import RecordingTransport

TOMORROW_4PM = datetime(2026, 3, 15, 16, 0, tzinfo=UTC)


async def _schedule(runtime: Runtime, who: str, person: str, phrase: str = "tomorrow 16:00",
                    note: str | None = None) -> scheduling.Scheduled:
    target = scheduling.resolve_person(runtime, person, actor(runtime, who))
    due = scheduling.when_from_text(runtime, target, phrase)
    return await scheduling.schedule(runtime, actor(runtime, who), target, due, note)


@pytest.mark.parametrize(("who", "person"), [
    ("manager", "alex"),   # alex's manager
    ("deputy", "jo"),      # jo's manager (who is also a deputy safeguarding lead)
    ("dpl", "alex"),       # the wellbeing lead may arrange one for anyone
    ("jo", "jo"),          # anyone for themselves
])
async def test_managers_the_wellbeing_lead_and_people_themselves_may_schedule(
    runtime: Runtime, who: str, person: str
) -> None:
    done = await _schedule(runtime, who, person)
    assert done.due_at == TOMORROW_4PM and done.person.id == person
    async with runtime.database.sessions() as session:
        stored = await session.get(Checkin, done.checkin_id)
        timer = (await session.execute(select(Timer))).scalars().one()
    assert stored is not None and stored.state == "scheduled"
    assert stored.next_timer_id == timer.id and timer.due_at == TOMORROW_4PM
    assert timer.report_id is None and timer.payload == {"checkin_id": done.checkin_id}


@pytest.mark.parametrize(("who", "person"), [
    ("lead", "alex"),      # a safeguarding lead is not the manager
    ("deputy", "alex"),    # a deputy lead, and a manager, but not alex's
    ("ceo", "jo"),         # the fallback role gives nothing here
    ("jo", "alex"),        # a colleague
])
async def test_nobody_else_may_schedule_for_someone(runtime: Runtime, who: str,
                                                    person: str) -> None:
    with pytest.raises(ScheduleError, match="manager or the wellbeing lead"):
        await _schedule(runtime, who, person)
    async with runtime.database.sessions() as session:
        assert (await session.execute(select(Checkin))).first() is None


async def test_unknown_people_past_times_and_nonsense_are_refused(runtime: Runtime) -> None:
    with pytest.raises(ScheduleError, match=r"'bob' is not someone .* use one of: lead"):
        await _schedule(runtime, "manager", "bob")
    with pytest.raises(ScheduleError, match="has already passed"):
        await _schedule(runtime, "manager", "alex", "yesterday 16:00")
    with pytest.raises(ScheduleError, match="could not read 'whenever'"):
        await _schedule(runtime, "manager", "alex", "whenever")
    past = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)  # a picker's absolute time, an hour ago
    with pytest.raises(ScheduleError, match="already passed"):
        await scheduling.schedule(runtime, actor(runtime, "manager"),
                                  scheduling.resolve_person(runtime, "alex"), past)
    stranger = actor(runtime, "nobody-at-all")  # a guest may arrange only their own
    with pytest.raises(ScheduleError, match="manager or the wellbeing lead"):
        await scheduling.schedule(runtime, stranger, scheduling.resolve_person(runtime, "alex"),
                                  TOMORROW_4PM)


async def test_people_are_found_by_id_full_name_or_a_unique_first_name(runtime: Runtime) -> None:
    assert scheduling.resolve_person(runtime, "alex").id == "alex"
    assert scheduling.resolve_person(runtime, "Alex Turner").id == "alex"
    assert scheduling.resolve_person(runtime, "@jo").id == "jo"
    assert scheduling.resolve_person(runtime, "me", actor(runtime, "jo")).id == "jo"


async def test_the_person_is_told_when_it_is_arranged_moved_and_cancelled(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    done = await _schedule(runtime, "manager", "alex", note="after Tuesday's group")
    moved = await scheduling.move(runtime, actor(runtime, "manager"), done.checkin_id,
                                  "friday 10:00")
    assert moved.due_at == datetime(2026, 3, 20, 10, 0, tzinfo=UTC)
    await scheduling.cancel(runtime, actor(runtime, "manager"), done.checkin_id)
    await pump(runtime, transport)
    notices = received(transport, "alex", CheckinNoticeMessage)
    assert [(n.change, n.by_initials) for n in notices] == [
        ("scheduled", "MH"), ("moved", "MH"), ("cancelled", "MH")]
    assert "Tuesday" not in str(transport.sent), "the note is never in a message"
    clock.advance(timedelta(days=10))
    await pump(runtime, transport)
    assert len(transport.sent) == 3, "a cancelled check-in is never sent"


async def test_moving_replaces_the_timer_so_the_old_time_sends_nothing(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    done = await _schedule(runtime, "alex", "alex", "in 1 hour")
    await scheduling.move(runtime, actor(runtime, "alex"), done.checkin_id, "in 3 hours")
    clock.advance(timedelta(hours=1))
    await pump(runtime, transport)
    assert transport.to("alex") == []
    async with runtime.database.sessions() as session:
        states = {t.status for t in (await session.execute(select(Timer))).scalars()}
    assert states == {"cancelled", "pending"}
    clock.advance(timedelta(hours=2))
    await pump(runtime, transport)
    assert len(transport.to("alex")) == 1


async def test_only_whoever_arranged_it_may_move_or_cancel_it(runtime: Runtime) -> None:
    done = await _schedule(runtime, "manager", "alex")
    for who in ("lead", "jo", "alex", "ceo"):
        with pytest.raises(ScheduleError, match="no check-in"):
            await scheduling.cancel(runtime, actor(runtime, who), done.checkin_id)
        with pytest.raises(ScheduleError, match="no check-in"):
            await scheduling.move(runtime, actor(runtime, who), done.checkin_id, "friday 9am")
    await scheduling.cancel(runtime, actor(runtime, "dpl"), done.checkin_id)  # wellbeing lead
    with pytest.raises(ScheduleError, match="already ended"):
        await scheduling.cancel(runtime, actor(runtime, "manager"), done.checkin_id)


async def test_lists_show_what_each_person_arranged_and_their_own(runtime: Runtime) -> None:
    first = await _schedule(runtime, "manager", "alex")
    own = await _schedule(runtime, "jo", "jo", "friday 9am")
    arranged = await summary.arranged(runtime, actor(runtime, "manager"))
    assert [line.checkin_id for line in arranged] == [first.checkin_id]
    assert arranged[0].upcoming and arranged[0].arranged_by == "MH"
    assert [line.checkin_id for line in await summary.own(runtime, actor(runtime, "jo"))] == [
        own.checkin_id]
    deputy = await summary.arranged(runtime, actor(runtime, "deputy"))  # jo's manager follows
    assert [line.checkin_id for line in deputy] == [own.checkin_id]
    assert await summary.arranged(runtime, actor(runtime, "lead")) == []
