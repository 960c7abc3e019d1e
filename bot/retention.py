"""Retention: erase the content of records past their period (the entry and its audit trail
stay, emptied); a legal hold stops it. Unfinished drafts are removed after their period."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from bot import auditing
from bot.access import Action
from bot.actors import Actor
from bot.authorised import authorised_report
from bot.cases.upkeep import erase_case_content
from bot.checkins import retention as checkin_retention
from bot.domain import ReportKind, ReportState
from bot.records import seal_answers, seal_context
from bot.runtime import Runtime
from storage.models import FlowSession, Report
from storage.repositories import jobs

JOB = "retention"
EVERY = timedelta(days=1)
BATCH = 500


@dataclass(frozen=True)
class RetentionRun:
    erased: int
    drafts_removed: int
    checkins_erased: int = 0


async def run_if_due(runtime: Runtime) -> RetentionRun | None:
    """Run the daily retention job if no process has run it in the last day."""
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        if not await jobs.claim_period(session, JOB, EVERY, now):
            return None
    return await run(runtime, now)


async def run(runtime: Runtime, now: datetime) -> RetentionRun:
    erased = 0
    for kind in runtime.kinds:
        for practice in (False, True):
            period = runtime.config.retention.period_for(kind, practice)
            if period is not None:
                erased += await _erase_older(runtime, kind, practice, now - period, now)
    cutoff = now - runtime.config.retention.unfinished_drafts
    async with runtime.database.transaction() as session:
        result = await session.execute(delete(FlowSession).where(FlowSession.updated_at < cutoff))
    checkins_erased = await checkin_retention.erase_expired(runtime, now)
    return RetentionRun(erased, int(result.rowcount),  # type: ignore[attr-defined]
                        checkins_erased)


async def _erase_older(runtime: Runtime, kind: ReportKind, practice: bool, cutoff: datetime,
                       now: datetime) -> int:
    erased = 0
    while True:
        async with runtime.database.transaction() as session:
            query = select(Report).where(
                Report.kind == kind.id, Report.is_practice.is_(practice),
                Report.recorded_at < cutoff, Report.legal_hold.is_(False),
                Report.erased_at.is_(None))
            if not practice:  # a real report nobody has acknowledged is never erased
                query = query.where(Report.state != ReportState.SUBMITTED.value)
            rows = list((await session.execute(
                query.order_by(Report.id).limit(BATCH).with_for_update())).scalars())
            for report in rows:
                report.answers_sealed = seal_answers(runtime.keys, report.reference, {})
                report.context_sealed = seal_context(runtime.keys, report.reference, {})
                report.reporter_user_id = ""
                report.reporter_person_id = None
                report.subject_person_id = None
                report.erased_at = now
                await erase_case_content(session, runtime.keys, report, now)
                await auditing.record(session, now, "retention_erased", None, report.id,
                                      reference=report.reference)
        erased += len(rows)
        if len(rows) < BATCH:
            return erased


async def set_legal_hold(runtime: Runtime, actor: Actor, reference_text: str,
                         hold: bool) -> bool:
    """Place or lift a legal hold; False (and recorded) if the actor may not."""
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        report = await authorised_report(session, runtime, actor, Action.LEGAL_HOLD,
                                         reference_text, now, "legal_hold_refused")
        if report is None:
            return False
        report.legal_hold = hold
        await auditing.record(session, now, "legal_hold_set" if hold else "legal_hold_lifted",
                              actor, report.id)
    return True
