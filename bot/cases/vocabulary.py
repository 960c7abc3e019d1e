"""The case record's fixed vocabulary: entry kinds, decisions, agencies and outcomes.

Codes are stored plain (the register and the annual picture count them); anything a person
types goes into the entry's sealed content instead.
"""

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class EntryKind(StrEnum):
    NOTE = "note"
    DECISION = "decision"
    REFERRAL = "referral"
    REFERRAL_OUTCOME = "referral_outcome"
    ASSIGNMENT = "assignment"
    LINK = "link"
    CLOSURE = "closure"
    REOPENING = "reopening"
    FEEDBACK = "feedback"
    CLOCK_REMINDER = "clock_reminder"
    COMPLETION = "completion"
    """The reporter's full record, added to a quick alert (bot/quick)."""
    QUESTION = "question"
    """A lead's question to the reporter (bot/followup)."""
    ANSWER = "answer"
    """The reporter's answer; `refers_to` is the question's sequence."""

    @property
    def label(self) -> str:
        return _ENTRY_LABELS[self]


_ENTRY_LABELS = {
    EntryKind.NOTE: "Note",
    EntryKind.DECISION: "Decision",
    EntryKind.REFERRAL: "Referral",
    EntryKind.REFERRAL_OUTCOME: "Referral outcome",
    EntryKind.ASSIGNMENT: "Assigned",
    EntryKind.LINK: "Linked report",
    EntryKind.CLOSURE: "Closed",
    EntryKind.REOPENING: "Reopened",
    EntryKind.FEEDBACK: "Feedback sent to the reporter",
    EntryKind.CLOCK_REMINDER: "Clock reminder",
    EntryKind.COMPLETION: "Full record added by the reporter",
    EntryKind.QUESTION: "Question to the reporter",
    EntryKind.ANSWER: "Answer from the reporter",
}


class Decision(StrEnum):
    REFER = "refer"
    NO_REFERRAL = "no_referral"
    SERIOUS_INCIDENT = "serious_incident"
    MONITOR = "monitor"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]


_DECISION_LABELS = {
    Decision.REFER: "Refer to an agency",
    Decision.NO_REFERRAL: "Decided not to refer",
    Decision.SERIOUS_INCIDENT: "Serious incident: report to the Charity Commission",
    Decision.MONITOR: "Keep under review",
    Decision.OTHER: "Other decision",
}


class Agency(StrEnum):
    CHILDRENS_SOCIAL_CARE = "childrens_social_care"
    ADULT_SOCIAL_CARE = "adult_social_care"
    POLICE = "police"
    LADO = "lado"
    ICO = "ico"
    CHARITY_COMMISSION = "charity_commission"
    HOST_ORGANISATION = "host_organisation"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _AGENCY_LABELS[self]


_AGENCY_LABELS = {
    Agency.CHILDRENS_SOCIAL_CARE: "Children's social care / MASH",
    Agency.ADULT_SOCIAL_CARE: "Adult social care",
    Agency.POLICE: "Police",
    Agency.LADO: "LADO (allegation about staff or a volunteer)",
    Agency.ICO: "Information Commissioner's Office (ICO)",
    Agency.CHARITY_COMMISSION: "Charity Commission (serious incident report)",
    Agency.HOST_ORGANISATION: "Host organisation",
    Agency.OTHER: "Other agency",
}

AGENCY_WORDS: dict[str, Agency] = {
    **{agency.value: agency for agency in Agency},
    "mash": Agency.CHILDRENS_SOCIAL_CARE, "csc": Agency.CHILDRENS_SOCIAL_CARE,
    "children": Agency.CHILDRENS_SOCIAL_CARE, "asc": Agency.ADULT_SOCIAL_CARE,
    "adults": Agency.ADULT_SOCIAL_CARE, "cc": Agency.CHARITY_COMMISSION,
    "host": Agency.HOST_ORGANISATION,
}


class ReferralOutcome(StrEnum):
    ACCEPTED = "accepted"
    ADVICE_ONLY = "advice_only"
    NO_FURTHER_ACTION = "no_further_action"
    STILL_WAITING = "still_waiting"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _REFERRAL_OUTCOME_LABELS[self]


_REFERRAL_OUTCOME_LABELS = {
    ReferralOutcome.ACCEPTED: "Accepted: they are taking action",
    ReferralOutcome.ADVICE_ONLY: "Advice given, no action by them",
    ReferralOutcome.NO_FURTHER_ACTION: "No further action by them",
    ReferralOutcome.STILL_WAITING: "Still waiting to hear",
    ReferralOutcome.OTHER: "Other outcome",
}


class ClosureOutcome(StrEnum):
    REFERRED = "referred"
    ACTION_TAKEN = "action_taken"
    ADVICE_GIVEN = "advice_given"
    NO_FURTHER_ACTION = "no_further_action"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> str:
        return _CLOSURE_LABELS[self]


_CLOSURE_LABELS = {
    ClosureOutcome.REFERRED: "Referred to an agency",
    ClosureOutcome.ACTION_TAKEN: "Action taken within the organisation",
    ClosureOutcome.ADVICE_GIVEN: "Advice or support given",
    ClosureOutcome.NO_FURTHER_ACTION: "No further action needed",
    ClosureOutcome.DUPLICATE: "Duplicate of a linked report",
}


def word(text: str) -> str:
    """How a typed code is compared: lower case, hyphens and underscores alike."""
    return text.strip().lower().replace("-", "_")


def parse_agency(text: str) -> Agency | None:
    """An agency from its code or a short word (mash, asc, cc, host, ...)."""
    return AGENCY_WORDS.get(word(text))


def parse_choice(enum: type[E], text: str) -> E | None:
    return next((member for member in enum if member.value == word(text)), None)
