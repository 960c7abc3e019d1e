"""Acknowledging a report: the first authorised person wins; the rest is harmless."""

from dataclasses import dataclass
from typing import Literal

from bot import auditing, outbox
from bot.access import Action, may
from bot.actors import Actor
from bot.alerts import acknowledgement_batch
from bot.authorised import authorised_report
from bot.cases.reminders import start_clocks
from bot.domain import normalise_reference
from bot.escalation_policy import ESCALATION_TIMER
from bot.refusals import no_such_report
from bot.runtime import Runtime
from storage.models import Report
from storage.repositories import outbox as outbox_rows
from storage.repositories import reports, timers

AckStatus = Literal["acknowledged", "already", "refused", "not_found"]


@dataclass(frozen=True)
class AckResult:
    status: AckStatus
    reference: str
    by: str | None = None
    """Initials of whoever holds the report (for 'already')."""

    @property
    def refused(self) -> bool:
        return self.status in ("refused", "not_found")

    def text(self) -> str:
        """What to tell the person who pressed, the same on every platform; a refusal reads
        exactly as for a report that does not exist (bot.refusals)."""
        return self.outcome_text() or no_such_report(self.reference, Action.ACKNOWLEDGE)

    def outcome_text(self) -> str | None:
        """What to tell the person who pressed when it was not refused (None: refused)."""
        if self.status == "acknowledged":
            return (f"You have acknowledged {self.reference}. The reporter and the others "
                    "alerted are being told, and the alert will show that you have it.")
        if self.status == "already":
            return (f"{self.reference} was already acknowledged by {self.by or 'someone'}; "
                    "nothing more to do.")
        return None


def may_acknowledge(runtime: Runtime, actor: Actor, report: Report) -> bool:
    return may(runtime, actor, Action.ACKNOWLEDGE, report)


async def acknowledge(runtime: Runtime, actor: Actor, reference_text: str) -> AckResult:
    reference = normalise_reference(reference_text)
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        report = await authorised_report(session, runtime, actor, Action.ACKNOWLEDGE,
                                         reference, now, "acknowledge_refused")
        if report is None:
            exists = await reports.by_reference(session, reference) is not None
            return AckResult("refused" if exists else "not_found", reference)
        if not await reports.mark_acknowledged(session, report.id, actor.person_id or "", now):
            holder = runtime.config.person(report.acknowledged_by or "")
            return AckResult("already", reference, holder.initials if holder else None)
        await timers.cancel_for_report(session, report.id, ESCALATION_TIMER)
        await start_clocks(session, runtime, report, now)
        alerted = await outbox_rows.alerted_people(session, report.id)
        posted = await outbox_rows.posted_alerts(session, report.id)
        batch = acknowledgement_batch(runtime, report, actor, alerted, posted, now)
        await outbox.write(session, batch, report.id, now)
        seconds = (now - report.recorded_at).total_seconds()
        await auditing.record(session, now, "report_acknowledged", actor, report.id,
                              seconds=int(seconds))
    if not report.is_practice:
        runtime.metrics.time_to_acknowledge.observe(seconds)
    return AckResult("acknowledged", reference, actor.initials)
