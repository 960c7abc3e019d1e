"""The one answer to "is this working time?", "when is the next working time at or after T?"
and "when does this working day end?", in one time zone, with public holidays and closures.

Every part of the bot that needs working time asks a WorkingCalendar (see timing.calendar_for
for the organisation's, and a person's own zone).
"""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from bot.working_time.settings import NATION_NAMES, NATIONS, WEEKDAYS, WorkingHoursSettings

SEARCH_DAYS = 800
"""How far ahead to look for a working day; past that (no working day for two years) a
message is not held at all rather than held for ever."""
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=64)
def _public_holidays(subdivision: str, year: int) -> dict[date, str]:
    """One GB subdivision's public holidays in one year, from the `holidays` package."""
    found = holidays.country_holidays("GB", subdiv=subdivision, years=year)
    return {day: str(name) for day, name in found.items()}


@dataclass(frozen=True)
class WorkingCalendar:
    days: frozenset[int]
    """Working weekdays, Monday = 0."""
    start: time
    end: time
    zone: ZoneInfo
    subdivisions: tuple[str, ...] = ()
    closures: frozenset[date] = frozenset()
    nation: str = ""
    """The nation's name, for messages ("" when public holidays are not used)."""

    @classmethod
    def of(cls, settings: WorkingHoursSettings, zone: ZoneInfo | None = None
           ) -> "WorkingCalendar":
        """The calendar the settings describe (in `zone`, else their own or London)."""
        chosen = zone or ZoneInfo(settings.timezone or "Europe/London")
        return cls(frozenset(WEEKDAYS.index(d) for d in settings.days), settings.start,
                   settings.end, chosen, NATIONS[settings.nation], frozenset(settings.closures),
                   NATION_NAMES[settings.nation])

    def in_zone(self, zone: ZoneInfo) -> "WorkingCalendar":
        """The same hours kept in another time zone (someone working elsewhere)."""
        return self if zone == self.zone else replace(self, zone=zone)

    def narrowed(self, earliest: time, latest: time) -> "WorkingCalendar":
        """Only the part of each working day between earliest and latest (unchanged when they
        do not overlap it)."""
        start, end = max(self.start, earliest), min(self.end, latest)
        return replace(self, start=start, end=end) if start < end else self

    def public_holiday(self, day: date) -> str | None:
        """The holiday's name when `day` is a public holiday in the nation."""
        for subdivision in self.subdivisions:
            name = _public_holidays(subdivision, day.year).get(day)
            if name:
                return name
        return None

    def day_off(self, day: date) -> str | None:
        """Why `day` is not a working day ("a Sunday", "a public holiday (Christmas Day)",
        "a closure day"), or None when it is one."""
        if day.weekday() not in self.days:
            return f"a {DAY_NAMES[day.weekday()]}"
        if day in self.closures:
            return "a day the organisation is closed"
        holiday = self.public_holiday(day)
        return f"a public holiday ({holiday})" if holiday else None

    def is_working_day(self, day: date) -> bool:
        return self.day_off(day) is None

    def is_working_time(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        return self.start <= local.time() <= self.end and self.is_working_day(local.date())

    def next_working_time(self, moment: datetime) -> datetime:
        """`moment` itself when it is working time; else the start of the next working
        period (later today, or the next working day). In UTC."""
        if self.is_working_time(moment):
            return moment.astimezone(UTC)
        local = moment.astimezone(self.zone)
        day = local.date()
        if local.time() < self.start and self.is_working_day(day):
            return self._at(day, self.start)
        found = self._next_working_day(day)
        return self._at(found, self.start) if found else moment.astimezone(UTC)

    def end_of_working_day(self, moment: datetime) -> datetime:
        """The end of the working day `moment` falls in; after its end, or on a day off, the
        end of the next working day. In UTC."""
        local = moment.astimezone(self.zone)
        day = local.date()
        if self.is_working_day(day) and local.time() < self.end:
            return self._at(day, self.end)
        found = self._next_working_day(day)
        return self._at(found or day, self.end)

    def describe(self) -> str:
        """e.g. "Mon–Fri 09:00–17:00, not on public holidays in England and Wales"."""
        text = f"{_days_text(self.days)} {self.start:%H:%M}–{self.end:%H:%M}"
        return f"{text}, not on public holidays in {self.nation}" if self.nation else text

    def why_not(self, moment: datetime) -> str | None:
        """Why `moment` is not working time ("a Sunday", "before the working day starts at
        09:00", …), or None when it is."""
        if self.is_working_time(moment):
            return None
        local = moment.astimezone(self.zone)
        off = self.day_off(local.date())
        if off:
            return off
        if local.time() < self.start:
            return f"before the working day starts at {self.start:%H:%M}"
        return f"after the working day ends at {self.end:%H:%M}"

    def _next_working_day(self, day: date) -> date | None:
        for ahead in range(1, SEARCH_DAYS):
            candidate = day + timedelta(days=ahead)
            if self.is_working_day(candidate):
                return candidate
        return None

    def _at(self, day: date, at: time) -> datetime:
        return datetime.combine(day, at, tzinfo=self.zone).astimezone(UTC)


def _days_text(days: frozenset[int]) -> str:
    """"Mon–Fri", "Mon–Sat", "Mon, Wed, Fri"."""
    ordered = sorted(days)
    names = [WEEKDAYS[d].capitalize() for d in ordered]
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)
