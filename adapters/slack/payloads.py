"""Reading the few fields we need from Slack's payloads, whatever their exact shape."""

from typing import Any

from bot.kinds import KindRegistry
from bot.ui.wording import CALL_999

QUICK_WORDS = frozenset({"quick", "now", "alert"})
HELP = ("Type /report to report a safeguarding concern, a confidentiality or data breach, or an "
        "operational incident from a session. You can name the kind straight away "
        "(/report safeguarding, /report breach, /report incident), or type /report quick to "
        "alert the lead now and write the full report later. Add 'practice' to try it out "
        f"without alerting anyone. {CALL_999}")


class ReportRequest:
    def __init__(self, kind: str | None, practice: bool, wants_help: bool,
                 quick: bool = False) -> None:
        self.kind = kind
        """The id of the kind named by one of its aliases (the kinds registry's), if any."""
        self.practice = practice
        self.wants_help = wants_help
        self.quick = quick
        """The quick alert: alert the lead now, write the full report later."""


def parse_command_text(text: str, kinds: KindRegistry) -> ReportRequest:
    words = text.lower().replace(",", " ").split()
    kind = next((k.id for w in words if (k := kinds.by_word(w)) is not None), None)
    known = kinds.words | QUICK_WORDS | {"practice", "help"}
    unknown = [w for w in words if w not in known]
    quick = any(w in QUICK_WORDS for w in words)
    return ReportRequest(kind, "practice" in words, "help" in words or bool(unknown), quick)


def text_of(data: Any, *path: str) -> str | None:
    """data[path[0]][path[1]]... if it is a non-empty string, else None."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data if isinstance(data, str) and data else None


def user_of(body: dict[str, Any]) -> str | None:
    return text_of(body, "user", "id") or text_of(body, "user_id")


def team_of(body: dict[str, Any]) -> str | None:
    return (text_of(body, "team", "id") or text_of(body, "team_id")
            or text_of(body, "user", "team_id"))


def channel_of(body: dict[str, Any]) -> str | None:
    return text_of(body, "channel", "id") or text_of(body, "container", "channel_id")


def action_value(body: dict[str, Any]) -> str | None:
    actions = body.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], dict):
        value = actions[0].get("value")
        return value if isinstance(value, str) and value else None
    return None
