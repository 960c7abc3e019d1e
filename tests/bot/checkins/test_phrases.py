"""Natural time phrases, read in the person's (or organisation's) time zone; clear refusals."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.checkins.phrases import PhraseError, parse_when

NOW = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)  # a Saturday; London is on GMT
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")  # already on summer time (EDT, UTC-4)
DEFAULT = time(10, 0)


def local(text: str, zone: ZoneInfo = LONDON) -> str:
    return parse_when(text, NOW, zone, DEFAULT).astimezone(zone).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("tomorrow 16:00", "2026-03-15 16:00"),
    ("tomorrow 4pm", "2026-03-15 16:00"),
    ("4pm tomorrow", "2026-03-15 16:00"),
    ("at 16.00 on tuesday", "2026-03-17 16:00"),
    ("today 16:00", "2026-03-14 16:00"),
    ("this afternoon", "2026-03-14 14:00"),
    ("tonight", "2026-03-14 19:00"),
    ("tomorrow", "2026-03-15 10:00"),
    ("tomorrow morning", "2026-03-15 10:00"),
    ("friday 10:30", "2026-03-20 10:30"),
    ("fri 2pm", "2026-03-20 14:00"),
    ("saturday 11am", "2026-03-14 11:00"),
    ("saturday 9am", "2026-03-21 09:00"),
    ("next saturday 11am", "2026-03-21 11:00"),
    ("day after tomorrow 9:15", "2026-03-16 09:15"),
    ("2026-03-20 09:30", "2026-03-20 09:30"),
    ("2026-03-20T09:30", "2026-03-20 09:30"),
    ("20/03 14:00", "2026-03-20 14:00"),
    ("20/03/2026 14:00", "2026-03-20 14:00"),
    ("20.03.2026 14:00", "2026-03-20 14:00"),
    ("20 march 2pm", "2026-03-20 14:00"),
    ("march 20th 2pm", "2026-03-20 14:00"),
    ("1/1 10:00", "2027-01-01 10:00"),
])
def test_phrases_people_type(phrase: str, expected: str) -> None:
    assert local(phrase) == expected


def test_relative_phrases_count_from_now() -> None:
    assert parse_when("now", NOW, LONDON, DEFAULT) == NOW
    assert parse_when("in 2 hours", NOW, LONDON, DEFAULT) == datetime(2026, 3, 14, 12, 0,
                                                                       tzinfo=UTC)
    assert parse_when("in an hour", NOW, LONDON, DEFAULT).hour == 11
    assert parse_when("in 3 days", NOW, LONDON, DEFAULT).day == 17
    assert parse_when("in 1h30m", NOW, LONDON, DEFAULT).minute == 30


def test_the_same_words_mean_the_persons_own_local_time() -> None:
    london = parse_when("tomorrow 16:00", NOW, LONDON, DEFAULT)
    new_york = parse_when("tomorrow 16:00", NOW, NEW_YORK, DEFAULT)
    assert london == datetime(2026, 3, 15, 16, 0, tzinfo=UTC)
    assert new_york == datetime(2026, 3, 15, 20, 0, tzinfo=UTC)


def test_across_the_clocks_going_forward_the_wall_clock_time_is_kept() -> None:
    before = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # London moves to BST on 29 March
    moment = parse_when("tomorrow 16:00", before, LONDON, DEFAULT)
    assert moment == datetime(2026, 3, 29, 15, 0, tzinfo=UTC)
    assert moment.astimezone(LONDON).hour == 16


@pytest.mark.parametrize(("phrase", "says"), [
    ("yesterday 10:00", "has already passed"),
    ("09:00", "has already passed"),
    ("2026-03-01 10:00", "has already passed"),
    ("blah", "could not read 'blah'"),
    ("tomorrow at teatime-ish", "could not read"),
    ("31/02/2026 10:00", "'31/02/2026' is not a date"),
    ("tomorrow 25:00", "'25:00' is not a time of day"),
    ("tomorrow 13pm", "hour runs from 1 to 12"),
    ("in 5 fortnights", "say minutes, hours, days or weeks"),
    ("2027-06-01 10:00", "more than a year away"),
    ("", "Say when"),
])
def test_nonsense_and_the_past_get_clear_errors(phrase: str, says: str) -> None:
    with pytest.raises(PhraseError, match=says):
        parse_when(phrase, NOW, LONDON, DEFAULT)
