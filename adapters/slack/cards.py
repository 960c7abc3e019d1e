"""The core's cards as Block Kit (slack_sdk.models): one small renderer per block type.

Our own wording may use mrkdwn; anything somebody typed is escaped or sent as plain_text,
so it can neither ping, link nor fake formatting. Button arguments travel in the button's
value (see `button_value`); the action id is the core's interaction id."""

import re
from collections.abc import Callable
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from adapters.slack.text import TONE_MARK, chunks, clip, escape
from bot.ui import cards
from bot.ui.cards import Card

SECTION = 3000
HEADER = 150
CONTEXT = 2000
BUTTON = 75
TITLE = 24
MAX_FIELDS = 10
MAX_BLOCKS = 100
MAX_ACTIONS = 25
SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,30}$")


def plain(text: str, limit: int = SECTION) -> PlainTextObject:
    return PlainTextObject(text=clip(text, limit), emoji=True)


def mrkdwn(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=clip(text, SECTION))


def button_value(button: cards.Button) -> str:
    """A lone `reference` travels as itself; other arguments as `key=value` pairs joined by &."""
    args = button.arguments
    if set(args) == {"reference"}:
        return args["reference"]
    return "&".join(f"{key}={value}" for key, value in button.args)


def button_args(value: str | None) -> dict[str, str]:
    """The arguments `button_value` wrote (a value without '=' is a lone reference)."""
    if not value:
        return {}
    if "=" not in value:
        return {"reference": value}
    found: dict[str, str] = {}
    for pair in value.split("&"):
        key, _, text = pair.partition("=")
        if key:
            found[key] = text
    return found


def _marked(text: str, tone: str | None) -> str:
    mark = TONE_MARK.get(tone or "", "")
    return f"{mark} {text}".strip() if tone and tone != "info" else text


def _heading(block: cards.Heading, tone: str | None) -> list[Block]:
    return [HeaderBlock(text=plain(_marked(block.text, block.tone), HEADER))]


def _text(block: cards.Text, tone: str | None) -> list[Block]:
    text = _marked(block.text, block.tone or tone)
    if block.subtle:
        element = plain(text, CONTEXT) if block.typed else mrkdwn(escape(text))
        return [ContextBlock(elements=[element])]
    if block.typed:
        return [SectionBlock(text=plain(part)) for part in chunks(text, SECTION)]
    return [SectionBlock(text=MarkdownTextObject(text=escape(part)))
            for part in chunks(text, SECTION)]


def _facts(block: cards.Facts, tone: str | None) -> list[Block]:
    fields = [MarkdownTextObject(text=clip(f"*{escape(label)}*\n{escape(value)}", 2000))
              for label, value in block.pairs]
    return [SectionBlock(fields=fields[i:i + MAX_FIELDS])
            for i in range(0, len(fields), MAX_FIELDS)]


def _answer(block: cards.Answer, tone: str | None) -> list[Block]:
    label = SectionBlock(text=MarkdownTextObject(text=f"*{escape(block.label)}*"))
    return [label, *(SectionBlock(text=plain(part)) for part in chunks(block.value, SECTION))]


def _bullets(block: cards.Bullets, tone: str | None) -> list[Block]:
    text = "\n".join(f"• {escape(item)}" for item in block.items)
    return [SectionBlock(text=MarkdownTextObject(text=part)) for part in chunks(text, SECTION)]


def _divider(block: cards.Divider, tone: str | None) -> list[Block]:
    return [DividerBlock()]


def element(button: cards.Button) -> ButtonElement:
    confirm = None
    if button.confirm is not None:
        c = button.confirm
        confirm = ConfirmObject(title=plain(c.title, 100), text=plain(c.text, 300),
                                confirm=plain(c.confirm, 30), deny=plain(c.deny, 30))
    return ButtonElement(action_id=button.action, text=plain(button.label, BUTTON),
                         value=button_value(button), style=button.style, confirm=confirm)


def _buttons(block: cards.Buttons, tone: str | None) -> list[Block]:
    elements = [element(b) for b in block.buttons[:MAX_ACTIONS]]
    return [ActionsBlock(elements=elements)] if elements else []


def _contact(block: cards.Contact, tone: str | None) -> list[Block]:
    """A mention opens the person's profile (to message them); else the plain fallback."""
    user = block.id_on("slack")
    reach = (f"<@{user}>" if user and SLACK_USER.match(user) else
             f"{escape(block.contact_label)}: {escape(block.contact)}")
    return [SectionBlock(text=MarkdownTextObject(
        text=f"*{escape(block.label)}:* {escape(block.text)} · {reach}"))]


def _panel(block: cards.Panel, tone: str | None) -> list[Block]:
    return [rendered for inner in block.blocks for rendered in render_block(inner, block.tone)]


_RENDERERS: dict[type, Callable[[Any, str | None], list[Block]]] = {
    cards.Heading: _heading, cards.Text: _text, cards.Facts: _facts, cards.Answer: _answer,
    cards.Bullets: _bullets, cards.Divider: _divider, cards.Buttons: _buttons,
    cards.Contact: _contact, cards.Panel: _panel,
}


def render_block(block: cards.Block, tone: str | None = None) -> list[Block]:
    """One core block as Block Kit blocks; an unknown block type is a programming error."""
    renderer = _RENDERERS.get(type(block))
    if renderer is None:
        raise cards.unrenderable(block)
    return renderer(block, tone)


def blocks(card: Card) -> list[Block]:
    rendered = [out for block in card.blocks for out in render_block(block)]
    return rendered[:MAX_BLOCKS]


def message(card: Card) -> tuple[str, list[dict[str, Any]]]:
    """A chat message: its notification text and Block Kit dicts."""
    return escape(card.summary), [block.to_dict() for block in blocks(card)]


def modal(card: Card, callback_id: str, close: str = "Close", metadata: str = "") -> View:
    """A private view (a modal) showing the card (named by the card's own id, if it has one)."""
    return View(type="modal", callback_id=card.id or callback_id, title=plain(card.title, TITLE),
                close=plain(close, TITLE), private_metadata=metadata, blocks=blocks(card))
