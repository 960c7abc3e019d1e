"""Every card button of the core's interactions, through one invoke handler.

An Action.Execute's verb is the interaction id and its data the arguments (and, with
associated inputs, the values typed on the card). The answer refreshes the pressed card for
the person who pressed it only: a private view (details), the card as it now stands with a
short line under it, or the line alone. Every copy others see is edited through the outbox."""

import logging
from typing import Any

from adapters.teams.activities import CardAction
from adapters.teams.card_kit import Element, card, panel, plain, tone_colour
from adapters.teams.cards import adaptive_card, form_card
from adapters.teams.forms import SUBMITTED, submitted
from adapters.teams.invoke import card_response, message_response
from adapters.teams.turn import Turn
from bot.alert_cards import refusal_card
from bot.ui import cards
from bot.ui.actions import Interactions, Outcome, Request, perform
from bot.ui.cards import Card
from bot.ui.forms import Form
from bot.ui.wording import TRY_AGAIN

log = logging.getLogger(__name__)
MAX_ARGUMENT = 200


def arguments(data: dict[str, Any]) -> dict[str, str]:
    """The button's arguments: short strings only (the verb itself is not one)."""
    return {key: value[:MAX_ARGUMENT] for key, value in data.items()
            if key != "verb" and isinstance(value, str)}


def line(text: str, tone: str) -> Element:
    return panel([plain(text, colour=tone_colour(tone))], tone)


def outcome_card(outcome: Outcome) -> Element:
    """What the pressed card becomes, for the person who pressed it."""
    if isinstance(outcome.show, Card):
        return adaptive_card(outcome.show)
    if outcome.refused:
        return adaptive_card(refusal_card(outcome.tell or ""))
    if isinstance(outcome.show, Form) and outcome.refresh is None:
        return form_card(outcome.show)
    if outcome.settled and outcome.refresh is None:
        return adaptive_card(Card("", outcome.tell or "", outcome.settled))
    note = [line(outcome.tell, outcome.tone)] if outcome.tell else []
    if outcome.refresh is not None:
        said = outcome.tell is not None and says(outcome.refresh, outcome.tell)
        return adaptive_card(outcome.refresh, [] if said else note)
    return card(note or [line(TRY_AGAIN, "error")])


def says(shown: Card, text: str) -> bool:
    """Whether the card already shows this very line (then it is not repeated under it)."""
    pending: list[cards.Block] = list(shown.blocks)
    while pending:
        block = pending.pop()
        if isinstance(block, cards.Panel):
            pending.extend(block.blocks)
        elif isinstance(block, cards.Text) and block.text == text:
            return True
    return False


def invoke_answer(outcome: Outcome) -> dict[str, Any]:
    """A card for the presser, or (a plain line and nothing to show) a short message that
    leaves the card as it is."""
    if outcome.tell and not outcome.refused and outcome.show is None and outcome.refresh is None \
            and not outcome.settled:
        return message_response(outcome.tell)
    return card_response(outcome_card(outcome))


async def press(turn: Turn, table: Interactions, action: CardAction,
                typed: bool = False) -> Outcome:
    """Do what the button (or typed command) asks. A button that opens a form on a card
    shows it in place (Action.ShowCard); a form's send button says SUBMITTED, so a press
    without it (or typed words) opens the form an interaction has."""
    request = Request(turn.actor, arguments(action.data), submitted(action.data),
                      turn.activity.id, typed)
    try:
        return await perform(turn.runtime, table, action.verb, request,
                             opening=SUBMITTED not in action.data)
    except Exception:
        log.exception("teams: %s failed", action.verb)
        return Outcome(tell=TRY_AGAIN, tone="error")


async def on_action(turn: Turn, table: Interactions, action: CardAction) -> dict[str, Any]:
    return invoke_answer(await press(turn, table, action))


async def on_words(turn: Turn, table: Interactions, verb: str, text: str, **args: str) -> None:
    """Typed words that do an interaction (e.g. `away 3d`): what was typed after the first
    word is its `text` (`args`: what the words say besides); the answer is a card in the
    chat."""
    outcome = await press(turn, table, CardAction(verb, {**args, "text": text}), typed=True)
    await turn.reply(outcome_card(outcome))
