"""The form of each case action, written once for every surface (a Slack modal, a form on the
Teams case card, the console's typed command), and what was filled in read back out of it.

Input ids are unique across all the forms: Teams shows every form on the one case card."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.cases.entries import CaseProblem
from bot.cases.vocabulary import Agency, ClosureOutcome, Decision, ReferralOutcome
from bot.flow.answers import AnswerError, parse_date_text
from bot.followup.wording import MAX_QUESTION
from bot.ui.cards import Block, Text
from bot.ui.forms import Choice, Form, Input

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
MAX_TEXT = 3000
MAX_REFERENCE = 40
MAX_REFERRAL_NUMBER = 9
APPEND_ONLY = "Added to the record as a new entry; entries are never edited afterwards."
ASK_HINT = ("The reporter gets a direct message saying only that you have a question about "
            "this report; they read it and answer it privately. Both are added to the case, "
            "and you are told when the answer arrives.")
CHOOSE_REFERRAL = "Choose which referral this outcome is for."
CHOOSE_HOLDER = "Choose who should hold the case."
GIVE_OTHER = "Give the other report's reference, e.g. SG-2026-0002."


@dataclass(frozen=True)
class FormContext:
    """What a form offers: today's date, the case's referrals, who could hold the case."""

    reference: str
    today: date
    referrals: tuple[tuple[int, str], ...] = ()
    people: tuple[tuple[str, str], ...] = ()
    """(person id, label) of those the case could be assigned to (the core decides)."""


class Labelled(Protocol):
    @property
    def value(self) -> str: ...

    @property
    def label(self) -> str: ...


def _choices(members: Iterable[Labelled]) -> tuple[Choice, ...]:
    return tuple(Choice(member.value, member.label) for member in members)


def _form(action: str, title: str, submit: str, context: FormContext, inputs: list[Input],
          guidance: str | None = None) -> Form:
    intro: list[Block] = [Text(f"{context.reference} · private: only people handling this "
                               "case see it", subtle=True)]
    if guidance:
        intro.append(Text(guidance, subtle=True))
    return Form(action, title, submit, tuple(inputs), (("reference", context.reference),),
                tuple(intro))


def _text(input_id: str, label: str, required: bool = True, hint: str | None = None,
          max_length: int = MAX_TEXT, short: bool = False) -> Input:
    return Input(input_id, label, "text" if short else "long_text", required, hint=hint,
                 max_length=max_length)


def note_form(c: FormContext) -> Form:
    return _form("case.note", "Add a note", "Add note", c,
                 [_text(NOTE, "Note", hint=APPEND_ONLY)])


def decision_form(c: FormContext) -> Form:
    return _form("case.decide", "Record a decision", "Record", c, [
        Input(DECISION, "Decision", "choice", options=_choices(Decision)),
        Input(DECISION_AGENCY, "Agency (if the decision is about one)", "choice",
              required=False, options=_choices(Agency),
              hint="E.g. 'Decided not to refer' with the ICO."),
        _text(DECISION_REASONS, "Reasons", hint=APPEND_ONLY)])


def referral_form(c: FormContext) -> Form:
    return _form("case.refer", "Record a referral", "Record", c, [
        Input(REFERRAL_AGENCY, "Referred to", "choice", options=_choices(Agency)),
        Input(REFERRAL_DATE, "Date of the referral", "date", initial=c.today.isoformat()),
        _text(REFERRAL_THEIRS, "Their reference", required=False, max_length=200, short=True),
        _text(REFERRAL_NOTE, "What was passed on", required=False)])


def outcome_form(c: FormContext) -> Form:
    return _form("case.outcome", "Referral outcome", "Record", c, [
        Input(OUTCOME_REFERRAL, "Which referral", "choice",
              options=tuple(Choice(str(n), f"#{n} {text}") for n, text in c.referrals)),
        Input(OUTCOME, "What they decided", "choice", options=_choices(ReferralOutcome)),
        _text(OUTCOME_NOTE, "Note", required=False)])


def assign_form(c: FormContext) -> Form:
    return _form("case.assign", "Assign the case", "Assign", c, [
        Input(ASSIGN_PERSON, "Assign to", "choice",
              options=tuple(Choice(pid, label) for pid, label in c.people),
              hint="They are told in a direct message (no details)."),
        _text(ASSIGN_REASON, "Reason", required=False)])


def link_form(c: FormContext) -> Form:
    return _form("case.link", "Link a report", "Link", c, [
        _text(LINK_OTHER, "The other report's reference", max_length=MAX_REFERENCE,
              short=True),
        _text(LINK_WHY, "Why they are related", required=False)])


def ask_form(c: FormContext) -> Form:
    return _form("case.ask", "Ask the reporter", "Send question", c, [
        _text(QUESTION, "Your question to the reporter", hint=ASK_HINT,
              max_length=MAX_QUESTION)])


def close_form(c: FormContext) -> Form:
    return _form("case.close", "Close the case", "Close case", c, [
        Input(CLOSE_OUTCOME, "Outcome", "choice", options=_choices(ClosureOutcome),
              hint="Refused while a statutory clock is still running."),
        _text(CLOSE_REASON, "Reason for closing")],
        "Closing makes the record read-only. Every running clock must be met first.")


def reopen_form(c: FormContext) -> Form:
    return _form("case.reopen", "Reopen the case", "Reopen", c, [
        _text(REOPEN_REASON, "Reason for reopening",
              hint="The closure stays in the record as it was; this adds a new entry.")])


# -- reading what was filled in ------------------------------------------------------------


class FormProblem(CaseProblem):
    """What was filled in cannot be used; shown under the input it concerns."""

    def __init__(self, message: str, input_id: str) -> None:
        super().__init__(message)
        self.input_id = input_id


def value(values: Mapping[str, object], input_id: str) -> str:
    found = values.get(input_id)
    return found.strip() if isinstance(found, str) else ""


def optional(values: Mapping[str, object], input_id: str) -> str | None:
    return value(values, input_id) or None


def referral_date(values: Mapping[str, object], today: date) -> date | None:
    """The referral's date, if one was given (any of the ways people write dates)."""
    given = value(values, REFERRAL_DATE)
    if not given:
        return None
    try:
        return parse_date_text(given, today)
    except AnswerError as error:
        raise FormProblem(f"The referral's date: {error}", REFERRAL_DATE) from None


def referral_number(values: Mapping[str, object]) -> int:
    """Which referral an outcome is for: '#3' or '3'."""
    number = value(values, OUTCOME_REFERRAL).lstrip("#")
    if not number.isdigit() or len(number) > MAX_REFERRAL_NUMBER:
        raise FormProblem(CHOOSE_REFERRAL, OUTCOME_REFERRAL)
    return int(number)


def required(values: Mapping[str, object], input_id: str, problem: str) -> str:
    found = value(values, input_id)
    if not found:
        raise FormProblem(problem, input_id)
    return found
