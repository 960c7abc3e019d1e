"""Exactly who is sent each alert, escalation, reminder, acknowledgement and receipt: every
(event, destination) pair queued, nothing more (tests/bot/recipients.py reads them). These pin
today's routing with the example config; a change of who is told changes them on purpose.
An acknowledgement edits every copy of the alert in place (`alert_update`), in the channel and
in each direct message, so none is left asking for someone with live buttons."""

from datetime import timedelta

from bot import reporting
from bot.acknowledgement import acknowledge
from bot.clock import ManualClock
from bot.flow.runner import AnswerInput
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from tests.bot.driving import actor, file_report
from tests.bot.quick_helpers import quick_alert
from tests.bot.recipients import Sent
from tests.kinds import ReportKind

LEADS = [("alert", "alerts"), ("alert", "deputy"), ("alert", "lead")]


async def _after(runtime: Runtime, clock: ManualClock, minutes: int) -> None:
    clock.advance(timedelta(minutes=minutes))
    await run_due_timers(runtime, default_handlers())


async def test_a_concern_alerts_the_leads_then_the_ceo_then_reminds_everyone(
    runtime: Runtime, clock: ManualClock
) -> None:
    sent = Sent(runtime)
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    assert await sent.new() == [*LEADS, ("receipt", "alex")]
    await _after(runtime, clock, 14)
    assert await sent.new() == []
    await _after(runtime, clock, 1)
    assert await sent.new() == [("alert", "alerts"), ("alert", "ceo")]
    await _after(runtime, clock, 15)
    assert await sent.new() == [("alert", "alerts"), ("alert", "ceo"), *LEADS[1:]]
    await acknowledge(runtime, actor(runtime, "deputy"), receipt.reference)
    edited = [("alert_update", where) for where in ("alerts", "ceo", "deputy", "lead")]
    assert await sent.new() == [("acknowledged", "alex"), ("acknowledged", "ceo"),
                                ("acknowledged", "lead"), *[edited[0]] * 3,
                                *[copy for copy in edited[1:] for _ in range(2)]]
    await _after(runtime, clock, 120)
    assert await sent.new() == [], "nothing more once acknowledged"


async def test_an_acknowledgement_before_escalation_tells_the_reporter_and_the_other_lead(
    runtime: Runtime
) -> None:
    sent = Sent(runtime)
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await sent.new()
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    assert await sent.new() == [("acknowledged", "alex"), ("acknowledged", "deputy"),
                                ("alert_update", "alerts"), ("alert_update", "deputy"),
                                ("alert_update", "lead")]
    await acknowledge(runtime, actor(runtime, "deputy"), receipt.reference)
    assert await sent.new() == [], "a second acknowledgement tells nobody"


async def test_a_breach_also_alerts_the_data_protection_lead(runtime: Runtime,
                                                             clock: ManualClock) -> None:
    sent = Sent(runtime)
    await file_report(runtime, actor(runtime, "alex"), ReportKind.CONFIDENTIALITY_BREACH)
    assert await sent.new() == [*LEADS[:2], ("alert", "dpl"), LEADS[2], ("receipt", "alex")]
    await _after(runtime, clock, 29)
    assert await sent.new() == []
    await _after(runtime, clock, 1)
    assert await sent.new() == [("alert", "alerts"), ("alert", "ceo")]


async def test_an_incident_alerts_the_leads(runtime: Runtime) -> None:
    sent = Sent(runtime)
    await file_report(runtime, actor(runtime, "jo"), ReportKind.OPERATIONAL_INCIDENT)
    assert await sent.new() == [*LEADS, ("receipt", "jo")]


async def test_immediate_danger_escalates_after_five_minutes(runtime: Runtime,
                                                             clock: ManualClock) -> None:
    """Yes to the danger question alerts at once, before any other answer."""
    sent = Sent(runtime)
    alex = actor(runtime, "alex")
    await reporting.start(runtime, alex, "test:alex", ReportKind.SAFEGUARDING_CONCERN)
    await reporting.respond(runtime, alex, "test:alex", AnswerInput("yes"))
    assert await sent.new() == [*LEADS, ("receipt", "alex")]
    await _after(runtime, clock, 5)
    assert await sent.new() == [("alert", "alerts"), ("alert", "ceo")]


async def test_a_concern_about_the_lead_goes_around_them_and_not_to_the_channel(
    runtime: Runtime, clock: ManualClock
) -> None:
    sent = Sent(runtime)
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN,
                      {"about_staff": "yes", "about_staff_person": "lead"})
    assert await sent.new() == [("alert", "ceo"), ("alert", "deputy"), ("receipt", "alex")]
    await _after(runtime, clock, 60)
    assert all(destination not in ("lead", "alerts") for _, destination in await sent.new())


async def test_a_concern_about_other_staff_is_routed_as_usual(runtime: Runtime) -> None:
    sent = Sent(runtime)
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN,
                      {"about_staff": "yes", "about_staff_person": "jo"})
    assert await sent.new() == [*LEADS, ("receipt", "alex")]


async def test_practice_alerts_only_the_reporter(runtime: Runtime, clock: ManualClock) -> None:
    sent = Sent(runtime)
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN,
                      practice=True)
    assert await sent.new() == [("alert", "alex"), ("receipt", "alex")]
    await _after(runtime, clock, 60)
    assert {destination for _, destination in await sent.new()} <= {"alex"}


async def test_a_quick_alert_alerts_the_leads_and_reminds_only_its_reporter(
    runtime: Runtime, clock: ManualClock
) -> None:
    sent = Sent(runtime)
    receipt = await quick_alert(runtime, actor(runtime, "jo"))
    assert await sent.new() == [*LEADS, ("receipt", "jo")]
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    assert await sent.new() == [("acknowledged", "deputy"), ("acknowledged", "jo"),
                                ("alert_update", "alerts"), ("alert_update", "deputy"),
                                ("alert_update", "lead")]
    await _after(runtime, clock, 120)
    assert await sent.new() == [("case_completion_reminder", "jo")]
