"""Chronologies: every event on one case in order, or on every case that names a person by
their initials (reported, escalated, acknowledged, notes, decisions, referrals, closure)."""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing
from bot.access import Action, may
from bot.actors import Actor
from bot.cases.describe import initials
from bot.cases.record import entry_views, load_case, related_references
from bot.domain import Urgency
from bot.flow.definition import FieldType
from bot.records import open_answers
from bot.reporter import reporter_info
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import Report
from storage.repositories import audit, cases

INITIALS = re.compile(r"^[A-Z][A-Z'\-]{0,3}$")


@dataclass(frozen=True)
class Event:
    at: datetime
    reference: str
    what: str
    by: str
    parts: tuple[tuple[str, str], ...] = ()


async def _escalations(session: AsyncSession, report_id: int) -> list[tuple[datetime, int]]:
    return [(e.at, int(e.detail.get("step", 0))) for e in await audit.for_report(session, report_id)
            if e.action == "escalated"]


def events(runtime: Runtime, report: Report, entries: list[CaseEntry], related: dict[int, str],
           escalations: list[tuple[datetime, int]]) -> list[Event]:
    config = runtime.config
    reporter = (initials(config, report.reporter_person_id) if report.reporter_person_id
                else "a reporter not in the config")
    info = reporter_info(config, report)
    found = [Event(report.recorded_at, report.reference,
                   f"Reported: {runtime.kinds[report.kind].label} "
                   f"(urgency {Urgency(report.urgency).label})", reporter,
                   ((info.label, info.text), (info.contact_label, info.contact)))]
    found += [Event(at, report.reference, f"Escalated: step {step}, still unacknowledged",
                    "the bot") for at, step in escalations]
    if report.acknowledged_at:
        found.append(Event(report.acknowledged_at, report.reference, "Acknowledged",
                           initials(config, report.acknowledged_by)))
    found += [Event(view.at, report.reference, f"#{view.sequence} {view.summary}", view.by,
                    view.parts) for view in entry_views(runtime, report, entries, related)]
    return sorted(found, key=lambda event: event.at)


async def case_chronology(runtime: Runtime, actor: Actor, reference: str) -> list[Event] | None:
    found = await load_case(runtime, actor, reference, Action.VIEW_CASE, "case_viewed",
                            view="chronology")
    if found is None:
        return None
    report, entries, related = found
    async with runtime.database.readers() as session:
        escalations = await _escalations(session, report.id)
    return events(runtime, report, entries, related, escalations)


def _names(runtime: Runtime, report: Report, wanted: str) -> bool:
    """Does the report name someone with these initials (in an initials answer, or as the
    member of staff it is about)?"""
    subject = runtime.config.person(report.subject_person_id or "")
    if subject is not None and subject.initials == wanted:
        return True
    flow = runtime.flows.get(report.flow_id)
    if flow is None:
        return False
    for step_id, value in open_answers(runtime.keys, report).items():
        if (flow.has_step(step_id) and flow.step(step_id).type == FieldType.INITIALS
                and wanted in {part.strip() for part in str(value or "").split(",")}):
            return True
    return False


def normalise_initials(text: str) -> str | None:
    compact = re.sub(r"[\s.]", "", text).upper()
    return compact if INITIALS.match(compact) else None


async def person_chronology(runtime: Runtime, actor: Actor, initials_text: str
                            ) -> list[Event] | None:
    """Every event on every case the actor may read that names these initials; None if the
    initials are not initials. Each matching case counts as a read of its content."""
    wanted = normalise_initials(initials_text)
    if wanted is None:
        return None
    now = runtime.clock.now()
    found: list[Event] = []
    async with runtime.database.transaction() as session:
        readable = [r for r in await cases.readable_reports(session)
                    if not r.is_practice and may(runtime, actor, Action.VIEW_CASE, r)]
        matched = [r for r in readable if _names(runtime, r, wanted)]
        by_report = await cases.entries_for(session, [r.id for r in matched])
        for report in matched:
            entries = by_report.get(report.id, [])
            related = await related_references(session, entries, runtime, actor)
            found += events(runtime, report, entries, related,
                            await _escalations(session, report.id))
            await auditing.record(session, now, "case_viewed", actor, report.id,
                                  view="person_chronology")
        await auditing.record(session, now, "person_chronology_viewed", actor, None,
                              searched=len(readable), matched=len(matched))
    return sorted(found, key=lambda event: event.at)
