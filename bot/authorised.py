"""Fetching a report for an action, refusing (and recording the refusal) when not allowed."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import auditing
from bot.access import Action, may
from bot.actors import Actor
from bot.domain import normalise_reference
from bot.runtime import Runtime
from storage.models import Report
from storage.repositories import reports


async def authorised_report(
    session: AsyncSession, runtime: Runtime, actor: Actor, action: Action,
    reference_text: str, now: datetime, refusal: str,
) -> Report | None:
    """The report, if the actor may do `action` to it; otherwise None, with an audit entry
    named `refusal`. A missing report and a forbidden one look the same (no probing)."""
    reference = normalise_reference(reference_text)
    report = await reports.by_reference(session, reference)
    if report is not None and may(runtime, actor, action, report):
        return report
    await auditing.record(session, now, refusal, actor, report.id if report else None,
                          reference=reference[:40])
    return None


async def authorised_reference(runtime: Runtime, actor: Actor, action: Action,
                               reference_text: str, refusal: str) -> str | None:
    """The case's reference if the actor may do `action` to it (as authorised_report, in a
    transaction of its own: a refusal is recorded)."""
    async with runtime.database.transaction() as session:
        report = await authorised_report(session, runtime, actor, action, reference_text,
                                         runtime.clock.now(), refusal)
        return report.reference if report else None
