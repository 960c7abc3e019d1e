"""Reading a case: its state, holder, clocks and every entry (opened for the private view).
Every read is audited; a refusal is too."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing
from bot.access import Action, may
from bot.actors import Actor
from bot.cases import journal
from bot.cases.describe import author, initials, open_content, summary, typed_parts
from bot.cases.reminders import case_clocks
from bot.cases.vocabulary import ClosureOutcome, EntryKind
from bot.domain import normalise_reference
from bot.quick.account import account_parts
from bot.quick.flows import is_incomplete
from bot.reporter import reporter_info
from bot.runtime import Runtime
from bot.ui import ReporterInfo
from storage.case_models import CaseEntry
from storage.models import Report
from storage.repositories import cases


@dataclass(frozen=True)
class EntryView:
    sequence: int
    kind: str
    at: datetime
    by: str
    """Initials (or 'the bot')."""
    summary: str
    """From plain codes only."""
    parts: tuple[tuple[str, str], ...]
    """(label, text) that a person typed; empty once retention has erased it."""
    erased: bool = False


@dataclass(frozen=True)
class ClockView:
    label: str
    basis: str
    started_at: datetime
    due_at: datetime
    status: str
    met_at: datetime | None
    met_by: int | None


@dataclass(frozen=True)
class CaseView:
    reference: str
    kind: str
    kind_label: str
    urgency: str
    state: str
    practice: bool
    recorded_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    holder: str | None
    closed_at: datetime | None
    outcome: str | None
    clocks: tuple[ClockView, ...]
    entries: tuple[EntryView, ...]
    now: datetime
    incomplete: bool = False
    """A quick alert whose full record the reporter has not added yet: "record incomplete"."""
    unanswered: tuple[int, ...] = ()
    """Numbers of questions to the reporter still waiting for an answer."""
    reporter: ReporterInfo | None = None
    """Who filed it and how to reach them (this private view only)."""


async def related_references(session: AsyncSession, entries: list[CaseEntry],
                             runtime: Runtime | None = None, actor: Actor | None = None
                             ) -> dict[int, str]:
    """The references of linked reports; with a viewer, only those they may see (a link to
    one about them reads "another report")."""
    ids = {e.related_report_id for e in entries if e.related_report_id is not None}
    return {rid: report.reference
            for rid, report in (await cases.reports_by_id(session, ids)).items()
            if runtime is None or actor is None or may(runtime, actor, Action.VIEW_STATE, report)}


def entry_views(runtime: Runtime, report: Report, entries: list[CaseEntry],
                related: dict[int, str]) -> tuple[EntryView, ...]:
    config = runtime.config
    return tuple(
        EntryView(entry.sequence, entry.kind, entry.at, author(entry, config),
                  summary(entry, config, related),
                  () if entry.erased_at else _parts(runtime, report, entry),
                  entry.erased_at is not None)
        for entry in entries)


def _parts(runtime: Runtime, report: Report, entry: CaseEntry) -> tuple[tuple[str, str], ...]:
    content = open_content(runtime.keys, report.reference, entry)
    if entry.kind == EntryKind.COMPLETION.value:
        return tuple(account_parts(runtime, content))
    return tuple(typed_parts(content))


def unanswered(entries: list[CaseEntry]) -> tuple[int, ...]:
    answered = {e.refers_to for e in entries if e.kind == EntryKind.ANSWER.value}
    return tuple(e.sequence for e in entries
                 if e.kind == EntryKind.QUESTION.value and e.sequence not in answered)


def build_view(runtime: Runtime, report: Report, entries: list[CaseEntry],
               related: dict[int, str], now: datetime) -> CaseView:
    closure = journal.last_closure(entries)
    clocks = tuple(
        ClockView(c.label, c.basis, c.started_at, c.due_at, c.status(now), c.met_at, c.met_by)
        for c in case_clocks(runtime, report, entries))
    holder = journal.holder(report, entries)
    return CaseView(
        reference=report.reference, kind=report.kind, kind_label=runtime.kinds[report.kind].label,
        urgency=report.urgency, state=report.state, practice=report.is_practice,
        recorded_at=report.recorded_at, acknowledged_at=report.acknowledged_at,
        acknowledged_by=initials(runtime.config, report.acknowledged_by)
        if report.acknowledged_by else None,
        holder=initials(runtime.config, holder) if holder else None,
        closed_at=report.closed_at,
        outcome=ClosureOutcome(closure.code).label if closure and closure.code else None,
        clocks=clocks, entries=entry_views(runtime, report, entries, related), now=now,
        incomplete=is_incomplete(runtime, report, entries), unanswered=unanswered(entries),
        reporter=reporter_info(runtime.config, report))


async def load_case(runtime: Runtime, actor: Actor, reference_text: str, action: Action,
                    audit_action: str, **detail: object
                    ) -> tuple[Report, list[CaseEntry], dict[int, str]] | None:
    """The report and its entries if the actor may do `action` (audited either way)."""
    reference = normalise_reference(reference_text)
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        report = await cases.report_by_reference(session, reference)
        if report is None or not may(runtime, actor, action, report):
            await auditing.record(session, now, f"{audit_action}_refused", actor,
                                  report.id if report else None, reference=reference[:40])
            return None
        entries = await cases.entries(session, report.id)
        related = await related_references(session, entries, runtime, actor)
        await auditing.record(session, now, audit_action, actor, report.id, **detail)
    return report, entries, related


async def view_case(runtime: Runtime, actor: Actor, reference_text: str) -> CaseView | None:
    """The case record for a private view; None if refused (and recorded)."""
    found = await load_case(runtime, actor, reference_text, Action.VIEW_CASE, "case_viewed")
    if found is None:
        return None
    report, entries, related = found
    return build_view(runtime, report, entries, related, runtime.clock.now())
