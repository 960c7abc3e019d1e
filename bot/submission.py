"""Filing a finished flow as a report: one transaction stores it, its alerts and its timer."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import audience, auditing, outbox, references
from bot.actors import Actor
from bot.alerts import alert_batch, reporter_address
from bot.audience import privacy_lines
from bot.availability import away_people
from bot.checkins import offer as checkin_offer
from bot.config import OrgConfig
from bot.domain import ReportState, Urgency
from bot.escalation import widen
from bot.escalation_policy import ESCALATION_TIMER
from bot.escalation_snapshot import FirstAlert, Snapshot, first_alert, snapshot_for, wait_after
from bot.flow import paths
from bot.flow.definition import FlowDefinition
from bot.flow.progress import FlowProgress
from bot.flow.runner import FlowRunner
from bot.notifications import Batch, ReceiptMessage
from bot.quick import reminders as quick_reminders
from bot.quick import wording as quick_wording
from bot.quick.flows import is_quick_flow
from bot.records import seal_answers, seal_context
from bot.routing import seen_by_labels
from bot.runtime import Runtime
from bot.ui import Reply, Summary
from bot.ui.wording import duration_words
from storage.models import Report
from storage.repositories import flow_sessions, reports, timers

PRACTICE_SEEN_BY = ("only you: this is practice, nobody else is alerted",)
KeepFlow = Callable[[AsyncSession, Report], Awaitable[bool]]
"""Instead of ending the flow, keep it going in the report's transaction (an immediate
alert: the reporter carries on with the full record); False if the flow changed meanwhile."""


class AlreadySubmitted(Exception):
    """This flow was submitted (or changed) by another request first."""


@dataclass(frozen=True)
class Submitted:
    reference: str
    urgency: str
    practice: bool
    seen_by: tuple[str, ...]
    next_steps: tuple[str, ...] = ()
    privacy: tuple[str, ...] = ()
    incomplete: bool = False
    """A quick alert: the full record is still to be written."""
    reached: bool = True
    """Someone available who is not its subject was alerted at once (else: phone)."""

    @property
    def status(self) -> str:
        """Whether anyone was alerted, as the receipt says it (never claiming an alert)."""
        return audience.ALERTING if self.reached else audience.NOT_ALERTED


def report_kind(runner: FlowRunner, progress: FlowProgress) -> str:
    kind = runner.report_kind(progress)
    if kind is None:
        raise ValueError(f"flow '{runner.flow.id}' files no report")
    return kind


def seen_by(runtime: Runtime, kind: str, urgency: Urgency, practice: bool,
            subject_id: str | None = None, away: frozenset[str] = frozenset()
            ) -> tuple[str, ...]:
    """Who will see a report filed now, by role: as routed at once given who is away, never
    the person it is about."""
    if practice:
        return PRACTICE_SEEN_BY
    config = runtime.config
    snapshot = snapshot_for(config, runtime.kinds[kind], urgency)
    first = first_alert(config, snapshot, subject_id, set(away))
    return seen_by_labels(config, routed_names(config, snapshot, first), subject_id)


def subject_of(runtime: Runtime, flow: FlowDefinition, progress: FlowProgress) -> str | None:
    """The member of staff the answers say it is about, if they are in the config."""
    subject = str(paths.filled_value(flow, progress, "subject_person"))
    return subject if runtime.config.person(subject) else None


async def review_audience(runtime: Runtime, flow: FlowDefinition, progress: FlowProgress,
                          replies: list[Reply]) -> list[Reply]:
    """The review's "who will see it", given who is away now (one read, on reviews only)."""
    kind = paths.report_kind(flow, progress)
    summaries = [r for r in replies if isinstance(r, Summary)]
    if not summaries or kind is None or progress.practice:
        return replies
    async with runtime.database.readers() as session:
        away = frozenset(await away_people(session, runtime, runtime.clock.now()))
    who = seen_by(runtime, kind, Urgency(summaries[-1].urgency), False,
                  subject_of(runtime, flow, progress), away)
    return [replace(r, seen_by=who) if isinstance(r, Summary) else r for r in replies]


def routed_names(config: OrgConfig, snapshot: Snapshot, first: FirstAlert) -> list[str]:
    """The roles and people who may handle a report: every step, the fallback role, and
    anyone the fallback chain reached at once."""
    return list(dict.fromkeys(
        [*snapshot.audience, config.escalation.fallback_role.value, *first.widened]))


