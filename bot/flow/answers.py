"""Turn what a person typed or picked into a checked, canonical answer for one question."""

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.flow.definition import FieldType, Step
from bot.flow.hooks import HookContext, hook

Raw = str | list[str] | None
Answer = str | list[str] | None


class AnswerError(ValueError):
    """The answer cannot be accepted; the message says why, for the person answering."""


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_INITIALS = re.compile(r"^[A-Z](?:[A-Z'\-]{0,3})$")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})\s*(am|pm)?$|^(\d{1,2})\s*(am|pm)$")


def parse_answer(step: Step, raw: Raw, context: HookContext) -> Answer:
    """Parse and check one answer; raise AnswerError with a clear message when it is not valid."""
    if _is_blank(raw):
        if step.required:
            raise AnswerError("This question needs an answer.")
        return None
    if step.type is None:
        raise AnswerError("This step takes no answer.")
    value: Answer = _PARSERS[step.type](step, raw, context)
    for name in step.validators:
        problem = hook(name)(value, context)
        if problem:
            raise AnswerError(problem)
    return value


def _is_blank(raw: Raw) -> bool:
    if raw is None:
        return True
    if isinstance(raw, list):
        return not [item for item in raw if item.strip()]
    return not raw.strip() or raw.strip().lower() in {"skip", "-"}


def _text(raw: Raw) -> str:
    if isinstance(raw, list):
        raise AnswerError("Please type a single answer.")
    return storable(raw).strip() if raw else ""


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def storable(text: str) -> str:
    """Text as it may be stored: no characters that cannot be saved or that would act on a
    terminal (control codes); line breaks and tabs stay."""
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise AnswerError("This answer has characters that cannot be saved (perhaps a "
                          "copy-and-paste problem); please type it again.")
    return _CONTROL.sub("", text)


def small_number(text: str) -> int | None:
    """A plain number as typed to pick an option (ASCII digits only), else None."""
    cleaned = text.strip()
    return int(cleaned) if cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= 6 else None


def _parse_text(step: Step, raw: Raw, context: HookContext) -> str:
    text = _text(raw)
    if step.type == FieldType.SHORT_TEXT:
        text = " ".join(text.split())
    limit = step.length_limit
    if limit is not None and len(text) > limit:
        raise AnswerError(f"Please keep this under {limit} characters (it has {len(text)}).")
    if step.min_length and len(text) < step.min_length:
        raise AnswerError(f"Please write at least {step.min_length} characters.")
    return text


def _parse_yes_no(step: Step, raw: Raw, context: HookContext) -> str:
    text = _text(raw).lower()
    if text in _YES:
        return "yes"
    if text in _NO:
        return "no"
    raise AnswerError("Please answer yes or no.")


def _match_choice(step: Step, token: str) -> str:
    choices = step.choices or []
    cleaned = token.strip()
    number = small_number(cleaned)
    if number is not None and 1 <= number <= len(choices):
        return choices[number - 1].value
    lowered = " ".join(cleaned.lower().split())
    for choice in choices:
        if lowered in _names(choice.value, choice.label):
            return choice.value
    options = ", ".join(f"{i}) {c.label}" for i, c in enumerate(choices, 1))
    raise AnswerError(f"'{cleaned}' is not one of the options: {options}.")


def _names(value: str, label: str) -> tuple[str, ...]:
    """What a typed option may be: its value, its label, or its label without the part in
    brackets ("young person" for "Young person (13–17)"), in any case."""
    short = label.split("(", 1)[0]
    return (value, value.replace("_", " "), " ".join(label.lower().split()),
            " ".join(short.lower().split()))


def _parse_single(step: Step, raw: Raw, context: HookContext) -> str:
    return _match_choice(step, _text(raw))


def _parse_multi(step: Step, raw: Raw, context: HookContext) -> list[str]:
    tokens = raw if isinstance(raw, list) else re.split(r"[,;]", raw or "")
    chosen: list[str] = []
    for token in tokens:
        if token.strip():
            value = _match_choice(step, token)
            if value not in chosen:
                chosen.append(value)
    order = [c.value for c in step.choices or []]
    return sorted(chosen, key=order.index)


def _parse_initials(step: Step, raw: Raw, context: HookContext) -> str:
    groups = [g.strip() for g in re.split(r"[,;&/]|\band\b", _text(raw)) if g.strip()]
    normalised = []
    for group in groups:
        compact = re.sub(r"[\s.]", "", group).upper()
        if not _INITIALS.match(compact):
            raise AnswerError(
                f"'{group}' does not look like initials. Records use initials only, "
                "e.g. 'JS' or 'J.S.'; separate several people with commas."
            )
        normalised.append(compact)
    text = ", ".join(normalised)
    limit = step.length_limit
    if limit is not None and len(text) > limit:
        raise AnswerError(f"Please keep this under {limit} characters.")
    return text


