"""Text a person might type to ping everyone, add links, or restyle what others read."""

import json
import uuid
from collections.abc import Iterator
from typing import Any

PINGS = ("<!channel>", "<!here>", "<!everyone>", "<@U0LEAD>", "<#C0ALERTS>",
         "<!subteam^S0ALL>", "<https://evil.example|click here>")
MARKUP = ("*bold*", "_tilt_", "~gone~", "`code`")
CARD_BREAKERS = ('"}]},{"type":"Action.OpenUrl","url":"https://evil.example"}', "${evil}",
                 "[click](https://evil.example)", "**loud**", "<at>everyone</at>")


SLACK_TRICKS = (*PINGS, *MARKUP, "@here https://evil.example")
CARD_TRICKS = (*MARKUP, *CARD_BREAKERS)


def tricky(marker: str | None = None, tricks: tuple[str, ...] = SLACK_TRICKS) -> str:
    """A unique marker, then the tricks: under 200 characters (a short answer's limit), and
    lowercase so that the initials guard stays quiet."""
    text = " ".join((marker or f"plant{uuid.uuid4().hex[:10]}", *tricks))
    assert len(text) <= 200, len(text)
    return text


def walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object inside a value, depth first."""
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from walk(child)


def slack_problems(surface: str, value: Any, markers: list[str]) -> list[str]:
    """Where typed text could ping, link or restyle in Slack (mrkdwn and message text)."""
    problems = []
    for obj in walk(value):
        texts = []
        if obj.get("type") == "mrkdwn" and isinstance(obj.get("text"), str):
            texts.append(("mrkdwn", obj["text"], bool(obj.get("verbatim"))))
        for key in ("text", "fallback"):  # a message's own text is read as mrkdwn too
            if obj.get("type") is None and isinstance(obj.get(key), str):
                texts.append((key, obj[key], False))
        for kind, text, verbatim in texts:
            problems.extend(f"{surface}: {kind} pings with {p}" for p in PINGS if p in text)
            if any(marker in text for marker in markers):
                problems.extend(f"{surface}: {kind} renders {m}" for m in MARKUP if m in text)
                if not verbatim:
                    problems.append(f"{surface}: typed text in {kind} without verbatim "
                                    "(bare links and names are turned into links)")
    return problems


def card_problems(surface: str, card: Any, markers: list[str]) -> list[str]:
    """Where typed text could become markdown or new elements in an Adaptive Card."""
    problems = []
    for obj in walk(card):
        kind = obj.get("type")
        if kind in ("Action.OpenUrl", "Action.ShowCard", "Action.ToggleVisibility") or (
                "evil.example" in str(obj.get("url", ""))):
            problems.append(f"{surface}: a {kind} element appeared")
        for key, text in obj.items():
            if not isinstance(text, str) or not any(marker in text for marker in markers):
                continue
            typed_ok = (kind == "TextRun" and key == "text") or (
                str(kind).startswith("Input.") and key == "value")
            if not typed_ok:
                problems.append(f"{surface}: typed text in {kind}.{key}")
    return problems


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
