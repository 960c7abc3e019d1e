"""Reading when a check-in should happen from what a person typed, in a given time zone.

Understands `now`, `in 2 hours`, `in 3 days`, `today 16:00`, `tomorrow 4pm`, `friday 10:30`,
`next monday morning`, `this afternoon`, `2026-03-20 09:30`, `20/03 14:00`, `20 march 2pm`,
and the time first (`4pm tomorrow`). A day without a time means the configured default time.
"""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.durations import parse_duration
from bot.flow.answers import format_local

MAX_AHEAD = timedelta(days=366)
PAST_GRACE = timedelta(minutes=1)
EXAMPLES = "tomorrow 16:00, friday 2pm, in 3 days, this afternoon or 2026-03-20 09:30"

_WEEKDAYS = {name: index for index, names in enumerate((
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
    ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
    ("sunday", "sun"),
)) for name in names}
_MONTHS = {name: index for index, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
), start=1) for name in names}
_PARTS_OF_DAY = {"morning": time(10, 0), "noon": time(12, 0), "midday": time(12, 0),
                 "afternoon": time(14, 0), "evening": time(18, 0), "tonight": time(19, 0)}
_UNITS = {"minute": "minutes", "min": "minutes", "m": "minutes", "hour": "hours", "hr": "hours",
          "h": "hours", "day": "days", "d": "days", "week": "weeks", "w": "weeks"}

_RELATIVE = re.compile(r"^in\s+(an?|\d+)\s*([a-z]+?)s?$")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})(?:\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"\b([a-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?\b")
_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*(am|pm)?\b|\b(\d{1,2})\s*(am|pm)\b")


class PhraseError(ValueError):
    """The phrase is not a usable time; the message says why and what would work."""


def parse_when(text: str, now: datetime, zone: ZoneInfo, default_time: time) -> datetime:
    """The moment a phrase means, in UTC; PhraseError for nonsense, the past or too far ahead."""
    lowered = re.sub(r"(\d)t(\d)", r"\1 \2", text.strip().lower())
    cleaned = " ".join(re.sub(r"\b(at|on|the)\b", " ", lowered).split())
    if not cleaned:
        raise PhraseError(f"Say when, e.g. {EXAMPLES}.")
    if cleaned in {"now", "right now", "straight away"}:
        return now
    relative = _RELATIVE.match(cleaned)
    if relative:
        moment = now + _amount(relative.group(1), relative.group(2), text)
    elif cleaned.startswith("in "):
        try:
            moment = now + parse_duration(cleaned[3:])
        except ValueError:
            raise PhraseError(f"'{text.strip()}': say how long, e.g. in 3 days or in 2h.") from None
    else:
        moment = _absolute(cleaned, text, now.astimezone(zone), zone, default_time)
    return _checked(moment.astimezone(UTC), now, zone)


def _amount(count: str, unit: str, text: str) -> timedelta:
    name = _UNITS.get(unit)
    if name is None:
        raise PhraseError(f"'{text.strip()}': say minutes, hours, days or weeks, e.g. in 3 days.")
    return timedelta(**{name: 1 if count in ("a", "an") else int(count)})


def _absolute(cleaned: str, text: str, local_now: datetime, zone: ZoneInfo,
              default_time: time) -> datetime:
    rest, day = _take_date(cleaned, local_now.date())
    rest, at = _take_time(rest)
    words = rest.split()
    if words[:1] == ["this"]:
        words = words[1:]
    if day is None:
        day, words = _take_day_word(words, local_now.date(), at or default_time, local_now)
    if words:
        raise PhraseError(f"I could not read '{text.strip()}' as a time. Try {EXAMPLES}.")
    if day is None and at is None:
        raise PhraseError(f"Say when, e.g. {EXAMPLES}.")
    return datetime.combine(day or local_now.date(), at or default_time, zone)


def _take_date(text: str, today: date) -> tuple[str, date | None]:
    for pattern, order in ((_ISO, "ymd"), (_SLASHED, "dmy"), (_DOTTED, "dmy"), (_DAY_MONTH, "dMy"),
                           (_MONTH_DAY, "Mdy")):
        match = pattern.search(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month_word = parts.get("M")
        if month_word is not None and month_word not in _MONTHS:
            continue
        month = _MONTHS[month_word] if month_word is not None else int(parts["m"])
        given_year = parts.get("y")
        year = int(given_year) if given_year else today.year
        year += 2000 if given_year and len(given_year) == 2 else 0
        try:
            day = date(year, month, int(parts["d"]))
        except ValueError:
            raise PhraseError(f"'{match.group(0)}' is not a date in the calendar.") from None
        if not given_year and day < today:
            day = day.replace(year=today.year + 1)
        return (text[: match.start()] + " " + text[match.end():]).strip(), day
    return text, None


def _take_time(text: str) -> tuple[str, time | None]:
    match = _CLOCK.search(text)
    if match is not None:
        hour = int(match.group(1) or match.group(4))
        minute = int(match.group(2) or 0)
        meridiem = match.group(3) or match.group(5)
        if meridiem:
            if not 1 <= hour <= 12:
                raise PhraseError("With am or pm the hour runs from 1 to 12.")
            hour = hour % 12 + (12 if meridiem == "pm" else 0)
        if hour > 23 or minute > 59:
            raise PhraseError(f"'{match.group(0).strip()}' is not a time of day.")
        return (text[: match.start()] + " " + text[match.end():]).strip(), time(hour, minute)
    for word, at in _PARTS_OF_DAY.items():
        if re.search(rf"\b{word}\b", text):
            rest = re.sub(rf"\b{word}\b", " ", text)
            return " ".join(rest.split()), at
    return text, None


def _take_day_word(words: list[str], today: date, at: time, local_now: datetime
                   ) -> tuple[date | None, list[str]]:
    if not words:
        return None, words
    if words[:3] == ["day", "after", "tomorrow"]:
        return today + timedelta(days=2), words[3:]
    if words[0] in ("today", "tonight"):
        return today, words[1:]
    if words[0] == "yesterday":
        return today - timedelta(days=1), words[1:]
    if words[0] in ("tomorrow", "tmrw", "tomorow"):
        return today + timedelta(days=1), words[1:]
    following = words[0] == "next"
    index = 1 if following else 0
    if len(words) > index and words[index] in _WEEKDAYS:
        ahead = (_WEEKDAYS[words[index]] - today.weekday()) % 7
        day = today + timedelta(days=ahead)
        if ahead == 0 and (following or datetime.combine(day, at, local_now.tzinfo) <= local_now):
            day += timedelta(days=7)
        return day, words[index + 1:]
    return None, words


def _checked(moment: datetime, now: datetime, zone: ZoneInfo) -> datetime:
    if moment < now - PAST_GRACE:
        raise PhraseError(f"{format_local(moment, zone)} has already passed; please choose a "
                          "time in the future.")
    if moment - now > MAX_AHEAD:
        raise PhraseError("That is more than a year away; please choose a nearer time.")
    return max(moment, now)
