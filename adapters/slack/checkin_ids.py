"""The /debrief command, and reading the person it mentions."""

import re

COMMAND = "/debrief"
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def mentioned_user(text: str) -> tuple[str | None, str]:
    """The first escaped user mention in a command's text (`<@U123|name>`), and the rest."""
    found = _MENTION.search(text)
    if found is None:
        return None, text.strip()
    rest = (text[: found.start()] + " " + text[found.end():]).strip()
    return found.group(1), " ".join(rest.split())
