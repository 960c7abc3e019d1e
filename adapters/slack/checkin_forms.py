"""Reading the check-in scheduling form's submitted values (person, date-time, note, and the
out-of-hours confirmation)."""

from datetime import UTC, datetime
from typing import Any

from adapters.slack import checkin_ids as cids


def _value(values: dict[str, Any], block: str) -> dict[str, Any]:
    found = (values.get(block) or {}).get(cids.VALUE)
    return found if isinstance(found, dict) else {}


def chosen_user(values: dict[str, Any]) -> str:
    return str(_value(values, cids.PERSON_BLOCK).get("selected_user") or "")


def picked_time(values: dict[str, Any]) -> datetime | None:
    epoch = _value(values, cids.WHEN_BLOCK).get("selected_date_time")
    if isinstance(epoch, bool) or not isinstance(epoch, int | str):
        return None
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        return None


def note_of(values: dict[str, Any]) -> str | None:
    note = _value(values, cids.NOTE_BLOCK).get("value")
    return note if isinstance(note, str) else None


def confirmed(values: dict[str, Any]) -> bool:
    """Was "send it then anyway" ticked (the time is out of working hours)?"""
    chosen = _value(values, cids.CONFIRM_BLOCK).get("selected_options")
    return isinstance(chosen, list) and any(
        isinstance(option, dict) and option.get("value") == cids.CONFIRMED for option in chosen)
