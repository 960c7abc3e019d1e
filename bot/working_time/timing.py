"""Which messages wait for working time, classified once for every timer and notification kind.

- AT_ONCE: safeguarding work never waits: alerts, escalations, acknowledgements, receipts,
  updates to an alert, statutory-clock reminders, a lead's question to the reporter and the
  answer, a case handed to someone, a quick alert's full record arriving.
- WORKING_HOURS: routine prompts to staff wait for the next working time (in the recipient's
  own zone): reminders to finish a quick alert's record, feedback to a reporter, automatic
  check-ins' reminders and "no response" notes, and every other check-in notice.
- AS_ARRANGED: at the time its timer was set for: automatic check-ins are placed in working
  time when they are scheduled; a time a person typed out of hours was confirmed by them.

Statutory clocks (the ICO's 72 hours, a Charity Commission report, a referral the same working
day) run in calendar hours, weekends included: a reminder held until Monday could arrive after
the deadline, so they never wait.

A new timer or notification kind must be added here (a test checks every registered one); an
unknown kind is never held (it is logged), so nothing urgent can wait by omission.
"""

import logging
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import OrgConfig
from bot.working_time.calendar import WorkingCalendar
from bot.working_time.settings import effective

log = logging.getLogger(__name__)


class Timing(StrEnum):
    AT_ONCE = "at_once"
    WORKING_HOURS = "working_hours"
    AS_ARRANGED = "as_arranged"


TIMERS: dict[str, Timing] = {
    "escalation": Timing.AT_ONCE,
    "case_clock": Timing.AT_ONCE,
    "completion_reminder": Timing.WORKING_HOURS,
    "checkin_due": Timing.AS_ARRANGED,
    "checkin_watch": Timing.AT_ONCE,  # sends nothing: looks at whether delivery worked
    "checkin_reminder": Timing.WORKING_HOURS,
    "checkin_no_response": Timing.WORKING_HOURS,
}
"""Every timer kind (bot.workers.default_handlers) and when it may fire."""

NOTIFICATIONS: dict[str, Timing] = {
    "alert": Timing.AT_ONCE,
    "alert_update": Timing.AT_ONCE,
    "acknowledged": Timing.AT_ONCE,
    "receipt": Timing.AT_ONCE,
    "case_clock_reminder": Timing.AT_ONCE,
    "case_clock_overdue": Timing.AT_ONCE,
    "case_question": Timing.AT_ONCE,
    "case_answered": Timing.AT_ONCE,
    "case_assigned": Timing.AT_ONCE,
    "case_completed": Timing.AT_ONCE,
    "case_completion_reminder": Timing.WORKING_HOURS,
    "case_feedback": Timing.WORKING_HOURS,
    "checkin_requested": Timing.WORKING_HOURS,
    "checkin_notice": Timing.WORKING_HOURS,  # but never after the check-in it is about
    "checkin_due": Timing.AS_ARRANGED,
    "checkin_reminder": Timing.WORKING_HOURS,
    "checkin_outcome": Timing.WORKING_HOURS,
    "checkin_talk": Timing.WORKING_HOURS,
}
"""Every notification kind (the outbox event; a check-in's reminder counts on its own) and
when it may be delivered."""

_warned: set[str] = set()
_calendars: dict[int, tuple[OrgConfig, WorkingCalendar]] = {}


def _timing(table: Mapping[str, Timing], kind: str) -> Timing:
    found = table.get(kind)
    if found is None:
        if kind not in _warned:
            _warned.add(kind)
            log.warning("'%s' is not classified in bot/working_time/timing.py; sent at once",
                        kind)
        return Timing.AT_ONCE
    return found


def timer_timing(kind: str) -> Timing:
    return _timing(TIMERS, kind)


def notification_kind(event: str, payload: Mapping[str, Any]) -> str:
    """The kind a notification is classified by: its event, a check-in reminder apart."""
    if event == "checkin_due" and payload.get("reminder"):
        return "checkin_reminder"
    return event


def notification_timing(event: str, payload: Mapping[str, Any]) -> Timing:
    return _timing(NOTIFICATIONS, notification_kind(event, payload))


def calendar_for(config: OrgConfig, person_id: str | None = None) -> WorkingCalendar:
    """The organisation's working calendar; in a person's own zone when they have one."""
    cached = _calendars.get(id(config))
    if cached is None or cached[0] is not config:
        hours = effective(config.working_hours, config.cases)
        zone = ZoneInfo(hours.timezone) if hours.timezone else config.organisation.zone
        cached = (config, WorkingCalendar.of(hours, zone))
        if len(_calendars) > 16:
            _calendars.clear()
        _calendars[id(config)] = cached
    own = config.wellbeing.timezones.get(person_id) if person_id else None
    return cached[1].in_zone(ZoneInfo(own)) if own else cached[1]


def routine_waits(config: OrgConfig) -> bool:
    return config.working_hours is None or config.working_hours.routine_waits


def place(config: OrgConfig, timing: Timing, due: datetime, person_id: str | None = None
          ) -> datetime:
    """When something of this timing that would happen at `due` may happen: routine things
    at the next working time (for `person_id`, in their zone); everything else at `due`."""
    if timing is not Timing.WORKING_HOURS or not routine_waits(config):
        return due
    return calendar_for(config, person_id).next_working_time(due)


def timer_due(config: OrgConfig, kind: str, due: datetime, person_id: str | None = None
              ) -> datetime:
    """When a timer of this kind, wanted at `due`, is set for."""
    return place(config, timer_timing(kind), due, person_id)


def hold_until(config: OrgConfig, event: str, payload: Mapping[str, Any],
               person_id: str | None, now: datetime) -> datetime | None:
    """For the delivery worker: None to send now; else when this notification may go."""
    timing = notification_timing(event, payload)
    if timing is not Timing.WORKING_HOURS:
        return None
    at = place(config, timing, now, person_id)
    if event == "checkin_notice":  # "arranged for you on …": no later than the check-in
        due = payload.get("due_at")
        if isinstance(due, str):
            at = min(at, datetime.fromisoformat(due))
    return at if at > now else None
