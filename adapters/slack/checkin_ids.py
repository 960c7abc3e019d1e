"""Names shared by the check-in views and messages and the listeners that receive them."""

import re

COMMAND = "/debrief"

SCHEDULE_VIEW = "checkin_schedule"
DONE_VIEW = "checkin_done"

SCHEDULE_FOR = "checkin_schedule_for"

PERSON_BLOCK = "checkin_person"
WHEN_BLOCK = "checkin_when"
NOTE_BLOCK = "checkin_note"
CONFIRM_BLOCK = "checkin_confirm"
"""A checkbox shown when the chosen time is out of working hours: ticked, it is confirmed."""
CONFIRMED = "yes"
VALUE = "value"

MOVE_PREFIX = "move:"
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def mentioned_user(text: str) -> tuple[str | None, str]:
    """The first escaped user mention in a command's text (`<@U123|name>`), and the rest."""
    found = _MENTION.search(text)
    if found is None:
        return None, text.strip()
    rest = (text[: found.start()] + " " + text[found.end():]).strip()
    return found.group(1), " ".join(rest.split())


def checkin_number(value: object) -> int | None:
    """A check-in id carried by a button value or a modal's private_metadata."""
    if isinstance(value, str) and value.isdigit() and len(value) < 19:
        return int(value)
    return None

CHECKIN_MODAL = "checkin"
"""What the bot remembers the check-in list and a check-in's questions as: buttons in them
refresh only a modal the bot opened for the person pressing (adapters.slack.own_modals)."""
