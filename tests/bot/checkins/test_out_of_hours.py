"""A check-in arranged for 3 a.m., a Sunday or a public holiday is scheduled only once whoever
arranges it confirms; confirmed, it goes at that time. Automatic follow-ups never need asking:
they are placed in working time."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.checkins import offer, scheduling
from bot.checkins.messages import CheckinDueMessage, CheckinNoticeMessage
from bot.checkins.scheduling import NeedsConfirmation
from bot.clock import ManualClock
from bot.runtime import Runtime
from bot.working_time.timing import calendar_for
from storage.wellbeing_models import Checkin
from tests.bot.checkins.helpers import pump, received
from tests.bot.driving import actor
from tests.bot.fakes import RecordingTransport
from tests.bot.quick_helpers import quick_alert
from tests.bot.working_time.helpers import in_office, office
from tests.bot.working_time.test_routine_waits import QUICK

TUESDAY_3AM = datetime(2026, 3, 17, 3, 0, tzinfo=UTC)
SUNDAY = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)
NEW_YEAR = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)


async def _count(runtime: Runtime) -> int:
    async with runtime.database.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(Checkin))).scalar())


@pytest.mark.parametrize(("due", "reason", "instead"), [
    (TUESDAY_3AM, "before the working day starts at 09:00", "Tue 17 Mar 2026, 09:00"),
    (SUNDAY, "a Sunday", "Mon 16 Mar 2026, 09:00"),
    (NEW_YEAR, "a public holiday (New Year's Day)", "Mon 04 Jan 2027, 09:00"),
])
async def test_out_of_hours_asks_first_and_schedules_nothing(
    runtime: Runtime, due: datetime, reason: str, instead: str
) -> None:
    runtime = in_office(runtime)
    alex = actor(runtime, "alex")
    with pytest.raises(NeedsConfirmation) as asked:
        await scheduling.schedule(runtime, actor(runtime, "manager"), alex.person, due)
    out = asked.value.out
    assert out.reason == reason and out.due_at == due
    question = str(asked.value)
    assert question == out.question and reason in question and instead in question
    assert "outside working hours (Mon–Fri 09:00–17:00" in question
    assert await _count(runtime) == 0


async def test_confirmed_it_goes_at_that_time_and_its_notice_no_later(
    runtime: Runtime, clock: ManualClock
) -> None:
    runtime = in_office(runtime)
    transport = RecordingTransport()
    alex = actor(runtime, "alex")
    done = await scheduling.schedule(runtime, actor(runtime, "manager"), alex.person, SUNDAY,
                                     confirmed=True)
    await pump(runtime, transport)  # Saturday 10:00: the notice waits for the check-in
    assert received(transport, "alex", CheckinNoticeMessage) == []
    clock.advance(SUNDAY - clock.now())
    await pump(runtime, transport)
    assert [m.change for m in received(transport, "alex", CheckinNoticeMessage)] == ["scheduled"]
    assert [m.checkin_id for m in received(transport, "alex", CheckinDueMessage)] == [
        done.checkin_id]


async def test_in_working_hours_nothing_is_asked(runtime: Runtime) -> None:
    runtime = in_office(runtime)
    monday = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)
    done = await scheduling.schedule(runtime, actor(runtime, "manager"),
                                     actor(runtime, "alex").person, monday)
    assert done.due_at == monday


async def test_moving_to_a_time_out_of_hours_asks_too(runtime: Runtime) -> None:
    runtime = in_office(runtime)
    manager = actor(runtime, "manager")
    done = await scheduling.schedule(runtime, manager, actor(runtime, "alex").person,
                                     datetime(2026, 3, 16, 10, 0, tzinfo=UTC))
    with pytest.raises(NeedsConfirmation) as asked:
        await scheduling.move(runtime, manager, done.checkin_id, "sunday 11:00")
    assert asked.value.out.reason == "a Sunday"
    moved = await scheduling.move(runtime, manager, done.checkin_id, asked.value.out.due_at,
                                  confirmed=True)
    assert moved.due_at == datetime(2026, 3, 15, 11, 0, tzinfo=UTC)


async def test_someone_in_new_york_is_asked_about_in_their_own_hours(runtime: Runtime) -> None:
    runtime = in_office(runtime, new_york=("jo",))
    deputy, jo = actor(runtime, "deputy"), actor(runtime, "jo").person
    evening_in_london = datetime(2026, 3, 17, 20, 0, tzinfo=UTC)  # 16:00 in New York
    done = await scheduling.schedule(runtime, deputy, jo, evening_in_london)
    assert done.zone.key == "America/New_York"
    with pytest.raises(NeedsConfirmation) as asked:
        await scheduling.schedule(runtime, deputy, jo, datetime(2026, 3, 17, 12, 0,
                                                                tzinfo=UTC))
    assert "(America/New_York)" in str(asked.value) and "08:00" in str(asked.value)


async def test_with_routine_waits_off_nothing_is_asked(runtime: Runtime) -> None:
    runtime = in_office(runtime, routine_waits=False)
    done = await scheduling.schedule(runtime, actor(runtime, "manager"),
                                     actor(runtime, "alex").person, SUNDAY)
    assert done.due_at == SUNDAY


class _Config:
    def __init__(self) -> None:
        self.config = office(new_york=("jo",))


moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31),
                       timezones=st.just(UTC))


@settings(max_examples=300, deadline=None)
@given(now=moments, who=st.sampled_from(["alex", "jo"]),
       after=st.sampled_from([timedelta(hours=4), timedelta(days=1), timedelta(days=3),
                              timedelta(days=30), timedelta(hours=90)]))
def test_automatic_follow_ups_never_land_on_a_weekend_a_holiday_or_at_night(
    now: datetime, who: str, after: timedelta
) -> None:
    holder = _Config()
    person = holder.config.person(who)
    assert person is not None
    zone = calendar_for(holder.config, who).zone
    due = offer.follow_up_time(holder, person, offer.later(now, after, zone))  # type: ignore[arg-type]
    local = due.astimezone(zone)
    wellbeing = holder.config.wellbeing
    assert due >= now + after - timedelta(hours=1)  # (a clock change may shift a day's hour)
    assert local.weekday() < 5 and (local.month, local.day) not in {(1, 1), (12, 25)}
    assert calendar_for(holder.config, who).is_working_time(due)
    assert wellbeing.earliest <= local.time() <= wellbeing.latest


async def test_a_yes_on_new_years_eve_schedules_nothing_on_new_years_day(
    runtime: Runtime, clock: ManualClock
) -> None:
    runtime = in_office(runtime)
    clock.advance(datetime(2026, 12, 31, 15, 0, tzinfo=UTC) - clock.now())

    alex = actor(runtime, "alex")
    await quick_alert(runtime, alex, **QUICK)
    answer = await offer.answer(runtime, alex, "yes")
    # 4h: 19:00 → the office is closed 29–31 Dec in the example, 1 Jan is a holiday, then a
    # weekend: Monday 4 January 09:00. 3 days: Sunday → the same Monday 09:00, so only one.
    # 30 days: Saturday 30 January → Monday 1 February.
    assert list(answer.follow_ups) == [datetime(2027, 1, 4, 9, 0, tzinfo=UTC),
                                       datetime(2027, 2, 1, 9, 0, tzinfo=UTC)]
