"""Cards for quick alerts and the case notices of the private follow-up with the reporter.

Case notices (the reporter's question and reminder, the lead's "answered" and "completed")
are posted, so they hold the core's fixed, content-free sentence and a button only. The
reporter's buttons open a dialog (adapters.teams.followup_actions): the question and its
answer input are only ever shown there."""

from collections.abc import Callable
from typing import Any

from adapters.teams.card_kit import (
    Element,
    card,
    execute,
    heading,
    open_dialog,
    panel,
    plain,
    words,
)
from adapters.teams.cards import action
from bot.cases.messages import CaseNotice
from bot.followup.cards import OPEN, open_button
from bot.followup.wording import question_notice
from bot.quick.cards import COMPLETE, complete_button
from bot.quick.wording import RECORD_INCOMPLETE


def complete_action(reference: str) -> Element:
    """The core's Complete the record button, opening the full report in a dialog."""
    return dialog_openers(action(complete_button(reference)))


def open_question_action(reference: str, number: int) -> Element:
    """The core's Open the question button, opening the question in a dialog."""
    return dialog_openers(action(open_button(reference, number)))


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
    items: list[Element] = [heading(RECORD_INCOMPLETE, colour="warning")]
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


def status_card(text: str, tone: str = "warning") -> Element:
    """A short, content-free status (closed, already answered, nothing to answer)."""
    return card([panel([plain(text)], tone)])


DIALOG_VERBS = frozenset({OPEN, COMPLETE})
"""Buttons that open a dialog (the question, the report flow), never a card in the chat."""


def dialog_openers(element: Any) -> Any:
    """The core's card with each of its DIALOG_VERBS buttons opening the dialog instead."""
    if isinstance(element, list):
        return [dialog_openers(item) for item in element]
    if not isinstance(element, dict):
        return element
    if element.get("type") == "Action.Execute" and element.get("verb") in DIALOG_VERBS:
        data: dict[str, Any] = {k: v for k, v in element["data"].items() if k != "verb"}
        if isinstance(data.get("number"), str) and data["number"].isdigit():
            data["number"] = int(data["number"])  # as the notice's own button carries it
        return open_dialog(element["title"], element["verb"], data, style=element.get("style"))
    return {key: dialog_openers(value) for key, value in element.items()}
