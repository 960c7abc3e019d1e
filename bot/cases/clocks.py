"""Statutory clocks on a case, worked out from the report and its entries (never stored):
the ICO's 72 hours from awareness of a personal-data breach, the Charity Commission's
'promptly' for a serious incident, and 'the same working day' for a referral.

Each clock becomes durable reminder timers (see reminders.py); a timer only reminds if the
clock, worked out afresh when it fires, is still running.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

from bot.cases.settings import CaseSettings
from bot.cases.vocabulary import Agency, Decision, EntryKind
from bot.working_time.calendar import WorkingCalendar
from bot.working_time.settings import effective
from storage.case_models import CaseEntry
from storage.models import Report

ClockStatus = Literal["running", "overdue", "met", "met_late"]
DUE_REMINDER = 9
"""The reminder index used for 'the clock has run out' (others count remind_before)."""
STATUTORY_AGENCIES = {Agency.ICO.value, Agency.CHARITY_COMMISSION.value}


class ClockKey(StrEnum):
    ICO = "ico"
    CHARITY_COMMISSION = "charity_commission"
    REFERRAL = "referral"


OVERDUE = "_overdue"
"""Suffix of a reminder entry's code when the clock had run out."""
CLOCK_LABELS = {
    ClockKey.ICO: "Decide on telling the ICO about the personal-data breach",
    ClockKey.CHARITY_COMMISSION: "Report the serious incident to the Charity Commission",
    ClockKey.REFERRAL: "Make the referral",
}


@dataclass(frozen=True)
class CaseClock:
    key: ClockKey
    instance: int
    """0 for the ICO clock (it starts with the report); otherwise the sequence of the
    decision that started it."""
    basis: str
    started_at: datetime
    due_at: datetime
    met_at: datetime | None = None
    met_by: int | None = None
    agency: str | None = None

    @property
    def label(self) -> str:
        if self.key == ClockKey.REFERRAL and self.agency:
            return f"{CLOCK_LABELS[self.key]} ({Agency(self.agency).label})"
        return CLOCK_LABELS[self.key]

    def status(self, now: datetime) -> ClockStatus:
        if self.met_at is not None:
            return "met" if self.met_at <= self.due_at else "met_late"
        return "running" if now < self.due_at else "overdue"

    def is_open(self) -> bool:
        return self.met_at is None


def end_of_working_day(moment: datetime, settings: CaseSettings, zone: ZoneInfo) -> datetime:
    """The end of the working day `moment` falls in by the `[cases]` keys alone; after hours
    or on a day off, the end of the next working day. (The bot passes its full working
    calendar, with public holidays, to clocks_for instead.)"""
    return case_calendar(settings, zone).end_of_working_day(moment)


def case_calendar(settings: CaseSettings, zone: ZoneInfo) -> WorkingCalendar:
    """A working calendar from the `[cases]` keys only: no public holidays but theirs."""
    hours = effective(None, settings).model_copy(update={"nation": "none"})
    return WorkingCalendar.of(hours, zone)


def _meets(entry: CaseEntry, agency: str | None, statutory: bool) -> bool:
    """Does this entry meet a clock about `agency` (any non-statutory agency when None)?"""
    if entry.kind == EntryKind.REFERRAL.value:
        if agency is None:
            return statutory is False and entry.agency not in STATUTORY_AGENCIES
        return entry.agency == agency
    if entry.kind == EntryKind.DECISION.value and entry.code == Decision.NO_REFERRAL.value:
        return entry.agency == agency or (not statutory and entry.agency is None)
    return False


def _met(entries: list[CaseEntry], after: int, agency: str | None, statutory: bool
         ) -> CaseEntry | None:
    return next((e for e in entries if e.sequence > after and _meets(e, agency, statutory)),
                None)


def _clock(key: ClockKey, instance: int, basis: str, start: datetime, due: datetime,
           entries: list[CaseEntry], agency: str | None, statutory: bool) -> CaseClock:
    met = _met(entries, instance, agency, statutory)
    return CaseClock(key, instance, basis, start, due, met.at if met else None,
                     met.sequence if met else None, agency)


ICO_KIND = "confidentiality_breach"
"""The kind whose reports start the ICO's 72 hours from becoming aware (a personal-data
breach): a rule about that kind, not a list of kinds."""


def clocks_for(report: Report, entries: list[CaseEntry], settings: CaseSettings,
               zone: ZoneInfo, calendar: WorkingCalendar | None = None) -> list[CaseClock]:
    """Every clock that applies to this case, in the order they started. `calendar`: the
    working days for "the same working day" (default: the `[cases]` keys alone)."""
    working = calendar or case_calendar(settings, zone)
    if report.is_practice:
        return []
    found: list[CaseClock] = []
    if report.kind == ICO_KIND:
        aware = report.discovered_at or report.recorded_at
        hours = int(settings.ico_within.total_seconds() // 3600)
        found.append(_clock(ClockKey.ICO, 0, f"{hours} hours from becoming aware", aware,
                            aware + settings.ico_within, entries, Agency.ICO.value, True))
    for entry in entries:
        if entry.kind != EntryKind.DECISION.value:
            continue
        if entry.code == Decision.SERIOUS_INCIDENT.value:
            target = settings.charity_commission_within
            found.append(_clock(
                ClockKey.CHARITY_COMMISSION, entry.sequence,
                f"promptly (our target: {int(target.total_seconds() // 3600)} hours)",
                entry.at, entry.at + target, entries, Agency.CHARITY_COMMISSION.value, True))
        elif entry.code == Decision.REFER.value and entry.agency not in STATUTORY_AGENCIES:
            found.append(_clock(
                ClockKey.REFERRAL, entry.sequence, "the same working day", entry.at,
                working.end_of_working_day(entry.at), entries, entry.agency, False))
    return found


def reminder_times(clock: CaseClock, settings: CaseSettings) -> list[tuple[int, datetime]]:
    """(reminder index, when) for each reminder before the clock runs out, and at the end."""
    times = [(index, clock.due_at - before) for index, before in enumerate(settings.remind_before)
             if clock.due_at - before > clock.started_at]
    times.sort(key=lambda item: item[1])
    return [*times, (DUE_REMINDER, clock.due_at)]


def timer_plan(clock: CaseClock, settings: CaseSettings, now: datetime
               ) -> list[tuple[int, datetime]]:
    """(timer step, due) for an open clock: future reminders as they are; reminders already
    past when the clock is first seen collapse into one, now."""
    if not clock.is_open():
        return []
    times = reminder_times(clock, settings)
    past = [(index, now) for index, when in times if when <= now]
    plan = [(index, when) for index, when in times if when > now] + past[-1:]
    return [(clock.instance * 10 + index, when) for index, when in plan]


def left(clock: CaseClock, now: datetime) -> timedelta:
    return clock.due_at - now
