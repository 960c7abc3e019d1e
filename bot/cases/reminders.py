"""Clock reminders as durable timers: scheduled when a case starts or changes, and, when one
fires, a reminder entry on the case and a content-free notice to whoever holds it."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing
from bot.access import may_hold_case
from bot.availability import away_people
from bot.cases import journal, notices
from bot.cases.clocks import (
    OVERDUE,
    CaseClock,
    ClockKey,
    clocks_for,
    reminder_times,
    timer_plan,
)
from bot.cases.messages import CaseNotice
from bot.cases.vocabulary import EntryKind
from bot.domain import ReportState, Role
from bot.durations import format_duration
from bot.flow.answers import format_local
from bot.routing import Stage, recipients
from bot.runtime import Runtime
from bot.working_time.timing import calendar_for
from storage.case_models import CaseEntry
from storage.models import Report, Timer
from storage.repositories import cases, timers

CLOCK_TIMER = "case_clock"


def case_clocks(runtime: Runtime, report: Report, entries: list[CaseEntry]) -> list[CaseClock]:
    config = runtime.config
    return clocks_for(report, entries, config.cases, config.organisation.zone,
                      calendar_for(config))


async def schedule_timers(session: AsyncSession, runtime: Runtime, report: Report,
                          entries: list[CaseEntry], now: datetime) -> int:
    """Make sure every open clock has its reminder timers (adding one twice is harmless)."""
    scheduled = 0
    for clock in case_clocks(runtime, report, entries):
        for step, due in timer_plan(clock, runtime.config.cases, now):
            await timers.schedule(session, CLOCK_TIMER, report.id, step, due, now,
                                  {"clock": clock.key.value, "instance": clock.instance})
            scheduled += 1
    return scheduled


async def start_clocks(session: AsyncSession, runtime: Runtime, report: Report,
                       now: datetime) -> int:
    """Call when a report is acknowledged (in that transaction): its clocks start reminding."""
    return await schedule_timers(session, runtime, report, await cases.entries(session, report.id),
                                 now)


async def remind(runtime: Runtime, timer: Timer, session: AsyncSession, now: datetime) -> None:
    """The timer handler: remind only if the clock, worked out afresh, is still running."""
    report = await cases.lock_report_id(session, timer.report_id) if timer.report_id else None
    if report is None or report.state != ReportState.ACKNOWLEDGED.value:
        return
    entries = await cases.entries(session, report.id)
    key, instance = timer.payload.get("clock"), timer.payload.get("instance")
    clock = next((c for c in case_clocks(runtime, report, entries)
                  if c.key.value == key and c.instance == instance), None)
    if clock is None or not clock.is_open() or _stale(runtime, clock, timer.step % 10, now):
        return
    overdue = clock.status(now) == "overdue"
    entry = await journal.write(
        session, runtime, report,
        journal.Draft(EntryKind.CLOCK_REMINDER, {"due_at": clock.due_at.isoformat()},
                      code=clock.key.value + (OVERDUE if overdue else ""),
                      refers_to=clock.instance),
        None, now)
    people = await _recipients(session, runtime, report, entries, clock, overdue, now)
    notice = CaseNotice(
        reference=report.reference, kind_label=runtime.kinds[report.kind].label,
        notice="clock_overdue" if overdue else "clock_reminder",
        text=reminder_text(runtime, report.reference, clock, now), step=entry.sequence,
        due_at=clock.due_at.isoformat())
    queued = await notices.enqueue(session, report, notice,
                                   notices.people_addresses(runtime, people), now)
    await auditing.record(session, now, "case_clock_reminder", None, report.id,
                          sequence=entry.sequence, clock=clock.key.value,
                          instance=clock.instance, overdue=overdue, notified=people,
                          queued=queued)


def _stale(runtime: Runtime, clock: CaseClock, index: int, now: datetime) -> bool:
    """A later reminder of the same clock is due already (the worker was behind): that one
    speaks for both."""
    times = dict(reminder_times(clock, runtime.config.cases))
    mine = times.get(index)
    return mine is not None and any(mine < other <= now for other in times.values())


def reminder_text(runtime: Runtime, reference: str, clock: CaseClock, now: datetime) -> str:
    due = format_local(clock.due_at, runtime.config.organisation.zone)
    if clock.status(now) == "overdue":
        return (f"{reference}: the clock has run out. {clock.label} ({clock.basis}) was due "
                f"{due}. Record the referral or the decision on the case now.")
    return (f"{reference}: {clock.label} ({clock.basis}) by {due}: "
            f"{format_duration(clock.due_at - now)} left.")


async def _recipients(session: AsyncSession, runtime: Runtime, report: Report,
                      entries: list[CaseEntry], clock: CaseClock, overdue: bool,
                      now: datetime) -> list[str]:
    """The case's holder; else every record keeper who may hold it. The data-protection lead
    too for the ICO clock; the fallback role too once a clock has run out."""
    config = runtime.config
    keepers = [p for p in config.people if may_hold_case(runtime, p, report)]
    chosen = [p for p in keepers if p.id == journal.holder(report, entries)] or keepers
    if clock.key == ClockKey.ICO:
        chosen += [p for p in keepers if Role.DATA_PROTECTION_LEAD in p.roles]
    if overdue:
        chosen += [p for p in keepers if config.escalation.fallback_role in p.roles]
    away = await away_people(session, runtime, now)
    wanted = Stage("keepers", (("keepers", tuple(dict.fromkeys(p.id for p in chosen))),))
    return list(recipients(wanted, (), report.subject_person_id, away).people)
