"""Cards for quick alerts and the private follow-up with the reporter.

Case notices (the reporter's question and reminder, the lead's "answered" and "completed")
are posted, so they hold the core's fixed, content-free sentence and a button only. The
reporter's buttons open a dialog: the question and its answer input are only ever shown
there, and the posted notice is replaced by a content-free confirmation once answered.
"""

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from adapters.teams.card_kit import (
    Element,
    card,
    execute,
    facts,
    heading,
    open_dialog,
    panel,
    plain,
    submit,
    words,
)
from bot.cases.messages import CaseNotice
from bot.details import ReportLine
from bot.flow.answers import format_local
from bot.followup.wording import question_notice
from bot.ui import ReporterQuestion

ANSWER_INPUT = "followup_answer"
COMPLETE_VERB = "quick.complete"
MAX_LISTED = 10
"""Lines on a list card (each has its own button; Teams refuses very large cards)."""


def complete_action(reference: str) -> Element:
    """Opens the full report for a quick alert in a dialog."""
    return open_dialog("Complete the record", COMPLETE_VERB, {"reference": reference},
                       style="positive")


def open_question_action(reference: str, number: int) -> Element:
    """Opens the lead's question in a dialog."""
    return open_dialog("Open the question", "followup.open",
                       {"reference": reference, "number": number}, style="positive")


def open_case_action(reference: str) -> Element:
    return execute("Open the case", "case.open", {"reference": reference})


_NOTICE_ACTIONS: dict[str, Callable[[CaseNotice], Element]] = {
    "question": lambda n: open_question_action(n.reference, n.step),
    "completion_reminder": lambda n: complete_action(n.reference),
    "answered": lambda n: open_case_action(n.reference),
    "completed": lambda n: open_case_action(n.reference),
}
"""What a case notice offers, after its own text. Every one of them opens privately."""


def incomplete_panel(text: str | None = None) -> Element:
    """'Record incomplete' on a quick alert's receipt (whose next steps say what to do), or
    on the lead's private views, with a line of our own."""
    items: list[Element] = [heading("Record incomplete", colour="warning")]
    if text:
        items.append(words(text))
    return panel(items, "warning")


def case_notice_card(notice: CaseNotice) -> Element:
    """A case notice as posted: the core's fixed sentence, and a button where one helps."""
    make = _NOTICE_ACTIONS.get(notice.notice)
    body = [plain(notice.text)]  # fixed wording, but it names a reference: never markdown
    if make is None or (notice.notice == "question" and notice.step <= 0):
        return card(body)
    return card(body, [make(notice)])


def question_notice_card(reference: str, number: int) -> Element:
    """The reporter's notice again (for 'Answer later'): no question text."""
    return case_notice_card(CaseNotice(reference, "", "question", question_notice(reference),
                                       step=number, to_reporter=True))


def question_card(question: ReporterQuestion, error: str | None = None,
                  typed: str | None = None, carry: dict[str, Any] | None = None) -> Element:
    """The lead's question and an answer box, in a dialog for the reporter only. `carry`:
    data the buttons send back (the posted notice to replace once answered)."""
    body: list[Element] = [
        heading("Private: only you can see this", colour="attention"),
        words(f"Question #{question.number} from the safeguarding lead about "
              f"{question.reference}, asked {question.asked_at}.", subtle=True),
        panel([plain(question.text)], "info"),
    ]
    if question.answered:
        body.append(words("You have answered this question already; an answer cannot be "
                          "changed. If there is more to say, tell the safeguarding lead.",
                          subtle=True))
        return card(body, [_hide(question, carry)])
    if error:
        body.append(panel([plain(error, colour="attention")], "error"))
    answer: Element = {"type": "Input.Text", "id": ANSWER_INPUT, "label": "Your answer",
                       "isMultiline": True, "isRequired": True,
                       "maxLength": question.max_length,
                       "errorMessage": "Please type your answer."}
    if typed:
        answer["value"] = typed[:question.max_length]
    body += [answer, words("Initials only, never full names, and no phone numbers or email "
                           "addresses. When you send it, this card is replaced by a "
                           "confirmation: the question and your answer are kept on the "
                           "record, not in this chat.", subtle=True)]
    send = submit("Send answer", "followup.answer", _target(question, carry), inputs=True,
                  style="positive")
    return card(body, [send, _hide(question, carry)])


def _target(question: ReporterQuestion, carry: dict[str, Any] | None) -> dict[str, Any]:
    return {**(carry or {}), "reference": question.reference, "number": question.number}


def _hide(question: ReporterQuestion, carry: dict[str, Any] | None) -> Element:
    """Closes the dialog; the notice in the chat keeps its button."""
    return submit("Answer later", "followup.hide", _target(question, carry))


def answered_card(said: str) -> Element:
    """Replaces the question notice once answered (the core's words): nothing of the question
    or the answer."""
    return card([panel([heading("Answer sent", colour="good"), words(said)], "success")])


def status_card(text: str, tone: str = "warning") -> Element:
    """A short, content-free status (closed, already answered, nothing to answer)."""
    return card([panel([plain(text)], tone)])


def incomplete_card(lines: list[ReportLine], zone: ZoneInfo) -> Element:
    """The reporter's quick alerts still to complete: reference, kind and time only."""
    if not lines:
        return status_card("You have no quick alerts waiting for their full record.", "info")
    body: list[Element] = [heading("Quick alerts to complete"),
                           words("Write the full record as soon as you can. It is added to "
                                 "the same reference; what you sent first stays as it is.",
                                 subtle=True)]
    for line in lines[:MAX_LISTED]:
        sent = format_local(line.recorded_at, zone)
        body.append({"type": "Container", "separator": True, "items": [
            facts([("Reference", line.reference), ("Kind", line.kind_label),
                   ("Sent", sent), ("State", line.state)]),
            {"type": "ActionSet", "actions": [complete_action(line.reference)]}]})
    return card(body)


def questions_card(pending: list[tuple[str, int]]) -> Element:
    """The reporter's unanswered questions: a button each, never the question itself."""
    if not pending:
        return status_card("You have no questions waiting for an answer.", "info")
    body: list[Element] = [heading("Questions waiting for your answer"),
                           words("Each opens privately, only for you.", subtle=True)]
    for reference, number in pending[:MAX_LISTED]:
        body.append({"type": "Container", "separator": True, "items": [
            words(f"Question #{number} about {reference}"),
            {"type": "ActionSet", "actions": [open_question_action(reference, number)]}]})
    return card(body)
