"""The reporter's side of a follow-up as the core's cards and form: the lead's question with a
box for the answer (a private form only), what answering did, and the list of questions still
to answer (a button each, never the question)."""

from bot.followup.wording import (
    ALREADY_ANSWERED,
    ANSWER_HINT,
    ANSWER_LATER,
    ANSWER_SENT,
    EACH_PRIVATE,
    NO_QUESTIONS,
    OPEN_QUESTION,
    PRIVATE,
    SEND_ANSWER,
    WAITING,
    YOUR_ANSWER,
    asked,
    listed,
)
from bot.form_wording import question_title
from bot.ui import ReporterQuestion
from bot.ui.cards import Block, Button, Buttons, Card, Heading, Panel, Text, button
from bot.ui.forms import Form, Input

OPEN = "followup.open"
ANSWER = "followup.answer"
LIST = "followup.list"
ANSWER_INPUT = "followup_answer"
QUESTION_VIEW = "followup_question"


def open_button(reference: str, number: int) -> Button:
    """Opens a lead's question privately for the reporter."""
    return button(OPEN, OPEN_QUESTION, "primary", reference=reference, number=str(number))


def _question(question: ReporterQuestion) -> tuple[Block, ...]:
    """The question itself: shown only in the reporter's private view, as typed."""
    return (Heading(PRIVATE, "warning"),
            Text(asked(question.number, question.reference, question.asked_at), subtle=True),
            Panel("info", (Text(question.text, typed=True),)))


def answer_input(max_length: int, error: str | None = None) -> Input:
    return Input(ANSWER_INPUT, YOUR_ANSWER, "long_text", hint=ANSWER_HINT,
                 max_length=max_length, error=error)


def answer_form(question: ReporterQuestion | None, reference: str, number: int | None,
                max_length: int, error: str | None = None) -> Form:
    """The question and the answer box (`question` None: only the box, e.g. to carry an error
    back to a form already open)."""
    args = (("reference", reference),) + ((("number", str(number)),) if number else ())
    return Form(ANSWER, question_title(reference), SEND_ANSWER,
                (answer_input(max_length, error),), args,
                _question(question) if question else (), cancel=ANSWER_LATER)


def answered_card(question: ReporterQuestion) -> Card:
    """The question again, already answered: nothing to type."""
    return Card(question_title(question.reference), ALREADY_ANSWERED,
                (*_question(question), Text(ALREADY_ANSWERED, subtle=True)), id=QUESTION_VIEW)


def sent_card(said: str) -> Card:
    """What the form (and the reporter's notice) become once answered: nothing of the
    question or the answer."""
    return Card(ANSWER_SENT, said, (Panel("success", (Heading(ANSWER_SENT, "success"),
                                                      Text(said))),), "success")


def questions_card(pending: list[tuple[str, int]], most: int = 10) -> Card:
    """The reporter's unanswered questions: a button each, never the question itself."""
    if not pending:
        return Card(WAITING, NO_QUESTIONS, (Panel("info", (Text(NO_QUESTIONS),)),))
    blocks: list[Block] = [Heading(WAITING), Text(EACH_PRIVATE, subtle=True)]
    for reference, number in pending[:most]:
        blocks += [Text(listed(number, reference)),
                   Buttons((open_button(reference, number),))]
    return Card(WAITING, EACH_PRIVATE, tuple(blocks))
