"""Saying what a case entry is, in words: a content-free summary from its plain codes, and
the labelled text a person typed (opened from its seal, for private views only)."""

from typing import Any

from bot.cases.clocks import CLOCK_LABELS, OVERDUE, ClockKey
from bot.cases.vocabulary import Agency, ClosureOutcome, Decision, EntryKind, ReferralOutcome
from bot.config import OrgConfig
from bot.crypto import KeyRing
from bot.ui.wording import local_date
from storage.case_models import CaseEntry

TEXT_LABELS = {
    "note": "Note",
    "reasons": "Reasons",
    "their_reference": "Their reference",
    "reason": "Reason",
    "why": "Why",
    "question": "Question",
    "answer": "Answer",
}
"""The typed parts of an entry, in the order they are shown."""


def entry_label(reference: str, sequence: int) -> str:
    """Sealed content is bound to its report and entry: copied elsewhere, it does not open."""
    return f"case:{reference}:entry:{sequence}"


def seal_content(keys: KeyRing, reference: str, sequence: int, content: dict[str, Any]) -> str:
    return keys.seal_json(content, entry_label(reference, sequence))


def open_content(keys: KeyRing, reference: str, entry: CaseEntry) -> dict[str, Any]:
    return dict(keys.open_json(entry.content_sealed, entry_label(reference, entry.sequence)))


def initials(config: OrgConfig, person_id: str | None) -> str:
    if person_id is None:
        return "the bot"
    person = config.person(person_id)
    return person.initials if person else "someone no longer listed"


BY_REPORTER = frozenset({EntryKind.COMPLETION.value, EntryKind.ANSWER.value})
"""Entries the reporter adds (who may be a guest, not in the config)."""


def author(entry: CaseEntry, config: OrgConfig) -> str:
    """Who added the entry, by initials; the reporter's own entries say so."""
    if entry.kind not in BY_REPORTER:
        return initials(config, entry.by_person_id)
    if entry.by_person_id is None:
        return "the reporter (a guest, not in the config)"
    return f"the reporter ({initials(config, entry.by_person_id)})"


def _label(enum: Any, code: str | None) -> str:
    try:
        return str(enum(code).label)
    except ValueError:
        return code or "unknown"


def summary(entry: CaseEntry, config: OrgConfig, related: dict[int, str]) -> str:
    """One line from the entry's codes: never anything a person typed."""
    kind = EntryKind(entry.kind)
    if kind == EntryKind.DECISION:
        text = f"Decision: {_label(Decision, entry.code)}"
        return text + (f" · {_label(Agency, entry.agency)}" if entry.agency else "")
    if kind == EntryKind.REFERRAL:
        when = f" on {local_date(entry.effective_on)}" if entry.effective_on else ""
        return f"Referral to {_label(Agency, entry.agency)}{when}"
    if kind == EntryKind.REFERRAL_OUTCOME:
        return f"Outcome of referral #{entry.refers_to}: {_label(ReferralOutcome, entry.code)}"
    if kind == EntryKind.ASSIGNMENT:
        return f"Assigned to {initials(config, entry.person_id)}"
    if kind == EntryKind.LINK:
        other = related.get(entry.related_report_id or 0, "another report")
        return f"Linked to {other}"
    if kind == EntryKind.CLOSURE:
        return f"Closed: {_label(ClosureOutcome, entry.code)}"
    if kind == EntryKind.REOPENING:
        return f"Reopened (closure #{entry.refers_to} stands as it was recorded)"
    if kind == EntryKind.FEEDBACK:
        sent = entry.code != "not_sent"
        return "Feedback sent to the reporter" if sent else (
            "Feedback recorded, but it could not be sent to the reporter")
    if kind == EntryKind.CLOCK_REMINDER:
        code = entry.code or ""
        key = code.removesuffix(OVERDUE)
        name = CLOCK_LABELS[ClockKey(key)] if key in {k.value for k in ClockKey} else key
        return f"{'Overdue' if code.endswith(OVERDUE) else 'Reminder'}: {name}"
    if kind == EntryKind.ANSWER:
        return f"Answer from the reporter to question #{entry.refers_to}"
    return kind.label


def typed_parts(content: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, text) for each typed part, in a fixed order."""
    return [(label, str(content[key])) for key, label in TEXT_LABELS.items()
            if content.get(key)]
