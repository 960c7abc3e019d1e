"""`[working_hours]`: the working week, the day's hours, the time zone, the nation whose public
holidays are days off, and extra closure dates.

The older `[cases]` keys `working_days`, `working_day_ends` and `holidays` stay valid: without
`[working_hours]` they describe the working day (starting at 09:00); with it, each one fills in
the matching `[working_hours]` key left unset (`days`, `end`; `holidays` join `closures`), and
setting both to different values is refused. With neither, the working week is Monday to
Friday, 09:00 to 17:00 in the organisation's zone, and the public holidays of England and Wales
are days off.
"""

from datetime import date, time
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from bot.config_base import StrictModel

if TYPE_CHECKING:
    from bot.cases.settings import CaseSettings

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NATIONS: dict[str, tuple[str, ...]] = {
    "england_and_wales": ("ENG", "WLS"),
    "scotland": ("SCT",),
    "northern_ireland": ("NIR",),
    "none": (),
}
"""Each nation's subdivisions of GB in the `holidays` package (England and Wales share theirs)."""
NATION_NAMES = {"england_and_wales": "England and Wales", "scotland": "Scotland",
                "northern_ireland": "Northern Ireland", "none": ""}
Nation = Literal["england_and_wales", "scotland", "northern_ireland", "none"]
DEFAULT_START = time(9, 0)


def normalise_days(value: list[str]) -> list[str]:
    """`["Monday", "tue"]` → `["mon", "tue"]`; a one-line error for anything else."""
    days = [day.strip().lower()[:3] for day in value]
    unknown = [day for day in days if day not in WEEKDAYS]
    if unknown:
        raise ValueError(f"'{unknown[0]}' is not a day; use mon, tue, wed, thu, fri, sat, sun")
    if not days:
        raise ValueError("at least one working day is needed")
    return days


class WorkingHoursSettings(StrictModel):
    days: list[str] = Field(default_factory=lambda: list(WEEKDAYS[:5]))
    start: time = DEFAULT_START
    end: time = time(17, 0)
    """The working day runs from start to end inclusive (a message at 17:00 sharp is in it)."""
    timezone: str | None = None
    """Default: the organisation's. People with their own zone ([wellbeing.timezones]) keep
    these hours in their own zone."""
    nation: Nation = "england_and_wales"
    """Whose public holidays are days off (from the `holidays` package); "none" for none."""
    closures: list[date] = Field(default_factory=list)
    """Extra days off, e.g. the days between Christmas and New Year."""
    routine_waits: bool = True
    """Routine messages (reminders, automatic check-ins, notices) wait for working time;
    false sends them at any hour. Safeguarding alerts and escalations never wait."""

    @field_validator("days")
    @classmethod
    def _known_days(cls, value: list[str]) -> list[str]:
        return normalise_days(value)

    @field_validator("nation", mode="before")
    @classmethod
    def _known_nation(cls, value: object) -> object:
        if value not in NATIONS:
            raise ValueError(f"'{value}' is not allowed; use england_and_wales, scotland, "
                             "northern_ireland or none")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"'{value}' is not a known time zone, e.g. Europe/London") from error
        return value

    @model_validator(mode="after")
    def _start_before_end(self) -> "WorkingHoursSettings":
        if self.start >= self.end:
            raise ValueError("start must be before end")
        return self


_PAIRS = (("days", "working_days"), ("end", "working_day_ends"))
"""`[working_hours]` keys and the `[cases]` keys that fill them in."""


def effective(hours: WorkingHoursSettings | None, cases: "CaseSettings"
              ) -> WorkingHoursSettings:
    """The working hours in force: `[working_hours]`, filled in from `[cases]` (see above).
    ValueError when the two sections set the same thing differently."""
    values: dict[str, object] = {}
    given = hours.model_fields_set if hours is not None else set()
    for key, old in _PAIRS:
        mine, theirs = getattr(hours, key, None), getattr(cases, old)
        if key in given and old in cases.model_fields_set and mine != theirs:
            raise ValueError(f"cases.{old} and working_hours.{key} differ; set the working "
                             f"day in [working_hours] only")
        if key not in given and (old in cases.model_fields_set or hours is None):
            values[key] = theirs
    base = hours or WorkingHoursSettings()
    closures = sorted({*base.closures, *cases.holidays})
    if hours is None and cases.working_day_ends <= DEFAULT_START:
        values["start"] = time(0, 0)
    merged = {**base.model_dump(), **values, "closures": closures}
    try:
        return WorkingHoursSettings.model_validate(merged)
    except ValueError as error:
        raise ValueError(f"working_hours: {_first(error)}") from None


def _first(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        return str(errors()[0]["msg"]).removeprefix("Value error, ")
    return str(error)
