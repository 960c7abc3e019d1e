"""Small builders for Adaptive Card 1.5 elements; user text never goes through markdown."""

from typing import Any

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.5"
Element = dict[str, Any]

ROW_BUDGET = 40
"""How wide a row of buttons may be, in average characters of the button font."""
BUTTON_ALLOWANCE = 4
"""What each button spends besides its title (padding, border and the gap to the next one)."""

_TONE_STYLE = {"emergency": "attention", "error": "attention", "warning": "warning",
               "success": "good", "info": "emphasis"}
_TONE_COLOUR = {"emergency": "attention", "error": "attention", "warning": "warning",
                "success": "good", "info": "default"}


def row_width(titles: list[str]) -> int:
    """The width a row of buttons with these titles needs, in characters (see `button_rows`)."""
    return sum(len(title) + BUTTON_ALLOWANCE for title in titles)


def button_rows(actions: list[Element]) -> list[list[Element]]:
    """The buttons in order, a row holding them while their titles fit the row's width.

    Teams puts an ActionSet's buttons side by side and cuts each title that does not fit with
    an ellipsis ("Record a de…"); it never wraps a row. Measured assumptions: a card in a chat
    on a phone, or in a narrow desktop pane, is about ROW_BUDGET (40) average characters of the
    button font wide, and each button spends about BUTTON_ALLOWANCE (4) characters on padding,
    border and the gap to its neighbour. Five buttons in one row showed about 8 characters of
    each title ("Safeguar…") and three about 11 ("Record a de…"): 5 x (8 + 4) and 3 x (11 + 4)
    both come to about 45-60 on a wide pane, so 40 leaves room for a narrow one. A row keeps
    at least one button (a title too long for any row is cut however it is placed)."""
    rows: list[list[Element]] = []
    for found in actions:
        if rows and row_width([a.get("title", "") for a in [*rows[-1], found]]) <= ROW_BUDGET:
            rows[-1].append(found)
        else:
            rows.append([found])
    return rows


def action_sets(actions: list[Element]) -> list[Element]:
    """The buttons as ActionSet rows that Teams shows without cutting their titles."""
    return [{"type": "ActionSet", "actions": row} for row in button_rows(actions)]


def card(body: list[Element], actions: list[Element] | None = None) -> Element:
    """A card; its buttons as its own actions when they fit one row, else as ActionSet rows
    at the end of its body (a card's own actions are one row that Teams never wraps)."""
    content: Element = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
        "msteams": {"width": "Full"},
    }
    if actions and len(button_rows(actions)) > 1:
        content["body"] = [*body, *action_sets(actions)]
    elif actions:
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
