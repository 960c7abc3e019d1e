"""`[cases]` settings: the statutory clocks' periods and reminders, and (older keys, still
valid) the working day: see bot.working_time.settings for how they fill in `[working_hours]`."""

from datetime import date, time, timedelta

from pydantic import Field, field_validator

from bot.config_base import Duration, StrictModel
from bot.working_time.settings import WEEKDAYS, normalise_days

__all__ = ["WEEKDAYS", "AnnualReportSettings", "CaseSettings"]


class CaseSettings(StrictModel):
    working_day_ends: time = time(17, 0)
    """'Same working day' means before this time on a working day (organisation's time zone).
    The same as `[working_hours] end`, which is where new configs set it."""
    working_days: list[str] = Field(default_factory=lambda: list(WEEKDAYS[:5]))
    """The same as `[working_hours] days`."""
    holidays: list[date] = Field(default_factory=list)
    """Dates that are not working days (added to `[working_hours] closures`)."""
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
        return normalise_days(value)

    def is_working_day(self, day: date) -> bool:
        """By these keys alone (the bot itself asks bot.working_time's calendar)."""
        return WEEKDAYS[day.weekday()] in self.working_days and day not in self.holidays


class AnnualReportSettings(StrictModel):
    """`[annual_report]`: the trustees' annual picture."""

    suppress_below: int = Field(default=3, ge=1, le=20)
    """A count from 1 to one less than this shows as "fewer than N" (a small number can point
    to a person); 0 and larger counts show as they are. 1 shows every count."""
