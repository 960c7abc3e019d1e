"""Escalation on a controllable clock: fallback after the wait, reminders until acknowledged."""

from datetime import timedelta

from bot.acknowledgement import acknowledge
from bot.availability import set_away
from bot.clock import ManualClock
from bot.delivery import PermanentError, deliver_due
from bot.notifications import AlertMessage
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from tests.bot.driving import actor, file_report
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind


async def _tick(runtime: Runtime, transport: RecordingTransport) -> None:
    await run_due_timers(runtime, default_handlers())
    await deliver_due(runtime, {"console": transport})


def _alerts(transport: RecordingTransport, person: str) -> list[AlertMessage]:
    return [i.message for i in transport.to(person)
            if i.event == "alert" and isinstance(i.message, AlertMessage)]


async def test_nobody_acknowledges_so_the_fallback_is_alerted_then_reminded(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await _tick(runtime, transport)
    assert _alerts(transport, "ceo") == []
    clock.advance(timedelta(minutes=14))  # the example's policy waits 15 minutes
    await _tick(runtime, transport)
    assert _alerts(transport, "ceo") == []
    clock.advance(timedelta(minutes=1))
    await _tick(runtime, transport)
    assert [a.step for a in _alerts(transport, "ceo")] == [1]
    assert [a.step for a in _alerts(transport, "lead")] == [0]
    clock.advance(timedelta(minutes=15))
    await _tick(runtime, transport)
    assert [a.step for a in _alerts(transport, "lead")] == [0, 2]
    assert [a.step for a in _alerts(transport, "ceo")] == [1, 2]


async def test_acknowledgement_stops_escalation(runtime: Runtime, clock: ManualClock) -> None:
    transport = RecordingTransport()
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    control = await file_report(runtime, actor(runtime, "jo"), ReportKind.SAFEGUARDING_CONCERN)
    clock.advance(timedelta(minutes=10))
    await acknowledge(runtime, actor(runtime, "deputy"), receipt.reference)
    clock.advance(timedelta(hours=3))
    await _tick(runtime, transport)

    def steps(person: str, reference: str) -> list[int]:
        return [a.step for a in _alerts(transport, person) if a.reference == reference]

    assert steps("ceo", receipt.reference) == []
    assert steps("lead", receipt.reference) == [0]
    assert steps("ceo", control.reference) == [1], "the same ticks escalate one nobody has"


async def test_a_due_timer_fires_once_however_often_the_sweeper_runs(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    await file_report(runtime, actor(runtime, "alex"), ReportKind.OPERATIONAL_INCIDENT)
    clock.advance(timedelta(minutes=31))
    fired = [await run_due_timers(runtime, default_handlers()) for _ in range(3)]
    await deliver_due(runtime, {"console": transport})
    assert fired == [1, 0, 0]
    assert len(_alerts(transport, "ceo")) == 1


async def test_an_away_lead_is_skipped_and_told_nothing(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    await set_away(runtime, actor(runtime, "lead"), "until 2026-03-20")
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await _tick(runtime, transport)
    assert _alerts(transport, "lead") == []
    assert [a.step for a in _alerts(transport, "deputy")] == [0]


async def test_when_every_lead_is_away_the_fallback_is_alerted_at_once(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    for lead in ("lead", "deputy"):
        await set_away(runtime, actor(runtime, lead), "3d")
    await file_report(runtime, actor(runtime, "alex"), ReportKind.CONFIDENTIALITY_BREACH)
    await _tick(runtime, transport)
    assert [a.step for a in _alerts(transport, "ceo")] == [0]
    assert _alerts(transport, "lead") == _alerts(transport, "deputy") == []


async def test_an_alert_that_cannot_be_delivered_brings_the_next_step_forward(
    runtime: Runtime, clock: ManualClock
) -> None:
    class Refusing(RecordingTransport):
        async def send(self, item):  # type: ignore[no-untyped-def]
            if item.destination in {"lead", "deputy", "alerts"}:
                raise PermanentError("channel_not_found")
            return await super().send(item)

    transport = Refusing()
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await _tick(runtime, transport)
    await _tick(runtime, transport)
    assert [a.step for a in _alerts(transport, "ceo")] == [1]  # no time passed: at once


async def test_acknowledging_edits_every_channel_alert_including_escalations(
    runtime: Runtime, clock: ManualClock
) -> None:
    transport = RecordingTransport()
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await _tick(runtime, transport)
    clock.advance(timedelta(minutes=15))
    await _tick(runtime, transport)
    posted = [i for i in transport.to("alerts") if i.event == "alert"]
    assert [i.message.step for i in posted] == [0, 1]  # type: ignore[union-attr]
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    await _tick(runtime, transport)
    updates = [i for i in transport.to("alerts") if i.event == "alert_update"]
    assert sorted(i.replaces_message_id for i in updates) == sorted(  # type: ignore[type-var]
        f"m{transport.sent.index(i) + 1}" for i in posted)
    assert all(i.message.acknowledged_by for i in updates)  # type: ignore[union-attr]


async def test_acknowledging_edits_each_persons_copy_of_the_alert_too(
    runtime: Runtime, clock: ManualClock
) -> None:
    """No lead is left with a copy that still asks for someone, with a live Acknowledge."""
    transport = RecordingTransport()
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await _tick(runtime, transport)
    await acknowledge(runtime, actor(runtime, "deputy"), receipt.reference)
    await _tick(runtime, transport)
    for person in ("lead", "deputy"):
        [original] = [i for i in transport.to(person) if i.event == "alert"]
        [edit] = [i for i in transport.to(person) if i.event == "alert_update"]
        assert edit.replaces_message_id == f"m{transport.sent.index(original) + 1}"
        assert edit.message.acknowledged_by  # type: ignore[union-attr]
    assert [i for i in transport.to("alex") if i.event == "alert_update"] == []
