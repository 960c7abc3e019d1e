"""The reporter's side of a lead's question (`followup.*` buttons; typed `questions`).

`followup.open` answers only the person who pressed (an invoke response) with the question
and an answer box. `followup.answer` records the answer, and both that card and the posted
notice become a content-free confirmation. No activity sent to Teams, and no log line, ever
holds the question or the answer: they travel only in invoke responses to the reporter.
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
from adapters.teams.invoke import card_response, message_response
from adapters.teams.turn import Turn
from bot.delivery import PermanentError, TransientError
from bot.followup import answers

log = logging.getLogger(__name__)
MAX_REFERENCE = 40
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


def refused_card(reference: str) -> Element:
    return status_card(answers.no_question_to_open(reference), "error")


async def on_action(turn: Turn, action: CardAction) -> dict[str, Any]:
    found = target(action.data)
    if found is None:
        return message_response("That button has no valid report reference; nothing was done.")
    reference, number = found
    if action.verb == "followup.open":
        return card_response(await opened(turn, reference, number))
    if action.verb == "followup.answer":
        text = action.data.get(ANSWER_INPUT)
        return card_response(await answer(turn, reference, number,
                                          text if isinstance(text, str) else ""))
    if action.verb == "followup.hide":
        return card_response(question_notice_card(reference, number or 0))
    return message_response(UNKNOWN)


async def opened(turn: Turn, reference: str, number: int | None) -> Element:
    """The question for the reporter alone (the core audits the view, or the refusal)."""
    question = await answers.open_question(turn.runtime, turn.actor, reference, number)
    return question_card(question) if question is not None else refused_card(reference)


async def answer(turn: Turn, reference: str, number: int | None, text: str) -> Element:
    result = await answers.answer_question(turn.runtime, turn.actor, reference, number, text)
    if result.done or result.status == "answered":
        shown = answered_card(result.reference, result.number) if result.done else (
            status_card(result.text()))
        await _replace_notice(turn, shown)
        return shown
    if result.status == "invalid":  # nothing was written: the question again, with why
        question = await answers.open_question(turn.runtime, turn.actor, reference,
                                               result.number or number)
        if question is not None:
            return question_card(question, result.message, text)
        return refused_card(reference)
    return status_card(result.text(), "error" if result.status == "refused" else
                       "warning")


async def _replace_notice(turn: Turn, shown: Element) -> None:
    """The posted notice loses its button once answered (it never held the question)."""
    posted = turn.activity.reply_to_id
    if not posted or not turn.personal:
        return
    try:
        await turn.replace(posted, shown)
    except (TransientError, PermanentError) as error:
        log.warning("could not replace the question notice: %s", error)


async def on_words(turn: Turn, words: list[str]) -> None:
    """Typed `questions`: the reporter's unanswered questions, a button each."""
    await turn.reply(questions_card(await answers.pending_questions(turn.runtime, turn.actor)))
