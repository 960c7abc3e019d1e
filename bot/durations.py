"""Human durations such as `90s`, `15m`, `2h`, `1d`, or `1h30m`."""

import re
from datetime import timedelta

_PART = re.compile(r"(\d+)\s*([smhdwy])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_YEAR_DAYS = 365


def parse_duration(text: str) -> timedelta:
    """Parse a duration; raise ValueError with a readable message when it is not one."""
    cleaned = text.strip().lower().replace(" ", "")
    if not cleaned:
        raise ValueError("a duration is required, e.g. 30m, 2h or 90s")
    position = 0
    total = timedelta()
    for match in _PART.finditer(cleaned):
        if match.start() != position:
            break
        amount, unit = int(match.group(1)), match.group(2)
        total += timedelta(days=amount * _YEAR_DAYS) if unit == "y" else timedelta(
            **{_UNITS[unit]: amount})
        position = match.end()
    if position != len(cleaned) or position == 0:
        raise ValueError(
            f"'{text}' is not a duration; use forms like 90s, 15m, 2h, 1d, 1h30m or 7y"
        )
    if total <= timedelta():
        raise ValueError(f"'{text}' must be longer than zero")
    return total


def format_duration(value: timedelta) -> str:
    """Render a duration compactly, e.g. `1h 5m` or `45s`."""
    seconds = int(value.total_seconds())
    if seconds < 60:
        return f"{seconds}s"
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes = seconds // 60
    parts = [(days, "d"), (hours, "h"), (minutes, "m")]
    return " ".join(f"{amount}{unit}" for amount, unit in parts if amount)
