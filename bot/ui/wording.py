"""Words used across features, written once: urgency, durations, times, the 999 line."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

CALL_999 = "If anyone is in immediate danger, call 999 now."
PRIVATE_DETAILS = ("Details are never shown here. View details opens them privately, and each "
                   "view is recorded.")
WHO_WILL_SEE = "Who will see it"
"""The label before the roles a report goes to (review, receipt), on every surface."""
TRY_AGAIN = "Sorry, that could not be completed just now; nothing was changed. Please try again."

TYPING_HINTS = {
    "yes_no": "Answer yes or no.",
    "date": "A date, e.g. 2026-03-14, 14/03/2026, today or yesterday.",
    "datetime": "A date and time, e.g. today 14:30, yesterday 4pm, 14/03/2026 10:00, or now.",
    "initials": "Initials only, e.g. JS; several people separated by commas.",
    "multi_choice": "Type one or more numbers separated by commas, e.g. 1,3.",
}
"""How to type an answer, by field type: only where answers are typed (the console, typed
commands), never next to a date picker or a list of options to click."""

_URGENCY = {"immediate_danger": "Immediate danger", "high": "High", "normal": "Normal"}


def urgency_label(urgency: str) -> str:
    """'Immediate danger', 'High' or 'Normal': the one way urgency is written."""
    return _URGENCY.get(urgency, urgency.replace("_", " ").capitalize())


def local_time(moment: datetime | str, zone: ZoneInfo) -> str:
    """A moment in the organisation's zone, e.g. 'Sat 14 Mar 2026, 10:05'."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.astimezone(zone).strftime("%a %d %b %Y, %H:%M")


def local_date(day: date | str) -> str:
    """A day as people read it, the same way local_time writes one, e.g. 'Fri 13 Mar 2026'."""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return day.strftime("%a %d %b %Y")


def _unit(amount: int, name: str) -> str:
    return f"{amount} {name}{'' if amount == 1 else 's'}"


def duration_words(value: timedelta | int | None) -> str:
    """A duration for people: 'less than a minute', '5 minutes', '1 hour 30 minutes',
    '2 days' (never '0s')."""
    seconds = int(value.total_seconds()) if isinstance(value, timedelta) else int(value or 0)
    seconds = max(seconds, 0)
    if seconds < 60:
        return "less than a minute"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = [_unit(n, name) for n, name in ((days, "day"), (hours, "hour"), (minutes, "minute"))
             if n]
    return " ".join(parts[:2])


NOTHING_SENT = "Nothing was sent; you can come back to it when you are ready."
"""Typed 'cancel' instead of filling in a form's one input (the console)."""


def type_next_line(label: str, cancel: str) -> str:
    """Where a form's one input is typed as the next line (the console)."""
    return f"Type {label[:1].lower()}{label[1:]} on the next line ('cancel' to {cancel.lower()})."
