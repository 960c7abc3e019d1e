"""Plain-text rendering of the check-in request and the check-in itself, for the terminal
(notices, outcomes, the list and an outcome read privately are core cards)."""

from zoneinfo import ZoneInfo

from bot.checkins.messages import (
    CheckinDueMessage,
    CheckinMessage,
    CheckinRequestedMessage,
)
from bot.checkins.wording import time_with_zone
from bot.config import OrgConfig


def render_checkin_message(message: CheckinMessage, config: OrgConfig) -> str:
    if isinstance(message, CheckinRequestedMessage):
        return _requested(message, config)
    if isinstance(message, CheckinDueMessage):
        return _due(message)
    return ""


def _requested(m: CheckinRequestedMessage, config: OrgConfig) -> str:
    text = (f"Check-in requested: {m.person_initials} would like someone to check in with them "
            f"after a difficult session. Arrange it: /debrief {m.person_id} tomorrow 10:00 "
            "(any time phrase works).")
    if m.follow_ups:
        zone = ZoneInfo(m.zone) if m.zone else config.organisation.zone
        times = "; ".join(time_with_zone(moment, zone) for moment in m.follow_ups)
        text += f" Follow-up check-ins are already scheduled for {times}."
    return text


def _due(m: CheckinDueMessage) -> str:
    who = f"{m.arranged_by} asked" if m.arranged_by else "You asked"
    if m.reminder:
        return ("A gentle reminder: your wellbeing check-in is still open, if you would like "
                "to answer it. /checkin to start, /checkin stop to close it.")
    return (f"Wellbeing check-in: {who} to see how you are doing. It takes about a minute and "
            "every question can be skipped. /checkin to start, /checkin stop to close it.")


