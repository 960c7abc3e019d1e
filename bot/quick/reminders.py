"""Reminding the reporter to finish a quick alert's full record: durable timers set in the
report's own transaction (after `remind_after`, then at the end of the working day); each
reminds only if the record is still incomplete when it fires. No content in the reminder.
Both are routine: a reminder due out of hours waits for the next working time (the
reporter's own zone), and the end-of-day one is that working day's end."""

from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing
from bot.alerts import reporter_address
from bot.cases import notices
from bot.cases.messages import CaseNotice
from bot.domain import ReportState
from bot.quick.flows import is_incomplete
from bot.quick.wording import reminder_text
from bot.runtime import Runtime
from bot.working_time.timing import calendar_for, timer_due
from storage.models import Report, Timer
from storage.repositories import cases, timers

COMPLETION_TIMER = "completion_reminder"
Handler = Callable[[Runtime, Timer, AsyncSession, datetime], Awaitable[None]]


def reminder_times(runtime: Runtime, recorded_at: datetime, person_id: str | None = None
                   ) -> list[datetime]:
    """When the reporter of a quick alert recorded at `recorded_at` is reminded."""
    config = runtime.config
    settings = config.quick_alerts
    first = timer_due(config, COMPLETION_TIMER, recorded_at + settings.remind_after,
                      person_id)
    if not settings.remind_at_end_of_day:
        return [first]
    return [first, calendar_for(config, person_id).end_of_working_day(first)]


async def schedule(session: AsyncSession, runtime: Runtime, report: Report, now: datetime
                   ) -> list[datetime]:
    """Set the reminders (in the report's transaction); returns when they are due."""
    times = reminder_times(runtime, report.recorded_at, report.reporter_person_id)
    for step, due in enumerate(times, 1):
        await timers.schedule(session, COMPLETION_TIMER, report.id, step, due, now)
    return times


async def cancel(session: AsyncSession, report: Report) -> int:
    return await timers.cancel_for_report(session, report.id, COMPLETION_TIMER)


async def remind(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime) -> None:
    """The timer handler: a content-free reminder to the reporter, if still incomplete."""
    report = await cases.lock_report_id(session, timer.report_id) if timer.report_id else None
    if report is None or report.state == ReportState.CLOSED.value:
        return
    if not is_incomplete(runtime, report, await cases.entries(session, report.id)):
        return
    if _superseded(runtime, report, timer.step, now):
        return
    if report.reporter_platform not in runtime.platforms:
        await auditing.record(session, now, "completion_reminder_unreachable", None, report.id,
                              step=timer.step)
        return
    notice = CaseNotice(report.reference, runtime.kinds[report.kind].label, "completion_reminder",
                        reminder_text(report.reference), step=timer.step, to_reporter=True)
    await notices.enqueue(session, report, notice, [reporter_address(report)], now)
    await auditing.record(session, now, "completion_reminder", None, report.id,
                          step=timer.step)


def _superseded(runtime: Runtime, report: Report, step: int, now: datetime) -> bool:
    """A later reminder is due already (the worker was behind): that one speaks for both."""
    later = reminder_times(runtime, report.recorded_at, report.reporter_person_id)[step:]
    return any(due <= now for due in later)


def handlers() -> dict[str, Handler]:
    return {COMPLETION_TIMER: remind}
