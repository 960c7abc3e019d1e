"""Statutory clocks worked out from a report and its entries: working days, what starts and
what meets each clock, and when reminders are due."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.cases.clocks import (
    DUE_REMINDER,
    ClockKey,
    clocks_for,
    end_of_working_day,
    reminder_times,
    timer_plan,
)
from bot.cases.settings import CaseSettings
from storage.case_models import CaseEntry
from storage.models import Report

LONDON = ZoneInfo("Europe/London")
SETTINGS = CaseSettings()


def at(text: str) -> datetime:
    """A London wall-clock time as UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=LONDON).astimezone(UTC)


def report(kind: str = "confidentiality_breach", practice: bool = False,
           discovered: datetime | None = None) -> Report:
    return Report(kind=kind, is_practice=practice, discovered_at=discovered,
                  recorded_at=at("2026-03-16 12:00"))


def entry(sequence: int, kind: str, when: datetime, code: str | None = None,
          agency: str | None = None) -> CaseEntry:
    return CaseEntry(sequence=sequence, kind=kind, at=when, code=code, agency=agency)


def test_same_working_day_ends_at_the_configured_time_in_the_organisations_zone() -> None:
    # Monday 16 March 2026, before and after 17:00 London time
    assert end_of_working_day(at("2026-03-16 09:30"), SETTINGS, LONDON) == at("2026-03-16 17:00")
    assert end_of_working_day(at("2026-03-16 17:30"), SETTINGS, LONDON) == at("2026-03-17 17:00")
    # Friday evening and Saturday both run to Monday
    assert end_of_working_day(at("2026-03-20 18:00"), SETTINGS, LONDON) == at("2026-03-23 17:00")
    assert end_of_working_day(at("2026-03-21 10:00"), SETTINGS, LONDON) == at("2026-03-23 17:00")
    # British Summer Time: 17:00 London is 16:00 UTC after 29 March
    assert end_of_working_day(at("2026-03-30 10:00"), SETTINGS, LONDON) == datetime(
        2026, 3, 30, 16, 0, tzinfo=UTC)


def test_holidays_and_a_shorter_day_are_honoured() -> None:
    settings = CaseSettings(working_day_ends=time(16, 30), holidays=[date(2026, 4, 3)])
    # Thursday after hours -> Friday is a holiday -> Monday
    assert end_of_working_day(at("2026-04-02 16:45"), settings, LONDON) == at("2026-04-06 16:30")
    assert end_of_working_day(at("2026-04-02 16:00"), settings, LONDON) == at("2026-04-02 16:30")


def test_a_breach_runs_72_hours_from_awareness_until_the_ico_decision() -> None:
    aware = at("2026-03-15 08:00")
    running = clocks_for(report(discovered=aware), [], SETTINGS, LONDON)
    assert [(c.key, c.due_at) for c in running] == [(ClockKey.ICO, aware + timedelta(hours=72))]
    assert running[0].status(aware + timedelta(hours=71)) == "running"
    assert running[0].status(aware + timedelta(hours=72)) == "overdue"
    note = entry(1, "note", aware + timedelta(hours=1))
    police = entry(2, "referral", aware + timedelta(hours=2), agency="police")
    assert clocks_for(report(discovered=aware), [note, police], SETTINGS, LONDON)[0].is_open()
    not_reportable = entry(3, "decision", aware + timedelta(hours=80), "no_referral", "ico")
    met = clocks_for(report(discovered=aware), [note, police, not_reportable], SETTINGS,
                     LONDON)[0]
    assert (met.met_by, met.status(aware + timedelta(days=9))) == (3, "met_late")
    told = entry(3, "referral", aware + timedelta(hours=10), agency="ico")
    assert clocks_for(report(discovered=aware), [told], SETTINGS, LONDON)[0].status(
        aware + timedelta(days=9)) == "met"


def test_without_a_discovery_time_awareness_is_when_it_was_recorded() -> None:
    clock = clocks_for(report(), [], SETTINGS, LONDON)[0]
    assert clock.started_at == at("2026-03-16 12:00")


