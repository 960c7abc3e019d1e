"""Acknowledging: first authorised click wins; others are refused and recorded."""

from sqlalchemy import select

from bot.acknowledgement import AckResult, acknowledge
from bot.cases.reminders import CLOCK_TIMER
from bot.delivery import deliver_due
from bot.notifications import AcknowledgedMessage, AlertMessage
from bot.runtime import Runtime
from storage.models import AuditEvent, Report, Timer
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind


async def _filed(runtime: Runtime, transport: RecordingTransport) -> str:
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await deliver_due(runtime, {"console": transport})
    return receipt.reference


async def test_the_lead_acknowledges_and_everyone_concerned_is_told(runtime: Runtime) -> None:
    transport = RecordingTransport()
    reference = await _filed(runtime, transport)
    result = await acknowledge(runtime, actor(runtime, "lead"), reference.lower())
    assert result.status == "acknowledged"
    await deliver_due(runtime, {"console": transport})
    to_reporter = [i.message for i in transport.to("alex")
                   if isinstance(i.message, AcknowledgedMessage)]
    assert len(to_reporter) == 1 and to_reporter[0].to_reporter
    assert "SO" in to_reporter[0].acknowledged_by
    assert any(isinstance(i.message, AcknowledgedMessage) for i in transport.to("deputy"))
    updates = [i for i in transport.to("alerts") if i.event == "alert_update"]
    assert len(updates) == 1 and updates[0].replaces_message_id is not None
    assert isinstance(updates[0].message, AlertMessage) and updates[0].message.acknowledged_by
    async with runtime.database.sessions() as session:
        report = (await session.execute(select(Report))).scalar_one()
        timers = list((await session.execute(select(Timer))).scalars())
    assert report.state == "acknowledged" and report.acknowledged_by == "lead"
    assert [t.status for t in timers] == ["cancelled"]


async def test_a_second_acknowledgement_is_harmless(runtime: Runtime) -> None:
    transport = RecordingTransport()
    reference = await _filed(runtime, transport)
    await acknowledge(runtime, actor(runtime, "lead"), reference)
    await deliver_due(runtime, {"console": transport})
    sent_before = len(transport.sent)
    again = await acknowledge(runtime, actor(runtime, "deputy"), reference)
    twice = await acknowledge(runtime, actor(runtime, "lead"), reference)
    await deliver_due(runtime, {"console": transport})
    assert (again.status, again.by) == ("already", "SO")
    assert twice.status == "already"
    assert len(transport.sent) == sent_before


async def test_people_outside_the_route_are_refused_and_recorded(runtime: Runtime) -> None:
    reference = await _filed(runtime, RecordingTransport())
    for person in ("alex", "manager", "dpl"):
        assert (await acknowledge(runtime, actor(runtime, person), reference)).status == "refused"
    missing = await acknowledge(runtime, actor(runtime, "lead"), "SG-2026-9999")
    assert missing.status == "not_found"
    async with runtime.database.sessions() as session:
        refusals = list((await session.execute(
            select(AuditEvent).where(AuditEvent.action == "acknowledge_refused"))).scalars())
        report = (await session.execute(select(Report))).scalar_one()
    assert [r.actor_person_id for r in refusals] == ["alex", "manager", "dpl", "lead"]
    assert report.state == "submitted"


async def test_the_fallback_role_may_acknowledge(runtime: Runtime) -> None:
    reference = await _filed(runtime, RecordingTransport())
    assert (await acknowledge(runtime, actor(runtime, "ceo"), reference)).status == "acknowledged"


async def test_the_person_a_concern_is_about_may_not_acknowledge_it(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN,
                                {"about_staff": "yes", "about_staff_person": "deputy"})
    result = await acknowledge(runtime, actor(runtime, "deputy"), receipt.reference)
    assert result.status == "refused"


async def test_acknowledging_a_breach_starts_its_ico_clock(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"),
                                ReportKind.CONFIDENTIALITY_BREACH)
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    async with runtime.database.sessions() as session:
        clocks = list((await session.execute(
            select(Timer).where(Timer.kind == CLOCK_TIMER))).scalars())
    assert clocks and all(t.status == "pending" for t in clocks)


def test_the_outcome_is_worded_once_for_every_platform() -> None:
    assert AckResult("acknowledged", "SG-2026-0001").outcome_text() == (
        "You have acknowledged SG-2026-0001. The reporter and the others alerted are being "
        "told, and the alert will show that you have it.")
    assert AckResult("already", "SG-2026-0001", "SO").outcome_text() == (
        "SG-2026-0001 was already acknowledged by SO; nothing more to do.")
    assert AckResult("refused", "SG-2026-0001").outcome_text() is None
    assert AckResult("not_found", "SG-2026-0009").outcome_text() is None
