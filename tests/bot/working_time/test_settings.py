"""`[working_hours]` in the config, and how the older `[cases]` keys still describe the working
day: defaults, filling in, conflicts refused in one line."""

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from bot.config import ConfigError, OrgConfig, parse_config
from bot.working_time.timing import calendar_for, routine_waits
from tests.bot.test_config import MINIMAL

LONDON = ZoneInfo("Europe/London")


def config(extra: str = "") -> OrgConfig:
    return parse_config(MINIMAL + extra)


def test_with_neither_section_mon_to_fri_nine_to_five_without_english_bank_holidays() -> None:
    calendar = calendar_for(config())
    assert calendar.describe() == (
        "Mon–Fri 09:00–17:00, not on public holidays in England and Wales")
    assert calendar.zone == LONDON and calendar.subdivisions == ("ENG", "WLS")
    assert not calendar.is_working_day(date(2026, 12, 25))
    assert routine_waits(config())


def test_working_hours_set_days_hours_zone_nation_and_closures() -> None:
    chosen = config("""
[working_hours]
days = ["Monday", "tue", "wed", "thu"]
start = "08:30"
end = "16:00"
timezone = "Europe/Dublin"
nation = "northern_ireland"
closures = ["2026-12-29"]
routine_waits = true
""")
    calendar = calendar_for(chosen)
    assert calendar.days == frozenset({0, 1, 2, 3})
    assert (calendar.start, calendar.end) == (time(8, 30), time(16, 0))
    assert calendar.zone == ZoneInfo("Europe/Dublin") and calendar.subdivisions == ("NIR",)
    assert calendar.day_off(date(2026, 12, 29)) == "a day the organisation is closed"


def test_the_older_cases_keys_still_describe_the_working_day() -> None:
    older = config("""
[cases]
working_day_ends = "16:30"
working_days = ["mon", "tue", "wed", "thu", "fri", "sat"]
holidays = ["2026-08-28"]
""")
    calendar = calendar_for(older)
    assert (calendar.start, calendar.end) == (time(9, 0), time(16, 30))
    assert 5 in calendar.days and date(2026, 8, 28) in calendar.closures
    assert calendar.subdivisions == ("ENG", "WLS")


def test_cases_keys_fill_in_what_working_hours_leaves_unset() -> None:
    both = config("""
[cases]
working_day_ends = "16:30"
holidays = ["2026-08-28"]

[working_hours]
start = "08:00"
closures = ["2026-12-29"]
""")
    calendar = calendar_for(both)
    assert (calendar.start, calendar.end) == (time(8, 0), time(16, 30))
    assert calendar.closures == frozenset({date(2026, 8, 28), date(2026, 12, 29)})


@pytest.mark.parametrize(("extra", "message"), [
    ('[cases]\nworking_day_ends = "16:00"\n[working_hours]\nend = "17:30"\n',
     "cases.working_day_ends and working_hours.end differ"),
    ('[cases]\nworking_days = ["mon"]\n[working_hours]\ndays = ["tue"]\n',
     "cases.working_days and working_hours.days differ"),
    ('[working_hours]\nnation = "wales"\n', "working_hours.nation: 'wales' is not allowed"),
    ('[working_hours]\nstart = "18:00"\nend = "09:00"\n', "start must be before end"),
    ('[working_hours]\ndays = ["funday"]\n', "'fun' is not a day"),
    ('[working_hours]\ntimezone = "Mars/Olympus"\n', "not a known time zone"),
    ('[working_hours]\nlunch = "13:00"\n', "working_hours.lunch: is not a known setting"),
    ('[cases]\nworking_day_ends = "16:00"\n[working_hours]\nstart = "16:30"\n',
     "start must be before end"),
])
def test_mistakes_get_one_line(extra: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        config(extra)
    text = str(raised.value)
    assert message in text and "\n" not in text, text


def test_the_same_value_in_both_places_is_fine() -> None:
    same = config('[cases]\nworking_day_ends = "17:00"\n[working_hours]\nend = "17:00"\n')
    assert calendar_for(same).end == time(17, 0)


def test_routine_messages_may_go_at_any_hour_if_the_organisation_says_so() -> None:
    assert not routine_waits(config("[working_hours]\nroutine_waits = false\n"))
