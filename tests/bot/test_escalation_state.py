"""escalate() itself, called with a report's due escalation timer: it alerts only while the
report waits for someone to acknowledge it, whatever cancelled (or failed to cancel) its
timer. Acknowledgement cancels the timer too, so only a direct call shows this."""

import pytest
from sqlalchemy import func, select

from bot.acknowledgement import acknowledge
from bot.cases import actions
from bot.clock import ManualClock
from bot.escalation import escalate
from bot.escalation_policy import ESCALATION_TIMER
from bot.runtime import Runtime
from storage.models import AuditEvent, OutboxMessage, Report, Timer
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind


async def _timer(runtime: Runtime, reference: str) -> Timer:
    async with runtime.database.sessions() as session:
        return (await session.execute(
            select(Timer).join(Report, Report.id == Timer.report_id)
            .where(Report.reference == reference, Timer.kind == ESCALATION_TIMER))).scalar_one()


async def _counts(runtime: Runtime) -> tuple[int, int, int]:
    """(outbox rows, timers, 'escalated' audit events)."""
    async with runtime.database.sessions() as session:
        outbox = await session.scalar(select(func.count()).select_from(OutboxMessage))
        timers = await session.scalar(select(func.count()).select_from(Timer))
        audited = await session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "escalated"))
    return int(outbox or 0), int(timers or 0), int(audited or 0)


async def _escalate(runtime: Runtime, timer: Timer) -> None:
    async with runtime.database.transaction() as session:
        await escalate(runtime, timer, session, runtime.clock.now())


async def test_a_waiting_report_is_escalated(runtime: Runtime, clock: ManualClock) -> None:
    """The positive control: the same call on a report nobody has acknowledged alerts."""
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    timer = await _timer(runtime, receipt.reference)
    outbox, timers, audited = await _counts(runtime)
    await _escalate(runtime, timer)
    assert await _counts(runtime) == (outbox + 2, timers + 1, audited + 1)  # ceo and channel


@pytest.mark.parametrize("state", ["acknowledged", "closed"])
async def test_a_handled_report_is_never_escalated(runtime: Runtime, state: str) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    timer = await _timer(runtime, receipt.reference)
    lead = actor(runtime, "lead")
    assert (await acknowledge(runtime, lead, receipt.reference)).status == "acknowledged"
    if state == "closed":
        closed = await actions.close(runtime, lead, receipt.reference, "no_further_action",
                                     "Nothing more to do")
        assert closed.status == "done"
    before = await _counts(runtime)
    await _escalate(runtime, timer)
    assert await _counts(runtime) == before
