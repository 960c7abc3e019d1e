"""Filing a finished flow as a report: one transaction stores it, its alerts and its timer."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing, outbox
from bot.actors import Actor
from bot.alerts import alert_batch, reporter_address
from bot.domain import Reference, ReportKind, ReportState, Role
from bot.durations import format_duration
from bot.flow.progress import FlowProgress
from bot.flow.runner import FlowRunner
from bot.notifications import Batch, ReceiptMessage
from bot.routing import Route, route_report
from bot.runtime import Runtime
from storage.models import Report
from storage.repositories import flow_sessions, reports, timers

ESCALATION_TIMER = "escalation"


class AlreadySubmitted(Exception):
    """This flow was submitted (or changed) by another request first."""


@dataclass(frozen=True)
class Submitted:
    reference: str
    urgency: str
    practice: bool
    seen_by: tuple[str, ...]


def seen_by(route: Route, practice: bool) -> tuple[str, ...]:
    if practice:
        return ("only you: this is practice, nobody else is alerted",)
    return tuple(role.label for role in route.roles)


async def submit(
    runtime: Runtime,
    actor: Actor,
    session_id: int,
    session_version: int,
    runner: FlowRunner,
    progress: FlowProgress,
) -> Submitted:
    """Store the report durably; only once this returns may the reporter be told 'submitted'."""
    kind = ReportKind(runner.flow.kind)  # report flows always name their kind
    now = runtime.clock.now()
    subject = runner.filled_value(progress, "subject_person")
    subject_id = subject if isinstance(subject, str) and runtime.config.person(subject) else None
    route = route_report(runtime.config, kind, subject_id)
    async with runtime.database.transaction() as session:
        if not await flow_sessions.remove(session, session_id, session_version):
            raise AlreadySubmitted()
        report = await _store(session, runtime, actor, runner, progress, kind, route, now)
        await outbox.write(session, alert_batch(runtime, report, route.recipients), report.id, now)
        await outbox.write(session, _receipt(runtime, report, route), report.id, now)
        if not report.is_practice:
            due = now + runtime.config.escalation.acknowledge_within
            await timers.schedule(session, ESCALATION_TIMER, report.id, 1, due, now)
        await auditing.record(
            session, now, "report_submitted", actor, report.id,
            reference=report.reference, practice=report.is_practice,
            alerted=[p.id for p in route.recipients], fallback_used=route.fallback_used,
        )
    return Submitted(report.reference, report.urgency, report.is_practice,
                     seen_by(route, progress.practice))


async def _store(
    session: AsyncSession,
    runtime: Runtime,
    actor: Actor,
    runner: FlowRunner,
    progress: FlowProgress,
    kind: ReportKind,
    route: Route,
    now: datetime,
) -> Report:
    year = now.astimezone(runtime.config.organisation.zone).year
    series = Reference(kind, year, 0, progress.practice).series
    number = await reports.next_reference_number(session, series, year)
    reference = Reference(kind, year, number, progress.practice)
    about_staff = runner.filled_value(progress, "about_staff") == "yes"
    return await reports.add(
        session,
        Report(
            reference=str(reference),
            kind=kind.value,
            state=ReportState.SUBMITTED.value,
            urgency=runner.urgency(progress).value,
            is_practice=progress.practice,
            flow_id=runner.flow.id,
            flow_version=runner.flow.version,
            reporter_platform=actor.platform,
            reporter_user_id=actor.user_id,
            reporter_person_id=actor.person_id,
            subject_person_id=route.excluded[0] if route.excluded else None,
            about_staff=about_staff,
            occurred_at=_moment(runner.filled_value(progress, "occurred_at")),
            discovered_at=_moment(runner.filled_value(progress, "discovered_at")),
            started_at=_moment(progress.started_at) or now,
            recorded_at=now,
            answers=runner.visible_answers(progress),
            context=dict(progress.context),
            routed_roles=[role.value for role in route.roles],
            version=1,
        ),
    )


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _receipt(runtime: Runtime, report: Report, route: Route) -> Batch:
    wait = format_duration(runtime.config.escalation.acknowledge_within)
    fallback = runtime.config.escalation.fallback_role
    steps = (
        ("This was practice: nothing was sent to anyone else, and it is kept out of "
         "every count.",)
        if report.is_practice
        else (
            f"The {' and '.join(r.label for r in route.roles if r != fallback) or 'lead'} "
            f"{'has' if len(route.roles) == 1 else 'have'} been alerted.",
            f"If nobody acknowledges it within {wait}, the {Role(fallback).label} is alerted too.",
            "You will be told when someone has it.",
            "If anyone is in immediate danger, call 999 now.",
        )
    )
    batch = Batch()
    message = ReceiptMessage(
        reference=report.reference,
        kind_label=ReportKind(report.kind).label,
        urgency=report.urgency,
        practice=report.is_practice,
        seen_by=seen_by(route, report.is_practice),
        next_steps=steps,
    )
    batch.add("receipt", reporter_address(report), message)
    return batch
