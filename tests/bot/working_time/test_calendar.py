"""The working calendar: working time, the next working time, the end of the working day, the
nations' public holidays and closures, time zones and clock changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.working_time.calendar import WorkingCalendar
from bot.working_time.settings import WorkingHoursSettings

LONDON = ZoneInfo("Europe/London")
ENGLAND = WorkingCalendar.of(WorkingHoursSettings(), LONDON)
SCOTLAND = WorkingCalendar.of(WorkingHoursSettings(nation="scotland"), LONDON)
NORTHERN_IRELAND = WorkingCalendar.of(WorkingHoursSettings(nation="northern_ireland"), LONDON)


def london(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def test_weekdays_in_hours_are_working_time_and_the_end_itself_is_in_the_day() -> None:
    assert ENGLAND.is_working_time(london("2026-03-16 09:00"))  # Monday
    assert ENGLAND.is_working_time(london("2026-03-20 17:00"))  # Friday, 17:00 sharp
    assert not ENGLAND.is_working_time(london("2026-03-20 17:01"))
    assert not ENGLAND.is_working_time(london("2026-03-16 08:59"))
    assert not ENGLAND.is_working_time(london("2026-03-14 12:00"))  # Saturday
    assert not ENGLAND.is_working_time(london("2026-03-15 12:00"))  # Sunday


def test_the_next_working_time_after_a_night_a_weekend_and_new_year() -> None:
    assert ENGLAND.next_working_time(london("2026-03-17 00:46")) == london("2026-03-17 09:00")
    assert ENGLAND.next_working_time(london("2026-03-20 17:30")) == london("2026-03-23 09:00")
    assert ENGLAND.next_working_time(london("2026-03-14 10:00")) == london("2026-03-16 09:00")
    within = london("2026-03-18 11:15")
    assert ENGLAND.next_working_time(within) == within
    # 1 January 2027 is a Friday and a public holiday: the next working time is Monday.
    assert ENGLAND.next_working_time(london("2026-12-31 18:00")) == london("2027-01-04 09:00")
    assert ENGLAND.next_working_time(london("2027-01-01 10:00")) == london("2027-01-04 09:00")


def test_each_nation_has_its_own_public_holidays() -> None:
    st_andrews = date(2026, 11, 30)  # a Monday
    assert SCOTLAND.day_off(st_andrews) == "a public holiday (Saint Andrew's Day)"
    assert ENGLAND.is_working_day(st_andrews)
    boyne = date(2027, 7, 12)  # a Monday
    assert NORTHERN_IRELAND.public_holiday(boyne) is not None
    assert ENGLAND.is_working_day(boyne) and SCOTLAND.is_working_day(boyne)
    easter_monday = date(2026, 4, 6)
    assert not ENGLAND.is_working_day(easter_monday)
    assert SCOTLAND.is_working_day(easter_monday)
    second_january = date(2026, 1, 2)  # a Friday: a holiday in Scotland only
    assert SCOTLAND.day_off(second_january) and ENGLAND.is_working_day(second_january)
    for calendar in (ENGLAND, SCOTLAND, NORTHERN_IRELAND):
        assert calendar.day_off(date(2026, 12, 25)) == "a public holiday (Christmas Day)"


def test_closures_and_no_nation() -> None:
    hours = WorkingHoursSettings(nation="none", closures=[date(2026, 12, 29)])
    calendar = WorkingCalendar.of(hours, LONDON)
    assert calendar.is_working_day(date(2026, 12, 25))  # no public holidays at all
    assert calendar.day_off(date(2026, 12, 29)) == "a day the organisation is closed"
    assert calendar.describe() == "Mon–Fri 09:00–17:00"
    assert ENGLAND.describe() == (
        "Mon–Fri 09:00–17:00, not on public holidays in England and Wales")


def test_why_not_says_what_is_wrong_with_a_time() -> None:
    assert ENGLAND.why_not(london("2026-03-15 10:00")) == "a Sunday"
    assert ENGLAND.why_not(london("2026-03-17 03:00")) == (
        "before the working day starts at 09:00")
    assert ENGLAND.why_not(london("2026-03-17 18:00")) == "after the working day ends at 17:00"
    assert ENGLAND.why_not(london("2026-01-01 10:00")) == "a public holiday (New Year's Day)"
    assert ENGLAND.why_not(london("2026-03-17 10:00")) is None


def test_the_end_of_the_working_day() -> None:
    assert ENGLAND.end_of_working_day(london("2026-03-16 09:30")) == london("2026-03-16 17:00")
    assert ENGLAND.end_of_working_day(london("2026-03-16 17:30")) == london("2026-03-17 17:00")
    assert ENGLAND.end_of_working_day(london("2026-03-20 18:00")) == london("2026-03-23 17:00")
    # Maundy Thursday after hours: Good Friday, the weekend and Easter Monday are days off.
    assert ENGLAND.end_of_working_day(london("2026-04-02 17:30")) == london("2026-04-07 17:00")


def test_working_hours_across_the_clock_change() -> None:
    """The clocks go forward on Sunday 29 March 2026: Monday 09:00 is 08:00 UTC."""
    assert ENGLAND.next_working_time(london("2026-03-28 12:00")) == datetime(
        2026, 3, 30, 8, 0, tzinfo=UTC)
    assert ENGLAND.next_working_time(london("2026-10-23 20:00")) == datetime(
        2026, 10, 26, 9, 0, tzinfo=UTC)  # back to GMT on 25 October


def test_someone_in_another_zone_keeps_the_same_hours_in_their_own() -> None:
    new_york = ZoneInfo("America/New_York")
    theirs = ENGLAND.in_zone(new_york)
    three_pm_london = london("2026-03-17 15:00")  # 11:00 in New York
    assert theirs.is_working_time(three_pm_london)
    evening = london("2026-03-17 20:00")  # 16:00 in New York, after hours in London
    assert theirs.is_working_time(evening) and not ENGLAND.is_working_time(evening)
    assert theirs.next_working_time(london("2026-03-17 12:00")) == datetime(
        2026, 3, 17, 9, 0, tzinfo=new_york)


def test_narrowed_hours_keep_inside_both_windows() -> None:
    narrow = ENGLAND.narrowed(time(10, 0), time(18, 0))
    assert (narrow.start, narrow.end) == (time(10, 0), time(17, 0))
    assert ENGLAND.narrowed(time(18, 0), time(20, 0)) == ENGLAND  # no overlap: unchanged


moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31),
                       timezones=st.just(UTC))
CALENDARS = [ENGLAND, SCOTLAND, NORTHERN_IRELAND,
             WorkingCalendar.of(WorkingHoursSettings(days=["tue", "sat"], start=time(7, 30),
                                                     end=time(12, 0)), LONDON)]


@settings(max_examples=300, deadline=None)
@given(moment=moments, which=st.sampled_from(range(len(CALENDARS))))
def test_the_next_working_time_is_working_time_and_nothing_earlier_is(
    moment: datetime, which: int
) -> None:
    calendar = CALENDARS[which]
    found = calendar.next_working_time(moment)
    assert found >= moment and calendar.is_working_time(found)
    assert calendar.next_working_time(found) == found
    if found > moment:  # it is the start of a working day, and nothing before it qualifies
        local = found.astimezone(calendar.zone)
        assert local.time() == calendar.start
        step = max((found - moment) / 50, timedelta(minutes=1))
        probe = moment
        while probe < found:
            assert not calendar.is_working_time(probe)
            probe += step


@settings(max_examples=200, deadline=None)
@given(moment=moments)
def test_the_end_of_the_working_day_is_a_working_time_not_before_the_moment(
    moment: datetime
) -> None:
    end = ENGLAND.end_of_working_day(moment)
    assert end > moment and ENGLAND.is_working_time(end)
    assert end.astimezone(LONDON).time() == ENGLAND.end
