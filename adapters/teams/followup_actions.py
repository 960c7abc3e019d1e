"""The reporter's side of a lead's question (bot.followup.interactions) in a Teams dialog;
typed `questions` lists the ones to answer.

**Open the question** on the posted notice opens a dialog (`task/fetch`) showing the core's
form, for the reporter alone. Its send (`task/submit`) records the answer; the posted notice
becomes the core's content-free confirmation and the dialog closes. No activity sent to Teams,
and no log line, ever holds the question or the answer: they travel only in the dialog's
invoke responses to the reporter (so a `followup.*` press on a card never shows them)."""

import logging
from typing import Any

from adapters.teams.activities import CardAction
from adapters.teams.card_kit import Element, card, submit
from adapters.teams.cards import adaptive_card, form_body
from adapters.teams.dispatch import arguments, outcome_card, press
from adapters.teams.followup_cards import dialog_openers, question_notice_card
from adapters.teams.invoke import card_response, dialog_message, dialog_response, message_response
from adapters.teams.turn import Turn
from bot.delivery import PermanentError, TransientError
from bot.followup.cards import ANSWER, LIST, OPEN
from bot.form_wording import question_title
from bot.ui.actions import NO_REFERENCE as NO_VALID_REFERENCE
from bot.ui.actions import Outcome
from bot.ui.cards import Card
from bot.ui.forms import Form

log = logging.getLogger(__name__)
MAX_REFERENCE = 40
MAX_ID = 200
HIDE = "followup.hide"
"""The form's cancel in a dialog: it just closes (the notice keeps its button)."""
NOTICE = "notice"
"""Carried by the dialog's buttons: the posted notice to replace once answered."""
UNKNOWN = "That button could not be understood; nothing was changed."


def target(data: dict[str, Any]) -> tuple[str, int | None] | None:
    """The reference and question number a button carries (the number may be left out)."""
    reference, number = data.get("reference"), data.get("number")
    if not isinstance(reference, str) or not reference.strip() or len(reference) > MAX_REFERENCE:
        return None
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)
                               or not 0 < number < 10**9):
        return None
    return reference.strip().upper(), number


def _args(found: tuple[str, int | None]) -> dict[str, str]:
    reference, number = found
    return {"reference": reference, **({"number": str(number)} if number else {})}


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    """A `followup.*` button on a card (an old one, or a list): nothing is shown or recorded;
    the card becomes the notice whose button opens the dialog."""
    found = target(action.data)
    if found is None:
        return message_response(NO_VALID_REFERENCE)
    reference, number = found
    if action.verb not in (OPEN, ANSWER, HIDE):
        return message_response(UNKNOWN)
    return card_response(question_notice_card(reference, number or 0))


def _dialog(shown: Card | Form, reference: str, carry: dict[str, Any]) -> dict[str, Any]:
    """The core's form (its send and its cancel as dialog buttons) or card, in the dialog."""
    if isinstance(shown, Card):
        return dialog_response(adaptive_card(shown), question_title(reference))
    data = {**carry, **shown.arguments}
    buttons = [submit(shown.submit, shown.action, data, inputs=True, style="positive"),
               submit(shown.cancel, HIDE, data)]
    return dialog_response(card(form_body(shown), buttons), question_title(reference))


async def _opened(turn: Turn, args: dict[str, str], carry: dict[str, Any]) -> dict[str, Any]:
    outcome = await press(turn, turn.bot.interactions, CardAction(OPEN, args))
    if outcome.show is None:
        return dialog_message(outcome.tell or UNKNOWN)
    return _dialog(outcome.show, args.get("reference", ""), carry)


async def fetch(turn: Turn, action: CardAction) -> dict[str, Any]:
    """Open the question in a dialog, for the reporter alone (the core audits the view, or
    the refusal)."""
    found = target(action.data)
    if found is None or action.verb != OPEN:
        return dialog_message(NO_VALID_REFERENCE if found is None else UNKNOWN)
    posted = turn.activity.reply_to_id
    return await _opened(turn, _args(found), {NOTICE: posted} if _usable_id(posted) else {})


async def submit_answer(turn: Turn, action: CardAction) -> dict[str, Any] | None:
    """Send answer, or Answer later (the dialog closes; the notice keeps its button)."""
    if action.verb == HIDE:
        return None
    if action.verb != ANSWER:
        return dialog_message(UNKNOWN)
    notice = action.data.get(NOTICE)
    carry = {NOTICE: notice} if _usable_id(notice) else {}
    outcome = await press(turn, turn.bot.interactions, CardAction(ANSWER, action.data))
    if outcome.close and isinstance(outcome.show, Card):
        await _replace_notice(turn, adaptive_card(outcome.show), carry.get(NOTICE))
    if isinstance(outcome.show, Form) and outcome.tell is None:
        return await _again(turn, outcome, action.data, carry)
    return dialog_message(outcome.tell or UNKNOWN)


async def _again(turn: Turn, outcome: Outcome, data: dict[str, Any],
                 carry: dict[str, Any]) -> dict[str, Any]:
    """Nothing was written: the question again (a view, audited) with why, and what was
    typed."""
    args = arguments(data)
    shown = (await press(turn, turn.bot.interactions, CardAction(OPEN, args))).show
    said = outcome.show.inputs[0] if isinstance(outcome.show, Form) else None
    if isinstance(shown, Form) and said is not None and said.error:
        shown = shown.with_error(said.id, said.error).filled({said.id: said.initial or ""})
    if shown is None:
        return dialog_message(UNKNOWN)
    return _dialog(shown, args.get("reference", ""), carry)


async def _replace_notice(turn: Turn, shown: Element, posted: str | None) -> None:
    """The posted notice loses its button once answered (it never held the question)."""
    if not posted or not turn.personal:
        return
    try:
        await turn.replace(posted, shown)
    except (TransientError, PermanentError) as error:
        log.warning("could not replace the question notice: %s", error)


def _usable_id(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID


async def on_words(turn: Turn, words: list[str]) -> None:
    """Typed `questions`: the reporter's unanswered questions, a button each."""
    outcome = await press(turn, turn.bot.interactions, CardAction(LIST, {}), typed=True)
    await turn.reply(dialog_openers(outcome_card(outcome)))
