"""Exactly who is sent each case notice (assignment, feedback, a question, an answer, a
statutory clock's reminders): every (event, destination) pair queued, nothing more."""

from datetime import timedelta

from bot.cases import actions, feedback
from bot.clock import ManualClock
from bot.followup.answers import answer_question
from bot.followup.questions import ask_reporter
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from tests.bot.cases.helpers import acknowledged
from tests.bot.driving import actor
from tests.bot.recipients import Sent
from tests.kinds import ReportKind


async def test_each_case_notice_goes_to_exactly_who_it_is_for(runtime: Runtime) -> None:
    reference = await acknowledged(runtime)
    sent, lead = Sent(runtime), actor(runtime, "lead")
    await sent.new()
    await actions.add_note(runtime, lead, reference, "A note")
    await actions.record_decision(runtime, lead, reference, "monitor", "Reasons")
    assert await sent.new() == [], "notes and decisions tell nobody"
    await actions.assign(runtime, lead, reference, "deputy")
    assert await sent.new() == [("case_assigned", "deputy")]
    await feedback.send_feedback(runtime, lead, reference)
    assert await sent.new() == [("case_feedback", "alex")]
    await ask_reporter(runtime, lead, reference, "When did this start?")
    assert await sent.new() == [("case_question", "alex")]
    await answer_question(runtime, actor(runtime, "alex"), reference, None, "Monday")
    assert await sent.new() == [("case_answered", "deputy"), ("case_answered", "lead")]


async def test_assigning_to_yourself_tells_nobody(runtime: Runtime) -> None:
    reference = await acknowledged(runtime, by="deputy")
    sent = Sent(runtime)
    await sent.new()
    await actions.assign(runtime, actor(runtime, "lead"), reference, "lead")
    assert await sent.new() == []


async def test_the_ico_clock_reminds_the_holder_and_the_data_protection_lead_then_the_ceo(
    runtime: Runtime, clock: ManualClock
) -> None:
    reference = await acknowledged(runtime, ReportKind.CONFIDENTIALITY_BREACH)
    sent = Sent(runtime)
    await sent.new()
    assert reference.startswith("CB-")
    for _ in range(80):
        clock.advance(timedelta(hours=1))
        await run_due_timers(runtime, default_handlers())
    reminders = [("case_clock_reminder", "dpl"), ("case_clock_reminder", "lead")] * 2
    overdue = [("case_clock_overdue", "ceo"), ("case_clock_overdue", "dpl"),
               ("case_clock_overdue", "lead")]
    assert await sent.new() == sorted([*reminders, *overdue]), "24 h and 2 h before; then late"
