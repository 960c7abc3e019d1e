"""The `[wellbeing]` section of the organisation config: who arranges check-ins, when they
are sent, reminders, what counts as a low score, retention and the closing signposting."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from bot.config_base import Duration, StrictModel
from bot.domain import Role

DEFAULT_SIGNPOSTING = (
    "You can talk to your manager or the wellbeing lead at any time; you don't need a reason.",
    "Samaritans: call 116 123, free, day or night.",
    "Shout: text SHOUT to 85258 for free, confidential support by text, day or night.",
    "Take breaks from the screen, keep to your working hours, and try not to check work "
    "messages out of hours.",
    "If you ever feel unable to keep yourself safe, call 999 or go to A&E.",
)


class WellbeingSettings(StrictModel):
    role: Role = Role.WELLBEING_LEAD
    """May arrange check-ins for anyone; hears requests from people who have no manager, and
    requests to talk to "someone else"."""
    follow_ups: list[Duration] = Field(default_factory=list, max_length=6)
    """Check-ins scheduled automatically when someone says yes to the offer on a receipt, e.g.
    ["4h", "3d", "30d"]. Each lands inside the earliest–latest hours of the person's day."""
    earliest: time = time(9, 0)
    latest: time = time(18, 0)
    default_time: time = time(10, 0)
    """Used when a scheduling phrase names a day but no time ("tomorrow")."""
    remind: bool = True
    """Send one gentle reminder when a check-in has had no answer after reminder_after."""
    reminder_after: Duration = timedelta(days=1)
    no_response_after: Duration = timedelta(days=2)
    """After this long without an answer, whoever arranged it is told "no response"."""
    tell_no_response: bool = True
    low_score: int = Field(default=2, ge=1, le=4)
    """An answer of this or lower to "how are you doing (1-5)" tells the manager at once."""
    retention: Duration = timedelta(days=180)
    """Check-ins (and their answers) are deleted this long after they end."""
    signposting: list[str] = Field(default_factory=lambda: list(DEFAULT_SIGNPOSTING),
                                   max_length=12)
    """Shown at the end of every check-in: support lines and the policy's self-care points."""
    timezones: dict[str, str] = Field(default_factory=dict)
    """Person id → time zone, for people who do not work in the organisation's zone."""
    delivery_rounds: int = Field(default=2, ge=1, le=5)
    """If a check-in cannot be delivered (after the outbox's own retries), try again this many
    times in all before telling whoever arranged it."""
    retry_delivery_after: Duration = timedelta(minutes=30)

    @field_validator("signposting")
    @classmethod
    def _short_lines(cls, lines: list[str]) -> list[str]:
        for line in lines:
            if not line.strip() or len(line) > 300:
                raise ValueError("each signposting line needs 1 to 300 characters")
        return lines

    @field_validator("timezones")
    @classmethod
    def _known_zones(cls, zones: dict[str, str]) -> dict[str, str]:
        for person_id, name in zones.items():
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError) as error:
                raise ValueError(f"{person_id}: '{name}' is not a known time zone, e.g. "
                                 "Europe/London") from error
        return zones

    @model_validator(mode="after")
    def _coherent(self) -> "WellbeingSettings":
        if self.earliest >= self.latest:
            raise ValueError("earliest must be before latest")
        if self.remind and self.no_response_after <= self.reminder_after:
            raise ValueError("no_response_after must be longer than reminder_after")
        return self

    def unknown_people(self, person_ids: set[str]) -> list[str]:
        """Ids in `timezones` that are not people in the config (for check-config)."""
        return sorted(set(self.timezones) - person_ids)