async def submit(
    runtime: Runtime,
    actor: Actor,
    session_id: int,
    session_version: int,
    runner: FlowRunner,
    progress: FlowProgress,
    keep_flow: KeepFlow | None = None,
) -> Submitted:
    """Store the report durably; only once this returns may the reporter be told 'submitted'."""
    kind = runtime.kinds[report_kind(runner, progress)]
    snapshot = snapshot_for(runtime.config, kind, runner.urgency(progress))
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        if keep_flow is None and not await flow_sessions.remove(session, session_id,
                                                                session_version):
            raise AlreadySubmitted()
        report = await _store(session, runtime, actor, runner, progress, snapshot, now)
        if keep_flow is not None and not await keep_flow(session, report):
            raise AlreadySubmitted()
        first = first_alert(runtime.config, snapshot, report.subject_person_id,
                            await away_people(session, runtime, now))
        widen(report, first.widened)
        offer = await checkin_offer.offer_after_report(session, runtime, report, now)
        reminders: list[datetime] = []
        if runner.flow.completes_later:
            reminders = await quick_reminders.schedule(session, runtime, report, now)
        steps = next_steps(runtime, report, snapshot, reminders, first)
        batch = alert_batch(runtime, report, first.people)
        batch.items += _receipt(runtime, report, steps, offer).items
        await outbox.write(session, batch, report.id, now)  # alerts first, then the receipt
        if not report.is_practice:
            due = now + wait_after(snapshot, first.next_step - 1)
            await timers.schedule(session, ESCALATION_TIMER, report.id, first.next_step, due, now)
        await _audit(session, now, actor, report, first)
    return Submitted(report.reference, report.urgency, report.is_practice,
                     report_seen_by(runtime, report), steps,
                     privacy_lines(report.about_staff, report.is_practice),
                     runner.flow.completes_later, report.is_practice or not first.nobody_available)


def report_seen_by(runtime: Runtime, report: Report) -> tuple[str, ...]:
    """Who will see a filed report: the roles it is routed to that someone other than the
    person it is about holds."""
    if report.is_practice:
        return PRACTICE_SEEN_BY
    return seen_by_labels(runtime.config, report.routed_roles, report.subject_person_id)


async def _audit(session: AsyncSession, now: datetime, actor: Actor, report: Report,
                 first: FirstAlert) -> None:
    await auditing.record(
        session, now, "report_submitted", actor, report.id,
        reference=report.reference, practice=report.is_practice,
        alerted=[p.id for p in first.people], nobody_available=first.nobody_available,
    )


async def _store(
    session: AsyncSession,
    runtime: Runtime,
    actor: Actor,
    runner: FlowRunner,
    progress: FlowProgress,
    snapshot: Snapshot,
    now: datetime,
) -> Report:
    kind = runtime.kinds[report_kind(runner, progress)]
    year = now.astimezone(runtime.config.organisation.zone).year
    reference = await references.new_reference(session, kind, year, progress.practice,
                                               references.coded(runner, progress))
    subject = runner.filled_value(progress, "subject_person")
    return await reports.add(
        session,
        Report(
            reference=str(reference),
            kind=kind.id,
            state=ReportState.SUBMITTED.value,
            urgency=runner.urgency(progress).value,
            is_practice=progress.practice,
            flow_id=runner.flow.id,
            flow_version=runner.flow.version,
            reporter_platform=actor.platform,
            reporter_user_id=actor.user_id,
            reporter_person_id=actor.person_id,
            subject_person_id=subject if runtime.config.person(str(subject)) else None,
            about_staff=runner.about_staff(progress),
            occurred_at=_moment(runner.filled_value(progress, "occurred_at")),
            discovered_at=_moment(runner.filled_value(progress, "discovered_at")),
            started_at=_moment(progress.started_at) or now,
            recorded_at=now,
            answers_sealed=seal_answers(runtime.keys, str(reference),
                                        runner.visible_answers(progress)),
            context_sealed=seal_context(runtime.keys, str(reference), dict(progress.context)),
            routed_roles=[*snapshot.audience, runtime.config.escalation.fallback_role.value],
            escalation_snapshot=None if progress.practice else snapshot.to_json(),
            version=1,
        ),
    )


def _moment(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def next_steps(runtime: Runtime, report: Report, snapshot: Snapshot,
               reminders: list[datetime] | None = None, first: FirstAlert | None = None
               ) -> tuple[str, ...]:
    """What happens next, as the receipt says it (no content). It says the team has been
    alerted only when an available person was; otherwise it says so and who to phone."""
    quick: tuple[str, ...] = ()
    if is_quick_flow(runtime, report.flow_id):
        zone = runtime.config.organisation.zone
        quick = (quick_wording.INCOMPLETE, quick_wording.finish_how(report.reference),
                 quick_wording.reminders_line(reminders or [], zone))
    if report.is_practice:
        return ("This was practice: nothing was sent to anyone else, and it is kept out of "
                "every count.", *quick)
    if first is not None and first.nobody_available:
        phone = runtime.config.organisation.safeguarding_phone
        return (*audience.unreached(report.reference, phone, bool(first.people)), *quick,
                "If anyone is in immediate danger, call 999 now.")
    wait = duration_words(snapshot.steps[0].wait)
    return (
        audience.ALERTED,
        f"If nobody acknowledges it within {wait}, it is escalated until someone does.",
        "You will be told when someone has it.",
        *quick,
        "If anyone is in immediate danger, call 999 now.",
    )


def _receipt(runtime: Runtime, report: Report, steps: tuple[str, ...], offer: str = ""
             ) -> Batch:
    kind = runtime.kinds[report.kind]
    privacy = privacy_lines(report.about_staff, report.is_practice)
    message = ReceiptMessage(
        reference=report.reference,
        kind_label=kind.label,
        urgency=report.urgency,
        practice=report.is_practice,
        seen_by=report_seen_by(runtime, report),
        next_steps=(*steps, *privacy),
        checkin_offer=offer,
        incomplete=is_quick_flow(runtime, report.flow_id),
    )
    batch = Batch()
    batch.add("receipt", reporter_address(report), message)
    return batch
