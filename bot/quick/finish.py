"""Completing a quick alert: the full flow's answers are appended to the same record as one
case entry (the quick account is never changed), the reminders stop, and the people the
report went to are told, without content. Called by bot.reporting when such a flow is
submitted; one transaction does it all, after checking the reporter again."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing
from bot.access import Action, is_reporter, may
from bot.actors import Actor
from bot.availability import away_people
from bot.cases import journal, notices
from bot.cases.messages import CaseNotice
from bot.cases.reminders import schedule_timers
from bot.cases.vocabulary import EntryKind
from bot.domain import ReportState, Urgency
from bot.escalation import report_snapshot, widen
from bot.escalation_policy import ESCALATION_TIMER
from bot.escalation_snapshot import snapshot_for
from bot.flow.progress import FlowProgress
from bot.flow.runner import FlowRunner
from bot.quick import reminders, wording
from bot.quick.flows import completion, is_quick_flow
from bot.refusals import no_such_report
from bot.routing import Recipients, Stage, may_handle, recipients
from bot.runtime import Runtime
from bot.stored_flow import StoredFlow
from bot.ui import Notice, Reply
from storage.case_models import CaseEntry
from storage.models import Report
from storage.repositories import cases, flow_sessions, timers
from storage.repositories import outbox as outbox_rows

COMPLETES = "completes"
"""Flow context key: the reference of the quick alert this flow completes."""


class _Refused(Exception):
    def __init__(self, reply: Notice) -> None:
        super().__init__(reply.text)
        self.reply = reply


def completes(progress: FlowProgress) -> bool:
    return COMPLETES in progress.context


async def complete(runtime: Runtime, actor: Actor, row: StoredFlow, runner: FlowRunner,
                   progress: FlowProgress) -> list[Reply]:
    reference = progress.context[COMPLETES]
    now = runtime.clock.now()
    try:
        async with runtime.database.transaction() as session:
            report = await cases.lock_report(session, reference)
            entries = await cases.entries(session, report.id) if report else []
            refusal = _refusal(runtime, actor, report, entries, reference)
            if refusal is not None or report is None:
                await auditing.record(session, now, "completion_refused", actor,
                                      report.id if report else None, reference=reference)
                return [refusal or _gone(reference)]
            if not await flow_sessions.remove(session, row.id, row.version):
                raise _Refused(Notice("This record was already sent.", tone="warning"))
            await _append(session, runtime, actor, report, entries, runner, progress, now)
    except _Refused as refused:
        return [refused.reply]
    return [Notice(wording.completed_notice(reference), title="Record complete",
                   tone="success")]


async def _append(session: AsyncSession, runtime: Runtime, actor: Actor, report: Report,
                  entries: list[CaseEntry], runner: FlowRunner, progress: FlowProgress,
                  now: datetime) -> None:
    content = {"flow_id": runner.flow.id, "flow_version": runner.flow.version,
               "started_at": progress.started_at, "answers": runner.visible_answers(progress)}
    entry = await journal.write(session, runtime, report,
                                journal.Draft(EntryKind.COMPLETION, content), actor.person_id,
                                now)
    changed = _tighten(runtime, report, runner, progress)
    routed = await _routed_people(session, runtime, report, entries, now)
    replan = "urgency" in changed
    if replan or ("subject_person" in changed and (routed.via or not routed.reached)):
        changed += await _hurry(session, runtime, report, now, replan)
    await reminders.cancel(session, report)
    widen(report, routed.widened)
    people = list(routed.people)
    notice = CaseNotice(report.reference, runtime.kinds[report.kind].label, "completed",
                        wording.completed_text(report.reference), step=entry.sequence)
    await notices.enqueue(session, report, notice, notices.people_addresses(runtime, people),
                          now)
    if report.state == ReportState.ACKNOWLEDGED.value:
        await schedule_timers(session, runtime, report, [*entries, entry], now)
    await auditing.record(session, now, "report_completed", actor, report.id,
                          sequence=entry.sequence, notified=people, changed=changed)


def _refusal(runtime: Runtime, actor: Actor, report: Report | None, entries: list[CaseEntry],
             reference: str) -> Notice | None:
    if report is None or not is_reporter(actor, report):
        return _gone(reference)
    if report.state == ReportState.CLOSED.value:
        return Notice(f"{reference} has been closed, so it can no longer be completed here. "
                      "Please speak to the safeguarding lead; type cancel to discard this "
                      "draft.", tone="warning")
    if not is_quick_flow(runtime, report.flow_id) or completion(entries) is not None:
        return Notice(f"The full record for {reference} was already added. Type cancel to "
                      "discard this draft.", tone="warning")
    if not may(runtime, actor, Action.COMPLETE_REPORT, report):
        return _gone(reference)
    return None


def _gone(reference: str) -> Notice:
    return Notice(no_such_report(reference, Action.COMPLETE_REPORT), tone="error")


def _tighten(runtime: Runtime, report: Report, runner: FlowRunner, progress: FlowProgress
             ) -> list[str]:
    """What the full record adds to how the report is handled: the member of staff it is
    about (they lose access), when it happened and when the breach was found (the ICO
    clock), if the alert did not know, a higher urgency.
    It never loosens anything; the quick account itself is untouched."""
    changed: list[str] = []
    subject = runner.filled_value(progress, "subject_person")
    if report.subject_person_id is None and runtime.config.person(str(subject)):
        report.subject_person_id = str(subject)
        changed.append("subject_person")
    if runner.about_staff(progress) and not report.about_staff:
        report.about_staff = True
        changed.append("about_staff")
    for field in ("occurred_at", "discovered_at"):  # unknown to an immediate alert
        moment = runner.filled_value(progress, field)
        if getattr(report, field) is None and isinstance(moment, str) and moment:
            setattr(report, field, datetime.fromisoformat(moment))
            changed.append(field)
    urgency = runner.urgency(progress)
    if urgency.rank > Urgency(report.urgency).rank:
        report.urgency = urgency.value
        changed.append("urgency")
    if changed:
        report.version += 1
    return changed


async def _hurry(session: AsyncSession, runtime: Runtime, report: Report, now: datetime,
                 replan: bool) -> list[str]:
    """Still unacknowledged, and the full record is more urgent than the quick one (the plan
    for that urgency replaces the one written at filing) or names as its subject someone who
    was the only one alerted: the next escalation step is due now."""
    if report.state != ReportState.SUBMITTED.value or report.is_practice:
        return []
    if replan:
        snapshot = snapshot_for(runtime.config, runtime.kinds[report.kind],
                                Urgency(report.urgency))
        report.escalation_snapshot = snapshot.to_json()
        widen(report, snapshot.audience)
    moved = await timers.bring_forward(session, report.id, ESCALATION_TIMER, now)
    return ["escalation_brought_forward"] if moved else []


async def _routed_people(session: AsyncSession, runtime: Runtime, report: Report,
                         entries: list[CaseEntry], now: datetime) -> Recipients:
    """Everyone the report was routed to (alerted, or holding the case) who may still handle
    it, chosen as every alert is (bot.routing.recipients: never the subject, nobody away
    while someone is available, else the fallback chain); nobody for practice."""
    if report.is_practice:
        return Recipients((), True)
    holder = journal.holder(report, entries)
    ids = [*await outbox_rows.alerted_people(session, report.id), *([holder] if holder else [])]
    config = runtime.config
    allowed = tuple(pid for pid in dict.fromkeys(ids)
                    if may_handle(config.person(pid), report.routed_roles,
                                  config.escalation.fallback_role, report.subject_person_id))
    away = await away_people(session, runtime, now)
    chain = report_snapshot(runtime, report).chain
    return recipients(Stage("routed", (("routed", allowed),)), chain,
                      report.subject_person_id, away)
