"""Check-in words every adapter shows the same way: states, outcomes and local times."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.flow.answers import format_local

STATES = {"scheduled": "upcoming", "delivered": "sent, waiting for an answer",
          "completed": "answered", "declined": "declined", "no_response": "no response",
          "undeliverable": "could not be delivered", "cancelled": "cancelled"}
"""A check-in's state, as listed to whoever arranged or manages it."""
OUTCOMES = {"completed": "answered", "declined": "declined (that's fine)",
            "no_response": "no response", "undeliverable": "could not be delivered"}
"""How a check-in ended, as told to whoever arranged it."""


def time_with_zone(moment: datetime | str, zone: ZoneInfo) -> str:
    """A moment in the person's own time zone, naming the zone (e.g. 'Mon 16 Mar…, 15:30
    (Europe/London)'); stored moments arrive as ISO text."""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return f"{format_local(value, zone)} ({zone.key})"


def typed(platform: str, command: str) -> str:
    """A command as the person types it where they are: '/away' in Slack and the console,
    'away' in a Teams chat (which has no slash commands)."""
    return command if platform == "teams" else f"/{command}"