def test_practice_and_other_kinds_carry_no_clock_until_a_decision_starts_one() -> None:
    assert clocks_for(report(practice=True), [], SETTINGS, LONDON) == []
    concern = report(kind="safeguarding_concern")
    assert clocks_for(concern, [], SETTINGS, LONDON) == []
    decided = entry(1, "decision", at("2026-03-16 10:00"), "refer", "childrens_social_care")
    clocks = clocks_for(concern, [decided], SETTINGS, LONDON)
    assert [(c.key, c.instance, c.due_at) for c in clocks] == [
        (ClockKey.REFERRAL, 1, at("2026-03-16 17:00"))]


def test_a_referral_clock_is_met_by_that_agency_only() -> None:
    concern = report(kind="safeguarding_concern")
    decided = entry(1, "decision", at("2026-03-16 10:00"), "refer", "police")
    wrong = entry(2, "referral", at("2026-03-16 11:00"), agency="lado")
    assert clocks_for(concern, [decided, wrong], SETTINGS, LONDON)[0].is_open()
    right = entry(3, "referral", at("2026-03-16 18:00"), agency="police")
    clock = clocks_for(concern, [decided, wrong, right], SETTINGS, LONDON)[0]
    assert (clock.met_by, clock.status(at("2026-03-17 09:00"))) == (3, "met_late")
    changed_mind = entry(2, "decision", at("2026-03-16 12:00"), "no_referral")
    assert clocks_for(concern, [decided, changed_mind], SETTINGS, LONDON)[0].met_by == 2


def test_a_referral_decided_before_a_referral_made_earlier_is_not_met_by_it() -> None:
    concern = report(kind="safeguarding_concern")
    earlier = entry(1, "referral", at("2026-03-16 09:00"), agency="police")
    decided = entry(2, "decision", at("2026-03-16 10:00"), "refer", "police")
    assert clocks_for(concern, [earlier, decided], SETTINGS, LONDON)[0].is_open()


def test_a_serious_incident_runs_the_charity_commission_clock() -> None:
    concern = report(kind="operational_incident")
    decided = entry(4, "decision", at("2026-03-16 10:00"), "serious_incident")
    clock = clocks_for(concern, [decided], SETTINGS, LONDON)[0]
    assert (clock.key, clock.instance, clock.due_at) == (
        ClockKey.CHARITY_COMMISSION, 4, at("2026-03-17 10:00"))
    reported = entry(5, "referral", at("2026-03-16 15:00"), agency="charity_commission")
    assert not clocks_for(concern, [decided, reported], SETTINGS, LONDON)[0].is_open()


def test_reminders_come_before_the_end_and_at_it_and_late_ones_collapse_into_one() -> None:
    aware = at("2026-03-15 08:00")
    clock = clocks_for(report(discovered=aware), [], SETTINGS, LONDON)[0]
    due = aware + timedelta(hours=72)
    assert reminder_times(clock, SETTINGS) == [
        (0, due - timedelta(hours=24)), (1, due - timedelta(hours=2)), (DUE_REMINDER, due)]
    assert [step for step, _ in timer_plan(clock, SETTINGS, aware)] == [0, 1, DUE_REMINDER]
    late = due - timedelta(hours=3)
    assert timer_plan(clock, SETTINGS, late) == [(1, due - timedelta(hours=2)),
                                                 (DUE_REMINDER, due), (0, late)]
    short = clocks_for(report(kind="safeguarding_concern"),
                       [entry(3, "decision", at("2026-03-16 16:00"), "refer")], SETTINGS,
                       LONDON)[0]
    assert [step for step, _ in timer_plan(short, SETTINGS, at("2026-03-16 16:00"))] == [
        30 + DUE_REMINDER]  # an hour to go: no 24h or 2h reminder before its start


def test_the_bots_referral_clock_skips_the_nations_public_holidays() -> None:
    """With the working calendar from the config (England and Wales' bank holidays), a
    referral decided on Maundy Thursday evening is due on the Tuesday after Easter."""
    from bot.working_time.timing import calendar_for
    from tests.bot.working_time.helpers import office

    concern = report(kind="safeguarding_concern")
    decided = entry(1, "decision", at("2026-04-02 17:30"), "refer", "police")
    [clock] = clocks_for(concern, [decided], SETTINGS, LONDON, calendar_for(office()))
    assert clock.due_at == at("2026-04-07 17:00")
    [by_cases_alone] = clocks_for(concern, [decided], SETTINGS, LONDON)
    assert by_cases_alone.due_at == at("2026-04-03 17:00")
