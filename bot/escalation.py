"""What happens when nobody has acknowledged a report in time: the next step, then reminders."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing, outbox
from bot.alerts import alert_batch
from bot.availability import away_people
from bot.domain import ReportKind, ReportState, Urgency
from bot.escalation_policy import ESCALATION_TIMER
from bot.routing import plan_for, step_people, wait_after
from bot.runtime import Runtime
from storage.models import Timer
from storage.repositories import reports, timers


async def escalate(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime) -> None:
    """Run escalation step `timer.step`; schedule the next one. A handled report stops it."""
    report = await reports.by_id(session, timer.report_id) if timer.report_id else None
    if report is None or report.state != ReportState.SUBMITTED.value:
        return
    plan = plan_for(runtime.config, ReportKind(report.kind), Urgency(report.urgency))
    away = await away_people(session, runtime, now)
    people = step_people(runtime.config, plan, timer.step, report.subject_person_id, away)
    batch = alert_batch(runtime, report, people, step=timer.step)
    await outbox.write(session, batch, report.id, now)
    next_due = now + wait_after(plan, timer.step)
    await timers.schedule(session, ESCALATION_TIMER, report.id, timer.step + 1, next_due, now)
    await auditing.record(session, now, "escalated", None, report.id, step=timer.step,
                          alerted=[p.id for p in people])
    runtime.metrics.escalations.inc()
