"""What happens when nobody has acknowledged a report in time: the next step, then reminders,
each run from the plan written onto the report when it was filed (bot.escalation_snapshot)."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing, outbox
from bot.alerts import alert_batch
from bot.availability import away_people
from bot.domain import ReportState, Urgency
from bot.escalation_policy import ESCALATION_TIMER
from bot.escalation_snapshot import (
    Snapshot,
    people_for,
    snapshot_for,
    step_recipients,
    wait_after,
)
from bot.runtime import Runtime
from storage.models import Report, Timer
from storage.repositories import outbox as outbox_rows
from storage.repositories import reports, timers


async def escalate(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime) -> None:
    """Run escalation step `timer.step`; schedule the next one. A handled report stops it."""
    report = await reports.by_id(session, timer.report_id) if timer.report_id else None
    if report is None or report.state != ReportState.SUBMITTED.value:
        return
    snapshot = report_snapshot(runtime, report)
    away = await away_people(session, runtime, now)
    alerted = tuple(await outbox_rows.alerted_people(session, report.id))
    found = step_recipients(snapshot, timer.step, report.subject_person_id, away, alerted)
    widen(report, found.widened)
    people = people_for(runtime.config, found.people)
    batch = alert_batch(runtime, report, people, step=timer.step)
    await outbox.write(session, batch, report.id, now)
    next_due = now + wait_after(snapshot, timer.step)
    await timers.schedule(session, ESCALATION_TIMER, report.id, timer.step + 1, next_due, now)
    await auditing.record(session, now, "escalated", None, report.id, step=timer.step,
                          alerted=[p.id for p in people], reached=found.reached)
    runtime.metrics.escalations.inc()


def report_snapshot(runtime: Runtime, report: Report) -> Snapshot:
    """The plan written onto the report; one filed before plans were kept gets one made
    from today's config, kept on the report so every later step follows the same plan."""
    config = runtime.config
    if report.escalation_snapshot:
        return Snapshot.from_json(report.escalation_snapshot).among(config)
    snapshot = snapshot_for(config, runtime.kinds[report.kind], Urgency(report.urgency),
                            derived=True)
    report.escalation_snapshot = snapshot.to_json()
    return snapshot


def widen(report: Report, names: tuple[str, ...]) -> None:
    """People reached through the fallback chain may handle the report from now on."""
    added = [name for name in names if name not in report.routed_roles]
    if added:
        report.routed_roles = [*report.routed_roles, *added]
