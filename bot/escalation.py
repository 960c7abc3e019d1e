"""What happens when nobody has acknowledged a report in time: alert the fallback, then remind."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing, outbox
from bot.alerts import alert_batch
from bot.config import Person
from bot.domain import ReportKind, ReportState
from bot.routing import fallback_recipients, route_report
from bot.runtime import Runtime
from bot.submission import ESCALATION_TIMER
from storage.models import Timer
from storage.repositories import reports, timers


async def escalate(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime) -> None:
    """Step 1 alerts the fallback role; every later step reminds everyone alerted so far."""
    report = await reports.by_id(session, timer.report_id) if timer.report_id else None
    if report is None or report.state != ReportState.SUBMITTED.value:
        return
    excluded = (report.subject_person_id,) if report.subject_person_id else ()
    routed = route_report(runtime.config, ReportKind(report.kind), report.subject_person_id)
    fallback = fallback_recipients(runtime.config, excluded)
    people = fallback if timer.step == 1 else _unique(routed.recipients + fallback)
    await outbox.write(session, alert_batch(runtime, report, people, step=timer.step), report.id,
                       now)
    next_due = now + runtime.config.escalation.acknowledge_within
    await timers.schedule(session, ESCALATION_TIMER, report.id, timer.step + 1, next_due, now)
    await auditing.record(session, now, "escalated", None, report.id, step=timer.step,
                          alerted=[p.id for p in people])


def _unique(people: tuple[Person, ...]) -> tuple[Person, ...]:
    return tuple({person.id: person for person in people}.values())
