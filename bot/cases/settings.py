"""`[cases]` settings: the working day and the statutory clocks' periods and reminders."""

from datetime import date, time, timedelta

from pydantic import Field, field_validator

from bot.config_base import Duration, StrictModel

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class CaseSettings(StrictModel):
    working_day_ends: time = time(17, 0)
    """'Same working day' means before this time on a working day (organisation's time zone)."""
    working_days: list[str] = Field(default_factory=lambda: list(WEEKDAYS[:5]))
    holidays: list[date] = Field(default_factory=list)
    """Dates that are not working days (e.g. bank holidays)."""
    ico_within: Duration = timedelta(hours=72)
    """A personal-data breach: decide on telling the ICO within this long of becoming aware."""
    charity_commission_within: Duration = timedelta(hours=24)
    """A serious incident is reported to the Charity Commission 'promptly': this is the
    organisation's own target for that."""
    remind_before: list[Duration] = Field(
        default_factory=lambda: [timedelta(hours=24), timedelta(hours=2)], max_length=8)
    """Reminders before a clock runs out (plus one when it runs out)."""

    @field_validator("working_days")
    @classmethod
    def _known_days(cls, value: list[str]) -> list[str]:
        days = [day.strip().lower()[:3] for day in value]
        unknown = [day for day in days if day not in WEEKDAYS]
        if unknown:
            raise ValueError(f"'{unknown[0]}' is not a day; use mon, tue, wed, thu, fri, sat, sun")
        if not days:
            raise ValueError("at least one working day is needed")
        return days

    def is_working_day(self, day: date) -> bool:
        return WEEKDAYS[day.weekday()] in self.working_days and day not in self.holidays
