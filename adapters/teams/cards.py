"""The core's cards as Adaptive Cards 1.5: one small renderer per block type.

Anything somebody typed goes into a TextRun (never read as markdown); buttons are
Action.Execute (Universal Actions) whose verb is the core's interaction id. A contact is a
Teams mention (msteams.entities) where the person has a Teams id."""

import re
from collections.abc import Callable
from typing import Any

from adapters.teams.card_kit import (
    Element,
    action_sets,
    card,
    execute,
    facts,
    heading,
    labelled,
    panel,
    plain,
    tone_colour,
    words,
)
from adapters.teams.forms import inputs, send
from bot.ui import cards
from bot.ui.cards import Card
from bot.ui.forms import Form

TEAMS_USER = re.compile(r"^(29:[\w\-.:]{1,200}|8:orgid:[0-9a-fA-F-]{36}|[0-9a-fA-F-]{36})$")
"""A Teams user id (29:…) or an Entra object id: what a card mention can name."""
_STYLE = {"primary": "positive", "danger": "destructive"}


def _heading(block: cards.Heading, tone: str | None) -> list[Element]:
    return [heading(block.text, colour=tone_colour(block.tone))]


def _text(block: cards.Text, tone: str | None) -> list[Element]:
    colour = tone_colour(block.tone or tone or "info")
    if block.typed:
        return [plain(block.text, colour=colour)]
    return [words(block.text, subtle=block.subtle, colour=colour)]


def _facts(block: cards.Facts, tone: str | None) -> list[Element]:
    return [facts(list(block.pairs))]


def _answer(block: cards.Answer, tone: str | None) -> list[Element]:
    return [labelled(block.label, block.value)]


def _bullets(block: cards.Bullets, tone: str | None) -> list[Element]:
    return [plain("\n".join(f"• {item}" for item in block.items))]


def _divider(block: cards.Divider, tone: str | None) -> list[Element]:
    return [{"type": "Container", "separator": True, "items": []}]


def action(button: cards.Button) -> Element:
    """An Action.Execute; a button that opens a form shows the form in place (ShowCard)."""
    if button.form is not None:
        return {"type": "Action.ShowCard", "title": button.label,
                "card": {"type": "AdaptiveCard", "body": form_body(button.form),
                         "actions": [send(button.form, button.style)]}}
    return execute(button.label, button.action, button.arguments,
                   style=_STYLE.get(button.style or ""))


def form_body(form: Form) -> list[Element]:
    return [*(out for block in form.intro for out in render_block(block)), *inputs(form)]


def form_card(form: Form) -> Element:
    """A form on its own card (its title, then its inputs and its send button)."""
    return card([heading(form.title), *form_body(form)], [send(form, "primary")])


def _buttons(block: cards.Buttons, tone: str | None) -> list[Element]:
    """Rows that fit their titles (card_kit.button_rows), so Teams never cuts one short."""
    return action_sets([action(b) for b in block.buttons])


def _contact(block: cards.Contact, tone: str | None) -> list[Element]:
    shown = [labelled(block.label, block.text)]
    user = block.id_on("teams")
    if not user or not TEAMS_USER.match(user):
        return [*shown, labelled(block.contact_label, block.contact)]
    return [*shown, words(f"**{block.contact_label}:** <at>{block.initials}</at>")]


def mentions(card_model: Card) -> list[Element]:
    """The msteams mention entities the card's contacts need."""
    found = []
    for block in _walk(card_model.blocks):
        if not isinstance(block, cards.Contact):
            continue
        user = block.id_on("teams")
        if user and TEAMS_USER.match(user):
            found.append({"type": "mention", "text": f"<at>{block.initials}</at>",
                          "mentioned": {"id": user, "name": block.initials}})
    return found


def _walk(blocks: tuple[cards.Block, ...]) -> list[cards.Block]:
    out: list[cards.Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, cards.Panel):
            out.extend(_walk(block.blocks))
    return out


def _panel(block: cards.Panel, tone: str | None) -> list[Element]:
    items = [out for inner in block.blocks for out in render_block(inner, block.tone)]
    return [panel(items, block.tone)]


_RENDERERS: dict[type, Callable[[Any, str | None], list[Element]]] = {
    cards.Heading: _heading, cards.Text: _text, cards.Facts: _facts, cards.Answer: _answer,
    cards.Bullets: _bullets, cards.Divider: _divider, cards.Buttons: _buttons,
    cards.Contact: _contact, cards.Panel: _panel,
}


def render_block(block: cards.Block, tone: str | None = None) -> list[Element]:
    """One core block as Adaptive Card elements; an unknown block type is a programming error."""
    renderer = _RENDERERS.get(type(block))
    if renderer is None:
        raise cards.unrenderable(block)
    return renderer(block, tone)


def adaptive_card(card_model: Card, extra: list[Element] | None = None) -> Element:
    """The card (and `extra` elements after it, e.g. a note); mentions added if any."""
    body = [out for block in card_model.blocks for out in render_block(block)]
    content = card([*body, *(extra or [])])
    entities = mentions(card_model)
    if entities:
        content["msteams"] = {**content.get("msteams", {}), "entities": entities}
    return content
