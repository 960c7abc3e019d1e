"""Words used across features, written once: urgency, durations, times, the 999 line."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

CALL_999 = "If anyone is in immediate danger, call 999 now."
PRIVATE_DETAILS = ("Details are never shown here. View details opens them privately, and each "
                   "view is recorded.")
TRY_AGAIN = "Sorry, that could not be completed just now; nothing was changed. Please try again."

_URGENCY = {"immediate_danger": "Immediate danger", "high": "High", "normal": "Normal"}


def urgency_label(urgency: str) -> str:
    """'Immediate danger', 'High' or 'Normal': the one way urgency is written."""
    return _URGENCY.get(urgency, urgency.replace("_", " ").capitalize())


def local_time(moment: datetime | str, zone: ZoneInfo) -> str:
    """A moment in the organisation's zone, e.g. 'Sat 14 Mar 2026, 10:05'."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.astimezone(zone).strftime("%a %d %b %Y, %H:%M")


def _unit(amount: int, name: str) -> str:
    return f"{amount} {name}{'' if amount == 1 else 's'}"


def duration_words(value: timedelta | int | None) -> str:
    """A duration for people: '45 seconds', '5 minutes', '1 hour 30 minutes', '2 days'."""
    seconds = int(value.total_seconds()) if isinstance(value, timedelta) else int(value or 0)
    seconds = max(seconds, 0)
    if seconds < 60:
        return _unit(seconds, "second")
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [_unit(n, name) for n, name in ((days, "day"), (hours, "hour"), (minutes, "minute"))
             if n]
    return " ".join(parts[:2])
