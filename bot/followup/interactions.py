"""The follow-up with the reporter, declared once for every surface (the lead asks with
`case.ask`, bot.cases.interactions; the lead reads the answer on the case, `case.open`):

- `followup.open`: the reporter opens a lead's question, privately (audited, or the refusal
  audited); the answer form, or the question already answered.
- `followup.answer`: the answer, recorded once; the form again with why not.
- `followup.list`: the reporter's questions still to answer, a button each.

The question and the answer are only ever in the form or card shown to the reporter, never in
a `tell` line (which a surface may post in a chat)."""

from bot.alert_cards import refusal_card
from bot.followup import answers
from bot.followup.cards import (
    ANSWER,
    ANSWER_INPUT,
    LIST,
    OPEN,
    answer_form,
    answered_card,
    questions_card,
    sent_card,
)
from bot.followup.wording import MAX_ANSWER, NOT_UNDERSTOOD
from bot.runtime import Runtime
from bot.ui.actions import ConsoleCommand, Interaction, Outcome, Request

MAX_REFERENCE = 40


def _target(request: Request) -> tuple[str, int | None] | None:
    """The reference and question number (None: the first unanswered) asked for."""
    reference = request.arg("reference", MAX_REFERENCE).upper()
    number = request.arg("number", 9).lstrip("#")
    if not reference or (number and not number.isdigit()):
        return None
    return reference, int(number) if number else None


async def _open(runtime: Runtime, request: Request) -> Outcome:
    target = _target(request)
    if target is None:
        return Outcome(tell=NOT_UNDERSTOOD, tone="error")
    reference, number = target
    question = await answers.open_question(runtime, request.actor, reference, number)
    if question is None:
        text = answers.no_question_to_open(reference)
        return Outcome(show=refusal_card(text), tell=text, tone="error", refused=True)
    if question.answered:
        return Outcome(show=answered_card(question))
    return Outcome(show=answer_form(question, question.reference, question.number,
                                    question.max_length))


async def _answer(runtime: Runtime, request: Request) -> Outcome:
    target = _target(request)
    if target is None:
        return Outcome(show=answer_form(None, "", None, MAX_ANSWER, NOT_UNDERSTOOD),
                       tell=NOT_UNDERSTOOD, tone="error")
    reference, number = target
    typed = request.value(ANSWER_INPUT)
    result = await answers.answer_question(runtime, request.actor, reference, number, typed)
    said = result.text()
    if result.done:
        return Outcome(show=sent_card(said), tell=said, tone="success", close=True)
    form = answer_form(None, reference, result.number or number, MAX_ANSWER, said)
    if result.status == "invalid":  # nothing was written: the form again, with why
        return Outcome(show=form.filled({ANSWER_INPUT: typed}))
    return Outcome(show=form, tell=said, tone="warning" if result.status == "answered" else
                   "error", refused=result.status == "refused")


async def _list(runtime: Runtime, request: Request) -> Outcome:
    return Outcome(show=questions_card(await answers.pending_questions(runtime, request.actor)))


INTERACTIONS = (
    Interaction(OPEN, _open, ConsoleCommand("/answer {reference} {number}")),
    Interaction(ANSWER, _answer, ConsoleCommand("/answer {reference} {number}: your answer")),
    Interaction(LIST, _list, ConsoleCommand("/questions")),
)
