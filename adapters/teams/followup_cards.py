"""Cards for quick alerts and the case notices of the private follow-up with the reporter.

Case notices (the reporter's question and reminder, the lead's "answered" and "completed")
are posted, so they hold the core's fixed, content-free sentence and a button only. The
reporter's buttons open a dialog (adapters.teams.followup_actions): the question and its
answer input are only ever shown there."""

from collections.abc import Callable
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
    words,
)
from bot.cases.messages import CaseNotice
from bot.details import ReportLine
from bot.flow.answers import format_local
from bot.followup.wording import question_notice

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
