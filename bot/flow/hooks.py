"""Named checks that flow files may attach to a question (`validators: [name]`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

FUTURE_GRACE = timedelta(minutes=5)


@dataclass(frozen=True)
class HookContext:
    now: datetime
    zone: ZoneInfo
    answers: dict[str, object] = field(default_factory=dict)
    filled: dict[str, str] = field(default_factory=dict)
    """Report fields already filled by earlier answers (e.g. occurred_at → its step id)."""
    staff: tuple[tuple[str, str], ...] = ()
    """(person id, label) for staff_member questions, in config order."""


Hook = Callable[[object, HookContext], str | None]


def _as_datetime(value: object, zone: ZoneInfo) -> datetime | None:
    if not isinstance(value, str):
        return None
    if "T" in value:
        return datetime.fromisoformat(value)
    return datetime.combine(date.fromisoformat(value), datetime.min.time(), zone).astimezone(UTC)


def not_in_future(value: object, context: HookContext) -> str | None:
    moment = _as_datetime(value, context.zone)
    if moment is None:
        return None
    if isinstance(value, str) and "T" not in value:
        today = context.now.astimezone(context.zone).date()
        return "That date is in the future." if date.fromisoformat(value) > today else None
    return "That time is in the future." if moment > context.now + FUTURE_GRACE else None


def not_before_occurred(value: object, context: HookContext) -> str | None:
    """For a discovery time: it cannot be earlier than when the thing happened."""
    step_id = context.filled.get("occurred_at")
    occurred = _as_datetime(context.answers.get(step_id), context.zone) if step_id else None
    found = _as_datetime(value, context.zone)
    if occurred is None or found is None:
        return None
    if found + FUTURE_GRACE < occurred:
        return "This is earlier than when it happened; please check both times."
    return None


HOOKS: dict[str, Hook] = {
    "not_in_future": not_in_future,
    "not_before_occurred": not_before_occurred,
}


def hook(name: str) -> Hook:
    try:
        return HOOKS[name]
    except KeyError:
        known = ", ".join(sorted(HOOKS))
        raise KeyError(f"unknown validator '{name}' (known: {known})") from None
