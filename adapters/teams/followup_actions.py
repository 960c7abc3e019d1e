"""The reporter's side of a lead's question (`followup.*`; typed `questions`), in a dialog.

**Open the question** on the posted notice opens a dialog (`task/fetch`) with the question and
an answer box, for the reporter alone. **Send answer** (`task/submit`) records the answer;
the posted notice becomes a content-free confirmation and the dialog closes. No activity sent
to Teams, and no log line, ever holds the question or the answer: they travel only in the
dialog's invoke responses to the reporter.
"""

import logging
from typing import Any

from adapters.teams.activities import CardAction
from adapters.teams.card_kit import Element
from adapters.teams.followup_cards import (
    ANSWER_INPUT,
    answered_card,
    question_card,
    question_notice_card,
    questions_card,
    status_card,
)
from adapters.teams.invoke import card_response, dialog_message, dialog_response, message_response
from adapters.teams.turn import Turn
from bot.delivery import PermanentError, TransientError
from bot.followup import answers
from bot.form_wording import question_title

log = logging.getLogger(__name__)
MAX_REFERENCE = 40
MAX_ID = 200
NOTICE = "notice"
"""Carried by the dialog's buttons: the posted notice to replace once answered."""
UNKNOWN = "That button could not be understood; nothing was changed."
NO_REFERENCE = "That button has no valid report reference; nothing was done."


def target(data: dict[str, Any]) -> tuple[str, int | None] | None:
    """The reference and question number a button carries (the number may be left out)."""
    reference, number = data.get("reference"), data.get("number")
    if not isinstance(reference, str) or not reference.strip() or len(reference) > MAX_REFERENCE:
        return None
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)
                               or not 0 < number < 10**9):
        return None
    return reference.strip().upper(), number


def refused_card(reference: str) -> Element:
    return status_card(answers.no_question_to_open(reference), "error")


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    """A `followup.*` button on a card from before questions moved to a dialog: nothing is
    shown or recorded; the card becomes the notice whose button opens the dialog."""
    found = target(action.data)
    if found is None:
        return message_response(NO_REFERENCE)
    reference, number = found
    if action.verb not in ("followup.open", "followup.answer", "followup.hide"):
        return message_response(UNKNOWN)
    return card_response(question_notice_card(reference, number or 0))


async def fetch(turn: Turn, action: CardAction) -> dict[str, Any]:
    """Open the question in a dialog, for the reporter alone (the core audits the view, or
    the refusal)."""
    found = target(action.data)
    if found is None or action.verb != "followup.open":
        return dialog_message(NO_REFERENCE if found is None else UNKNOWN)
    reference, number = found
    posted = turn.activity.reply_to_id
    carry = {NOTICE: posted} if _usable_id(posted) else {}
    question = await answers.open_question(turn.runtime, turn.actor, reference, number)
    shown = question_card(question, carry=carry) if question is not None else (
        refused_card(reference))
    return dialog_response(shown, question_title(reference))


async def submit(turn: Turn, action: CardAction) -> dict[str, Any] | None:
    """Send answer, or Answer later (the dialog closes; the notice keeps its button)."""
    found = target(action.data)
    if found is None:
        return dialog_message(NO_REFERENCE)
    if action.verb == "followup.hide":
        return None
    if action.verb != "followup.answer":
        return dialog_message(UNKNOWN)
    reference, number = found
    text = action.data.get(ANSWER_INPUT)
    notice = action.data.get(NOTICE)
    carry = {NOTICE: notice} if _usable_id(notice) else {}
    return await answer(turn, reference, number, text if isinstance(text, str) else "", carry)


async def answer(turn: Turn, reference: str, number: int | None, text: str,
                 carry: dict[str, Any]) -> dict[str, Any]:
    result = await answers.answer_question(turn.runtime, turn.actor, reference, number, text)
    if result.done or result.status == "answered":
        said = result.text()
        shown = answered_card(said) if result.done else (
            status_card(said))
        await _replace_notice(turn, shown, carry.get(NOTICE))
        return dialog_message(said)
    if result.status == "invalid":  # nothing was written: the question again, with why
        question = await answers.open_question(turn.runtime, turn.actor, reference,
                                               result.number or number)
        shown = question_card(question, result.message, text, carry) if question is not None \
            else refused_card(reference)
        return dialog_response(shown, question_title(reference))
    return dialog_message(result.text())


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
    await turn.reply(questions_card(await answers.pending_questions(turn.runtime, turn.actor)))