NOT_LISTED = "not_listed"


def staff_options(context: HookContext) -> list[tuple[str, str]]:
    return [*context.staff, (NOT_LISTED, "Someone not listed here")]


def _parse_staff(step: Step, raw: Raw, context: HookContext) -> str:
    token = _text(raw).strip()
    options = staff_options(context)
    number = small_number(token)
    if number is not None and 1 <= number <= len(options):
        return options[number - 1][0]
    for value, label in options:
        if token.lower() in (value.lower(), label.lower()):
            return value
    listed = ", ".join(f"{i}) {label}" for i, (_, label) in enumerate(options, 1))
    raise AnswerError(f"'{token}' is not one of the options: {listed}.")


def _relative_day(word: str, today: date) -> date | None:
    return {"today": today, "yesterday": today - timedelta(days=1)}.get(word)


def parse_date_text(text: str, today: date) -> date:
    cleaned = text.strip().lower()
    relative = _relative_day(cleaned, today)
    if relative is not None:
        return relative
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise AnswerError("Please give a date like 2026-03-14, 14/03/2026, today or yesterday.")


def parse_time_text(text: str) -> time:
    match = _TIME.match(text.strip().lower())
    if not match:
        raise AnswerError("Please give a time like 14:30 or 2:30pm.")
    hour = int(match.group(1) or match.group(4))
    minute = int(match.group(2) or 0)
    meridiem = match.group(3) or match.group(5)
    if meridiem:
        if not 1 <= hour <= 12:
            raise AnswerError("With am or pm the hour runs from 1 to 12.")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise AnswerError("That is not a time of day.")
    return time(hour, minute)


def parse_local_datetime(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """Parse `now`, `today 14:30`, `2026-03-14 14:30`, `14/03/2026 2pm` in the given zone."""
    cleaned = re.sub(r"^(\d{4}-\d{2}-\d{2})t", r"\1 ", " ".join(text.strip().lower().split()))
    if cleaned in {"now", "just now"}:
        return now.replace(microsecond=0)
    local_now = now.astimezone(zone)
    parts = cleaned.rsplit(" ", 1)
    if len(parts) == 2 and parts[1] in {"am", "pm"}:
        parts = cleaned.rsplit(" ", 2)
        parts = [parts[0], " ".join(parts[1:])]
    if len(parts) != 2:
        raise AnswerError(
            "Please give a date and time like 2026-03-14 14:30, today 14:30 or yesterday 4pm."
        )
    day = parse_date_text(parts[0], local_now.date())
    moment = datetime.combine(day, parse_time_text(parts[1]), zone)
    return moment.astimezone(UTC)


def _parse_date(step: Step, raw: Raw, context: HookContext) -> str:
    today = context.now.astimezone(context.zone).date()
    return parse_date_text(_text(raw), today).isoformat()


def _parse_datetime(step: Step, raw: Raw, context: HookContext) -> str:
    return parse_local_datetime(_text(raw), context.now, context.zone).isoformat()


_PARSERS: dict[FieldType, Callable[[Step, Raw, HookContext], Answer]] = {
    FieldType.SHORT_TEXT: _parse_text,
    FieldType.LONG_TEXT: _parse_text,
    FieldType.YES_NO: _parse_yes_no,
    FieldType.SINGLE_CHOICE: _parse_single,
    FieldType.MULTI_CHOICE: _parse_multi,
    FieldType.INITIALS: _parse_initials,
    FieldType.DATE: _parse_date,
    FieldType.DATETIME: _parse_datetime,
    FieldType.STAFF_MEMBER: _parse_staff,
}


def display_answer(step: Step, value: Answer, zone: ZoneInfo) -> str:
    """A human rendering of a stored answer, for summaries and private views."""
    if value is None or value == []:
        return "(not answered)"
    if step.type == FieldType.YES_NO:
        return "Yes" if value == "yes" else "No"
    if step.type in (FieldType.SINGLE_CHOICE, FieldType.MULTI_CHOICE):
        values = value if isinstance(value, list) else [value]
        return ", ".join(_choice_label(step, v) for v in values)
    if step.type == FieldType.DATETIME and isinstance(value, str):
        return format_local(datetime.fromisoformat(value), zone)
    if step.type == FieldType.DATE and isinstance(value, str):
        return date.fromisoformat(value).strftime("%a %d %b %Y")
    return value if isinstance(value, str) else ", ".join(value)


def _choice_label(step: Step, value: str) -> str:
    choice = step.choice(value)
    return choice.label if choice else value


def format_local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%a %d %b %Y, %H:%M")
