"""Small builders for Adaptive Card 1.5 elements; user text never goes through markdown."""

from typing import Any

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"
Element = dict[str, Any]

_TONE_STYLE = {"emergency": "attention", "error": "attention", "warning": "warning",
               "success": "good", "info": "emphasis"}
_TONE_COLOUR = {"emergency": "attention", "error": "attention", "warning": "warning",
                "success": "good", "info": "default"}


def card(body: list[Element], actions: list[Element] | None = None) -> Element:
    content: Element = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    if actions:
        content["actions"] = actions
    return content


def attachment(content: Element) -> Element:
    return {"contentType": CARD_CONTENT_TYPE, "content": content}


def heading(text: str, size: str = "medium", colour: str = "default") -> Element:
    """Fixed text we wrote ourselves (never user input): markdown is fine here."""
    return {"type": "TextBlock", "text": text, "size": size, "weight": "bolder",
            "color": colour, "wrap": True}


def words(text: str, subtle: bool = False, colour: str = "default") -> Element:
    """Our own wording; may contain a little markdown."""
    return {"type": "TextBlock", "text": text, "wrap": True, "isSubtle": subtle,
            "color": colour}


def plain(text: str, colour: str = "default", bold: bool = False) -> Element:
    """Text that may contain what somebody typed: a TextRun is never read as markdown."""
    run: Element = {"type": "TextRun", "text": text, "color": colour}
    if bold:
        run["weight"] = "bolder"
    return {"type": "RichTextBlock", "inlines": [run]}


def labelled(label: str, value: str) -> Element:
    """A label of ours and a value that may be user text."""
    return {"type": "RichTextBlock", "inlines": [
        {"type": "TextRun", "text": f"{label}: ", "weight": "bolder"},
        {"type": "TextRun", "text": value},
    ]}


def panel(items: list[Element], tone: str = "info") -> Element:
    return {"type": "Container", "style": _TONE_STYLE.get(tone, "emphasis"), "items": items,
            "bleed": False}


def tone_colour(tone: str) -> str:
    return _TONE_COLOUR.get(tone, "default")


def execute(title: str, verb: str, data: dict[str, Any], *, inputs: bool = False,
            style: str | None = None) -> Element:
    """An Action.Execute (Universal Actions); inputs=False skips the card's own validation."""
    action: Element = {"type": "Action.Execute", "title": title, "verb": verb,
                       "data": {"verb": verb, **data},
                       "associatedInputs": "auto" if inputs else "none"}
    if style:
        action["style"] = style
    return action


def facts(pairs: list[tuple[str, str]]) -> Element:
    """Fixed values of ours only (references, kinds, times): FactSet renders markdown."""
    return {"type": "FactSet", "facts": [{"title": t, "value": v} for t, v in pairs]}


def submit(title: str, verb: str, data: dict[str, Any], *, inputs: bool = False,
           style: str | None = None) -> Element:
    """An Action.Submit inside a dialog: Teams sends it, with the inputs, as `task/submit`."""
    action: Element = {"type": "Action.Submit", "title": title, "data": {"verb": verb, **data},
                       "associatedInputs": "auto" if inputs else "none"}
    if style:
        action["style"] = style
    return action


def open_dialog(title: str, verb: str, data: dict[str, Any], *,
                style: str | None = None) -> Element:
    """A button that opens a dialog (Teams sends `task/fetch`, with this data)."""
    return submit(title, verb, {**data, "msteams": {"type": "task/fetch"}}, style=style)
