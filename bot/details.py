"""Private views: a report's full details for authorised people, and lists by role."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import auditing
from bot.access import Action, may
from bot.actors import Actor
from bot.authorised import authorised_report
from bot.cases.describe import open_content
from bot.flow.answers import display_answer, format_local
from bot.flow.definition import FieldType, Step
from bot.quick.account import account_parts
from bot.quick.flows import completion, is_incomplete, is_quick_flow
from bot.records import open_answers, open_context
from bot.reporter import reporter_info
from bot.runtime import Runtime
from bot.ui import ReportDetails, SummaryItem
from storage.case_models import CaseEntry
from storage.models import Report
from storage.repositories import cases, reports


@dataclass(frozen=True)
class ReportLine:
    """One line of a list: reference, kind, state and age. Never content."""

    reference: str
    kind_label: str
    state: str
    urgency: str
    recorded_at: datetime


async def view_details(runtime: Runtime, actor: Actor, reference_text: str
                       ) -> ReportDetails | None:
    """The full report if the actor may read it (audited either way); None if refused."""
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        report = await authorised_report(session, runtime, actor, Action.VIEW_DETAILS,
                                         reference_text, now, "view_refused")
        if report is None:
            return None
        await auditing.record(session, now, "report_viewed", actor, report.id)
        entries = (await cases.entries(session, report.id)
                   if is_quick_flow(runtime, report.flow_id) else [])
    return _details(runtime, report, entries)


def _completed_items(runtime: Runtime, report: Report, entries: list[CaseEntry]
                     ) -> list[SummaryItem]:
    """A quick alert's full record, after the quick account and marked with when it came."""
    found = completion(entries)
    if found is None:
        return []
    added = format_local(found.at, runtime.config.organisation.zone)
    heading = SummaryItem("completed", "Full record added", added)
    parts = account_parts(runtime, open_content(runtime.keys, report.reference, found))
    return [heading, *(SummaryItem(f"completed.{index}", label, value)
                       for index, (label, value) in enumerate(parts))]


def _details(runtime: Runtime, report: Report, entries: list[CaseEntry] | None = None
             ) -> ReportDetails:
    zone = runtime.config.organisation.zone
    entries = entries or []
    flow = runtime.flows.get(report.flow_id)
    items = []
    for step_id, value in open_answers(runtime.keys, report).items():
        step = flow.step(step_id) if flow and flow.has_step(step_id) else None
        if step is None:
            items.append(SummaryItem(step_id, step_id, str(value)))
            continue
        items.append(SummaryItem(step_id, step.summary_label, _display(runtime, step, value)))
    acknowledged = None
    if report.acknowledged_at:
        holder = runtime.config.person(report.acknowledged_by or "")
        who = holder.initials if holder else "unknown"
        acknowledged = f"{who}, {format_local(report.acknowledged_at, zone)}"
    return ReportDetails(
        reference=report.reference,
        kind_label=runtime.kinds[report.kind].label,
        state=report.state,
        urgency=report.urgency,
        practice=report.is_practice,
        recorded_at=format_local(report.recorded_at, zone),
        occurred_at=format_local(report.occurred_at, zone) if report.occurred_at else None,
        acknowledged=acknowledged,
        items=(*items, *_completed_items(runtime, report, entries)),
        message_link=open_context(runtime.keys, report).get("message_link"),
        incomplete=is_incomplete(runtime, report, entries),
        reporter=reporter_info(runtime.config, report),
    )


def _display(runtime: Runtime, step: Step, value: Any) -> str:
    if step.type == FieldType.STAFF_MEMBER:
        person = runtime.config.person(str(value))
        return f"{person.initials} ({person.id})" if person else "someone not listed"
    return display_answer(step, value, runtime.config.organisation.zone)


async def open_reports(runtime: Runtime, actor: Actor) -> list[ReportLine] | None:
    """Open reports for leads (not ones about themselves); None if the actor is not a lead."""
    if not may(runtime, actor, Action.LIST_OPEN):
        return None
    async with runtime.database.sessions() as session:
        rows = await reports.open_reports(session, hidden_from=actor.person_id)
    return [_line(runtime, r) for r in rows if may(runtime, actor, Action.VIEW_STATE, r)]


async def my_reports(runtime: Runtime, actor: Actor) -> list[ReportLine]:
    """The actor's own reports: reference, kind and state only."""
    async with runtime.database.sessions() as session:
        rows = await reports.for_reporter(session, actor.platform, actor.user_id)
    return [_line(runtime, r) for r in rows if may(runtime, actor, Action.VIEW_STATE, r)]


def _line(runtime: Runtime, report: Report) -> ReportLine:
    return ReportLine(report.reference, runtime.kinds[report.kind].label, report.state,
                      report.urgency, report.recorded_at)
