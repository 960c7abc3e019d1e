"""Sealing check-in content at rest: the arranger's note, answers so far, the final answers.

Each value is bound to its check-in (a sealed value copied onto another check-in does not open).
"""

from typing import Any

from bot.crypto import KeyRing


def label(checkin_id: int, part: str) -> str:
    """What a sealed value is bound to: one part of one check-in."""
    return f"checkin:{checkin_id}:{part}"


def seal(keys: KeyRing, checkin_id: int, part: str, value: Any) -> str:
    return keys.seal_json(value, label(checkin_id, part))


def open_sealed(keys: KeyRing, checkin_id: int, part: str, sealed: str | None) -> Any:
    """The value, or None when nothing was sealed."""
    if sealed is None:
        return None
    return keys.open_json(sealed, label(checkin_id, part))


NOTE = "note"
PROGRESS = "progress"
ANSWERS = "answers"
