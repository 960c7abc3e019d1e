"""A check-in arranged for a time out of working hours (3 a.m., a Sunday, a public holiday) is
scheduled only once whoever arranges it confirms. The check, and the words every platform
shows for it."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.checkins.wording import time_with_zone
from bot.config import OrgConfig, Person
from bot.flow.answers import format_local
from bot.working_time.timing import calendar_for, routine_waits

CONFIRM_LABEL = "Send it then anyway"
"""The checkbox (Slack), toggle (Teams) or answer that confirms an out-of-hours time."""
CONFIRM_HEADING = "Out of working hours"
"""Above that checkbox, where a form labels it."""
CONFIRM_WORDS = frozenset({"yes", "y", "confirm", "send"})
TYPE_TO_CONFIRM = "Type yes to send it then anyway; anything else leaves it unscheduled."
NOT_SCHEDULED = "Not scheduled: nothing was changed."


@dataclass(frozen=True)
class OutOfHours:
    """A wanted check-in time that falls out of the person's working hours."""

    due_at: datetime
    zone: ZoneInfo
    reason: str
    """e.g. "a Sunday", "a public holiday (New Year's Day)", "before the working day starts
    at 09:00"."""
    hours: str
    """The working hours, e.g. "Mon–Fri 09:00–17:00, not on public holidays in …"."""
    suggestion: datetime
    """The next working time."""

    @property
    def when(self) -> str:
        return time_with_zone(self.due_at, self.zone)

    @property
    def question(self) -> str:
        return (f"{self.when} is {self.reason}, outside working hours ({self.hours}). "
                "Check-ins are best sent in working hours, so nobody is drawn into work "
                "messages out of hours. Send it then anyway, or choose another time, such as "
                f"{format_local(self.suggestion, self.zone)}?")


def check(config: OrgConfig, person: Person, due_at: datetime) -> OutOfHours | None:
    """None when `due_at` is working time for `person` (or routine messages never wait)."""
    if not routine_waits(config):
        return None
    calendar = calendar_for(config, person.id)
    reason = calendar.why_not(due_at)
    if reason is None:
        return None
    return OutOfHours(due_at, calendar.zone, reason, calendar.describe(),
                      calendar.next_working_time(due_at))
