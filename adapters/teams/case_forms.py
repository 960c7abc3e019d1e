"""The forms on the private case card: one Action.ShowCard per case action, with its inputs
and an Action.Execute that sends them. Input ids are unique across the whole card."""

from datetime import date
from typing import Any

from adapters.teams.card_kit import Element, execute, words
from bot.cases.vocabulary import Agency, ClosureOutcome, Decision, ReferralOutcome
from bot.followup.wording import MAX_QUESTION

NOTE = "case_note"
DECISION = "case_decision"
DECISION_AGENCY = "case_decision_agency"
DECISION_REASONS = "case_decision_reasons"
REFERRAL_AGENCY = "case_referral_agency"
REFERRAL_DATE = "case_referral_date"
REFERRAL_THEIRS = "case_referral_theirs"
REFERRAL_NOTE = "case_referral_note"
OUTCOME_REFERRAL = "case_outcome_referral"
OUTCOME = "case_outcome"
OUTCOME_NOTE = "case_outcome_note"
ASSIGN_PERSON = "case_assign_person"
ASSIGN_REASON = "case_assign_reason"
LINK_OTHER = "case_link_other"
LINK_WHY = "case_link_why"
CLOSE_OUTCOME = "case_close_outcome"
CLOSE_REASON = "case_close_reason"
REOPEN_REASON = "case_reopen_reason"
QUESTION = "case_question"
MAX_TEXT = 5000
Choices = list[tuple[str, str]]
"""(value, title) pairs for an Input.ChoiceSet."""


def text_input(input_id: str, label: str, *, required: bool = False, multiline: bool = True,
               max_length: int = MAX_TEXT, placeholder: str | None = None) -> Element:
    element: Element = {"type": "Input.Text", "id": input_id, "label": label,
                        "isMultiline": multiline, "maxLength": max_length,
                        "isRequired": required}
    if required:
        element["errorMessage"] = f"{label} is needed."
    if placeholder:
        element["placeholder"] = placeholder
    return element


def choice_input(input_id: str, label: str, choices: Choices, *, required: bool = True,
                 placeholder: str | None = None) -> Element:
    element: Element = {"type": "Input.ChoiceSet", "id": input_id, "label": label,
                        "style": "compact", "isRequired": required, "wrap": True,
                        "choices": [{"title": title, "value": value} for value, title in choices]}
    if required:
        element["errorMessage"] = f"Choose {label.lower()}."
    if placeholder:
        element["placeholder"] = placeholder
    return element


def date_input(input_id: str, label: str, today: date) -> Element:
    return {"type": "Input.Date", "id": input_id, "label": label, "isRequired": True,
            "errorMessage": "Give the date it was made.", "value": today.isoformat(),
            "max": today.isoformat()}


def labels(enum: Any) -> Choices:
    return [(member.value, member.label) for member in enum]


def form(title: str, verb: str, reference: str, body: list[Element], button: str,
         style: str | None = None) -> Element:
    """An Action.ShowCard whose Execute sends this form's inputs (and the reference)."""
    send = execute(button, verb, {"reference": reference}, inputs=True, style=style)
    return {"type": "Action.ShowCard", "title": title,
            "card": {"type": "AdaptiveCard", "body": body, "actions": [send]}}


def note_form(reference: str) -> Element:
    return form("Add a note", "case.note", reference,
                [text_input(NOTE, "Note", required=True)], "Add note", "positive")


def decision_form(reference: str) -> Element:
    return form("Record a decision", "case.decide", reference, [
        choice_input(DECISION, "Decision", labels(Decision)),
        choice_input(DECISION_AGENCY, "Agency (if the decision is about one)", labels(Agency),
                     required=False, placeholder="No agency"),
        text_input(DECISION_REASONS, "Reasons", required=True),
    ], "Record decision", "positive")


def referral_form(reference: str, today: date) -> Element:
    return form("Record a referral", "case.refer", reference, [
        choice_input(REFERRAL_AGENCY, "Agency", labels(Agency)),
        date_input(REFERRAL_DATE, "Date of the referral", today),
        text_input(REFERRAL_THEIRS, "Their reference", multiline=False, max_length=200),
        text_input(REFERRAL_NOTE, "What was passed on"),
    ], "Record referral", "positive")


def outcome_form(reference: str, referrals: Choices) -> Element:
    return form("Record a referral's outcome", "case.outcome", reference, [
        choice_input(OUTCOME_REFERRAL, "Referral", referrals),
        choice_input(OUTCOME, "Outcome", labels(ReferralOutcome)),
        text_input(OUTCOME_NOTE, "Note"),
    ], "Record outcome", "positive")


def assign_form(reference: str, people: Choices) -> Element:
    return form("Assign", "case.assign", reference, [
        choice_input(ASSIGN_PERSON, "Person", people),
        text_input(ASSIGN_REASON, "Reason"),
    ], "Assign")


def link_form(reference: str) -> Element:
    return form("Link a report", "case.link", reference, [
        text_input(LINK_OTHER, "Other report's reference", required=True, multiline=False,
                   max_length=40, placeholder="SG-2026-0002"),
        text_input(LINK_WHY, "Why"),
    ], "Link")


def close_form(reference: str) -> Element:
    return form("Close the case", "case.close", reference, [
        words("Closing makes the record read-only. Every running clock must be met first.",
              subtle=True),
        choice_input(CLOSE_OUTCOME, "Outcome", labels(ClosureOutcome)),
        text_input(CLOSE_REASON, "Reason", required=True),
    ], "Close case", "destructive")


def reopen_form(reference: str) -> Element:
    return form("Reopen", "case.reopen", reference, [
        words("Reopening adds an entry; the closure stays in the record as it was.",
              subtle=True),
        text_input(REOPEN_REASON, "Reason", required=True),
    ], "Reopen case")


def ask_form(reference: str) -> Element:
    return form("Ask the reporter", "case.ask", reference, [
        words("The reporter is told only that you have a question about this report; they "
              "read and answer it privately. Both stay on the record.", subtle=True),
        text_input(QUESTION, "Your question", required=True, max_length=MAX_QUESTION),
    ], "Send question", "positive")


def action_set(actions: list[Element]) -> Element:
    return {"type": "ActionSet", "actions": actions}
