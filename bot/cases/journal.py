"""Writing one entry on a case (numbered, sealed, appended: never updated), and what the
entries so far say about who holds the case."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.describe import seal_content
from bot.cases.vocabulary import EntryKind
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import Report
from storage.repositories import cases

MAX_TEXT = 5000


@dataclass(frozen=True)
class Draft:
    """An entry to add: plain codes, and the typed content that will be sealed."""

    kind: EntryKind
    content: dict[str, Any] = field(default_factory=dict)
    code: str | None = None
    agency: str | None = None
    effective_on: date | None = None
    person_id: str | None = None
    related_report_id: int | None = None
    refers_to: int | None = None


async def write(session: AsyncSession, runtime: Runtime, report: Report, draft: Draft,
                by_person_id: str | None, now: datetime) -> CaseEntry:
    """Append the entry (the caller holds the report locked, in its transaction)."""
    sequence = await cases.next_sequence(session, report.id)
    entry = CaseEntry(
        report_id=report.id, sequence=sequence, kind=draft.kind.value, at=now,
        by_person_id=by_person_id, code=draft.code, agency=draft.agency,
        effective_on=draft.effective_on, person_id=draft.person_id,
        related_report_id=draft.related_report_id, refers_to=draft.refers_to,
        content_sealed=seal_content(runtime.keys, report.reference, sequence, draft.content),
    )
    return await cases.add(session, entry)


def holder(report: Report, entries: list[CaseEntry]) -> str | None:
    """Whose case it is: the last assignment, else whoever acknowledged the report."""
    assigned = [e.person_id for e in entries if e.kind == EntryKind.ASSIGNMENT.value]
    return assigned[-1] if assigned else report.acknowledged_by


def last_closure(entries: list[CaseEntry]) -> CaseEntry | None:
    """The closure in force: the last one, unless a reopening came after it."""
    for entry in reversed(entries):
        if entry.kind == EntryKind.REOPENING.value:
            return None
        if entry.kind == EntryKind.CLOSURE.value:
            return entry
    return None


def clean_text(text: str | None, limit: int = MAX_TEXT) -> str:
    """Typed text without control characters (new lines kept), trimmed, within the limit."""
    kept = "".join(ch for ch in (text or "") if ch in "\n\t" or ch.isprintable())
    return kept.strip()[:limit]
