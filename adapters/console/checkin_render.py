"""Plain-text rendering of a check-in request for the terminal (every other check-in message,
the list and an outcome read privately are core cards: bot.checkins.cards)."""

from zoneinfo import ZoneInfo

from bot.checkins.messages import (
    CheckinMessage,
    CheckinRequestedMessage,
)
from bot.checkins.wording import time_with_zone
from bot.config import OrgConfig


def render_checkin_message(message: CheckinMessage, config: OrgConfig) -> str:
    if isinstance(message, CheckinRequestedMessage):
        return _requested(message, config)
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
