"""A quick breach alert asks when the breach was discovered, and the ICO's 72 hours run from
then, not from filing."""

from datetime import timedelta

from bot import reporting
from bot.acknowledgement import acknowledge
from bot.cases.record import view_case
from bot.clock import ManualClock
from bot.flow.runner import AnswerInput, Submit
from bot.runtime import Runtime
from bot.ui import Receipt
from tests.bot.cases.helpers import report_row
from tests.bot.driving import actor, last_question
from tests.bot.quick_helpers import QUICK_ANSWERS, complete, conversation
from tests.kinds import ReportKind

BREACH = {**QUICK_ANSWERS, "kind": "confidentiality_breach",
          "occurred_at": "yesterday 22:00", "discovered_at": "today 00:00"}
"""Filed at 10:00 (the test clock; London is on UTC in March): discovered 10 hours before."""


async def _asked_and_filed(runtime: Runtime, answers: dict[str, str]) -> tuple[list[str], str]:
    """Answer a quick alert from `answers`: the questions asked, and the reference."""
    alex = actor(runtime, "alex")
    replies = await reporting.start(runtime, alex, conversation(alex), None, quick=True)
    asked = []
    while (question := last_question(replies)) is not None:
        assert question.error is None, question.error
        asked.append(question.step_id)
        replies = await reporting.respond(runtime, alex, conversation(alex),
                                          AnswerInput(answers[question.step_id]))
    done = await reporting.respond(runtime, alex, conversation(alex), Submit())
    receipt = next(r for r in done if isinstance(r, Receipt))
    return asked, receipt.reference


async def test_a_quick_breach_alert_runs_the_ico_clock_from_discovery(
    runtime: Runtime, clock: ManualClock,
) -> None:
    filed_at = clock.now()
    asked, reference = await _asked_and_filed(runtime, BREACH)
    assert asked.index("discovered_at") == asked.index("occurred_at") + 1
    report = await report_row(runtime, reference)
    assert report.discovered_at == filed_at - timedelta(hours=10)
    await acknowledge(runtime, actor(runtime, "lead"), reference)
    case = await view_case(runtime, actor(runtime, "dpl"), reference)
    assert case is not None
    ico = [c for c in case.clocks if "ICO" in c.label]
    assert [(c.started_at, c.due_at) for c in ico] == [
        (filed_at - timedelta(hours=10), filed_at + timedelta(hours=62))]
    await complete(runtime, actor(runtime, "alex"), reference,
                   ReportKind.CONFIDENTIALITY_BREACH)  # says "yesterday 15:00"
    assert (await report_row(runtime, reference)).discovered_at == report.discovered_at


async def test_only_a_breach_is_asked_when_it_was_discovered(runtime: Runtime) -> None:
    for kind in ("safeguarding_concern", "operational_incident"):
        asked, reference = await _asked_and_filed(runtime, {**QUICK_ANSWERS, "kind": kind})
        assert "discovered_at" not in asked
        assert (await report_row(runtime, reference)).discovered_at is None


async def test_discovery_cannot_be_before_it_happened_or_in_the_future(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    replies = await reporting.start(runtime, alex, conversation(alex), None, quick=True)
    for step in ("immediate_danger", "kind", "what_happened_briefly", "occurred_at"):
        replies = await reporting.respond(runtime, alex, conversation(alex),
                                          AnswerInput(BREACH[step]))
    for wrong, error in (("yesterday 21:00", "earlier than when it happened"),
                         ("15/03/2026 09:00", "in the future")):
        replies = await reporting.respond(runtime, alex, conversation(alex), AnswerInput(wrong))
        question = last_question(replies)
        assert question is not None and question.step_id == "discovered_at"
        assert error in (question.error or "")
