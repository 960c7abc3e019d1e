"""Yes to "Is anyone in immediate danger right now?" alerts at once: the alert is stored, routed
and escalating (on the short clock) before the reporter sees the next question, and the rest
of the flow completes that same case."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from bot import reporting
from bot.actors import Actor
from bot.availability import set_away
from bot.cases.record import view_case
from bot.clock import ManualClock
from bot.details import view_details
from bot.escalation_policy import ESCALATION_TIMER
from bot.flow.definition import FlowDefinition
from bot.flow.runner import AnswerInput, Back, Edit, Submit
from bot.quick import immediate
from bot.quick.completion import start_completion
from bot.quick.reminders import COMPLETION_TIMER
from bot.records import open_answers
from bot.runtime import Runtime
from bot.ui import Notice, Question, Reply
from bot.workers import default_handlers, run_due_timers
from storage.models import OutboxMessage, Report
from tests.bot.cases.helpers import audit_actions, report_row, stored_entries
from tests.bot.driving import actor, answer_and_submit, last_question
from tests.bot.quick_helpers import (
    complete,
    conversation,
    destinations,
    outbox_rows,
    quick_alert,
    timer_rows,
)
from tests.conftest import KNOWN_CODE
from tests.kinds import ReportKind
from tests.scripts import ANSWERS, PLANTED

SG = ReportKind.SAFEGUARDING_CONCERN
ALERT = f"SG-2026-{KNOWN_CODE}"
"""An immediate-danger alert is filed as a quick alert, so it takes a code (bot.references)."""
pytestmark = pytest.mark.usefixtures("known_code")


async def _danger_yes(runtime: Runtime, reporter: Actor, kind: ReportKind | None = SG,
                      quick: bool = False, practice: bool = False) -> list[Reply]:
    await reporting.start(runtime, reporter, conversation(reporter), kind, practice,
                          quick=quick)
    return await reporting.respond(runtime, reporter, conversation(reporter),
                                   AnswerInput("yes"))


async def _finish(runtime: Runtime, reporter: Actor, replies: list[Reply],
                  kind: ReportKind = SG, **overrides: str) -> list[Reply]:
    answers = {**ANSWERS[kind], "immediate_danger": "yes", **overrides}
    return await answer_and_submit(runtime, reporter, conversation(reporter), replies, answers)


async def _count(runtime: Runtime, model: type[Report] | type[OutboxMessage]) -> int:
    async with runtime.database.sessions() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


def _alerted(replies: list[Reply]) -> Notice:
    [notice] = [r for r in replies if isinstance(r, Notice) and r.title == "Alert sent"]
    return notice


@pytest.mark.parametrize("kind", list(ReportKind))
async def test_yes_files_an_urgent_alert_before_the_next_question(
    runtime: Runtime, clock: ManualClock, kind: ReportKind,
) -> None:
    alex = actor(runtime, "alex")
    replies = await _danger_yes(runtime, alex, kind)
    guidance, told, question = replies
    assert isinstance(guidance, Notice) and guidance.tone == "emergency"
    assert "999" in guidance.text
    prefix = {"safeguarding_concern": "SG", "confidentiality_breach": "CB",
              "operational_incident": "OI"}[kind.value]
    reference = f"{prefix}-2026-{KNOWN_CODE}"
    assert told == _alerted(replies) and f"has been alerted, {reference}" in told.text
    assert isinstance(question, Question) and question.step_id == "occurred_at"

    report = await report_row(runtime, reference)  # stored before it was shown
    assert (report.kind, report.urgency, report.flow_id) == (
        kind.value, "immediate_danger", "quick_alert")
    assert open_answers(runtime.keys, report) == {"immediate_danger": "yes", "kind": kind.value}
    alerts = [r for r in await outbox_rows(runtime, "alert")
              if r.payload["reference"] == report.reference]
    assert {"lead", "deputy"} <= {r.destination for r in alerts}
    assert any(r.destination_kind == "channel" for r in alerts)
    [timer] = await timer_rows(runtime, ESCALATION_TIMER)
    assert timer.due_at == clock.now() + runtime.config.escalation.immediate_danger_within
    assert len(await timer_rows(runtime, COMPLETION_TIMER)) == 2  # reminded if they stop
    progress = await reporting.progress(runtime, conversation(alex), "console")
    assert progress is not None and progress.flow_id == kind.value
    assert immediate.alerted(progress) == report.reference


async def test_the_alert_escalates_on_the_short_clock(runtime: Runtime, clock: ManualClock
                                                      ) -> None:
    await _danger_yes(runtime, actor(runtime, "alex"))
    clock.advance(runtime.config.escalation.immediate_danger_within)
    await run_due_timers(runtime, default_handlers())
    escalated = [r for r in await outbox_rows(runtime, "alert") if r.payload["step"] == 1]
    assert ("person", "ceo") in destinations(escalated)


async def test_the_alert_is_only_written_with_the_answer_that_caused_it(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Report, alerts, timers and the saved answer are one transaction: if saving the answer
    fails, nothing of the alert is left."""
    alex = actor(runtime, "alex")
    await reporting.start(runtime, alex, conversation(alex), SG)

    async def broken(*args: object) -> bool:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(immediate.flow_sessions, "save", broken)
    with pytest.raises(RuntimeError):
        await reporting.respond(runtime, alex, conversation(alex), AnswerInput("yes"))
    assert (await _count(runtime, Report), await _count(runtime, OutboxMessage)) == (0, 0)
    progress = await reporting.progress(runtime, conversation(alex), "console")
    assert progress is not None and progress.answers == {}


async def test_a_crossed_answer_files_no_alert(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    await reporting.start(runtime, alex, conversation(alex), SG)
    stale = await reporting.current(runtime, conversation(alex), "console")
    await reporting.respond(runtime, alex, conversation(alex), AnswerInput("no"))
    replies = await reporting.respond(runtime, alex, conversation(alex), AnswerInput("yes"),
                                      stored=stale)
    assert "crossed" in replies[0].text  # type: ignore[union-attr]
    assert (await _count(runtime, Report), await _count(runtime, OutboxMessage)) == (0, 0)


async def test_the_rest_of_the_flow_completes_the_same_case(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    replies = await _danger_yes(runtime, alex)
    alerts_before = len(await outbox_rows(runtime, "alert"))
    done = await _finish(runtime, alex, replies)
    assert any(f"full record is now added to {ALERT}" in r.text
               for r in done if isinstance(r, Notice))
    assert await _count(runtime, Report) == 1
    assert len(await outbox_rows(runtime, "alert")) == alerts_before  # no second alert
    [entry] = await stored_entries(runtime, ALERT)
    assert entry.kind == "completion"
    view = await view_case(runtime, actor(runtime, "lead"), ALERT)
    assert view is not None and not view.incomplete
    assert any(PLANTED in text for _, text in view.entries[0].parts)
    report = await report_row(runtime, ALERT)
    assert report.occurred_at is not None  # learnt from the full record
    assert {t.status for t in await timer_rows(runtime, COMPLETION_TIMER)} == {"cancelled"}
    assert await reporting.current(runtime, conversation(alex), "console") is None


async def test_going_back_to_no_keeps_the_alert(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    await _danger_yes(runtime, alex)
    await reporting.respond(runtime, alex, conversation(alex), Back())
    replies = await reporting.respond(runtime, alex, conversation(alex), AnswerInput("no"))
    [stands] = [r for r in replies if isinstance(r, Notice)]
    assert stands.title == "The alert stands" and ALERT in stands.text
    assert "does not withdraw" in stands.text
    assert isinstance(replies[-1], Question) and replies[-1].step_id == "occurred_at"
    await reporting.respond(runtime, alex, conversation(alex), Back())
    again = await reporting.respond(runtime, alex, conversation(alex), AnswerInput("yes"))
    assert not any(isinstance(r, Notice) and r.title == "Alert sent" for r in again)

    done = await _finish(runtime, alex, again, immediate_danger="no")
    assert any(ALERT in r.text for r in done if isinstance(r, Notice))
    assert await _count(runtime, Report) == 1
    assert (await report_row(runtime, ALERT)).urgency == "immediate_danger"


async def test_yes_given_at_the_review_alerts_then_returns_to_the_review(runtime: Runtime
                                                                        ) -> None:
    alex = actor(runtime, "alex")
    await reporting.start(runtime, alex, conversation(alex), SG)
    replies = await reporting.respond(runtime, alex, conversation(alex), AnswerInput("no"))
    while (question := last_question(replies)) is not None:
        replies = await reporting.respond(runtime, alex, conversation(alex),
                                          AnswerInput(ANSWERS[SG][question.step_id]))
    await reporting.respond(runtime, alex, conversation(alex), Edit("1"))
    replies = await reporting.respond(runtime, alex, conversation(alex), AnswerInput("yes"))
    assert ALERT in _alerted(replies).text
    done = await reporting.respond(runtime, alex, conversation(alex), Submit())
    assert any("full record is now added" in r.text for r in done if isinstance(r, Notice))
    assert await _count(runtime, Report) == 1


async def test_a_quick_alert_alerts_at_once_and_goes_on_to_the_full_record(
    runtime: Runtime,
) -> None:
    """The kind is asked after the danger question: until then the alert is a safeguarding
    concern (bot/flow/alerting.py), and the reporter carries on with that full flow."""
    alex = actor(runtime, "alex")
    replies = await _danger_yes(runtime, alex, None, quick=True)
    assert f"has been alerted, {ALERT}" in _alerted(replies).text
    question = last_question(replies)
    assert question is not None and question.step_id == "occurred_at"
    assert question.flow_title == "Safeguarding concern"
    progress = await reporting.progress(runtime, conversation(alex), "console")
    assert progress is not None and progress.answers == {"immediate_danger": "yes"}
    report = await report_row(runtime, ALERT)
    assert open_answers(runtime.keys, report) == {"immediate_danger": "yes",
                                                  "kind": "safeguarding_concern"}
    await _finish(runtime, alex, replies)
    assert await _count(runtime, Report) == 1
    [entry] = await stored_entries(runtime, ALERT)
    assert entry.kind == "completion"


async def test_the_first_alert_follows_the_routing_rules_and_the_subject_loses_access_later(
    runtime: Runtime,
) -> None:
    """Content-free at first (it names nobody), the alert reaches the lead; when the full
    record names the lead as its subject, the lead can no longer see it."""
    alex = actor(runtime, "alex")
    replies = await _danger_yes(runtime, alex)
    first = {r.destination for r in await outbox_rows(runtime, "alert")}
    assert {"lead", "deputy"} <= first
    await _finish(runtime, alex, replies, about_staff="yes", about_staff_person="lead")
    report = await report_row(runtime, ALERT)
    assert (report.subject_person_id, report.about_staff) == ("lead", True)
    assert await view_details(runtime, actor(runtime, "lead"), ALERT) is None
    assert await view_details(runtime, actor(runtime, "deputy"), ALERT) is not None
    [done] = [e for e in await audit_actions(runtime) if e.action == "report_completed"]
    assert "subject_person" in done.detail["changed"]
    assert "lead" not in done.detail["notified"]


async def test_a_subject_named_before_the_danger_question_is_routed_around(
    runtime: Runtime,
) -> None:
    """An organisation's flow that asks who it is about first: the alert goes around them."""
    flow = runtime.flows["safeguarding_concern"]
    first = [flow.step("about_staff"), flow.step("about_staff_person")]
    steps = [*first, *(s for s in flow.steps if s not in first)]
    reordered = FlowDefinition.model_validate({**flow.model_dump(), "steps": [
        s.model_dump() for s in steps]})
    custom = replace(runtime, flows=runtime.flows.with_flow(reordered))
    alex = actor(custom, "alex")
    await reporting.start(custom, alex, conversation(alex), SG)
    for answer in ("yes", "lead", "yes"):
        replies = await reporting.respond(custom, alex, conversation(alex), AnswerInput(answer))
    assert ALERT in _alerted(replies).text
    report = await report_row(custom, ALERT)
    assert (report.subject_person_id, report.about_staff) == ("lead", True)
    alerted = {r.destination for r in await outbox_rows(custom, "alert")}
    assert "lead" not in alerted and "deputy" in alerted


async def test_practice_alerts_only_the_reporter(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    replies = await _danger_yes(runtime, alex, practice=True)
    assert "Only you were alerted" in _alerted(replies).text
    assert {r.destination for r in await outbox_rows(runtime, "alert")} == {"alex"}
    assert await timer_rows(runtime, ESCALATION_TIMER) == []


async def test_completing_a_quick_alert_files_no_second_alert(runtime: Runtime) -> None:
    """/complete runs the full flow for a report that is already routed: yes there is part
    of its full record (it raises the urgency when added, tests/bot/test_quick_alerts.py)."""
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex)
    alerts = len(await outbox_rows(runtime, "alert"))
    done = await complete(runtime, alex, receipt.reference, immediate_danger="yes")
    assert any("full record is now added" in r.text for r in done if isinstance(r, Notice))
    assert await _count(runtime, Report) == 1
    assert len(await outbox_rows(runtime, "alert")) == alerts


async def test_complete_the_record_on_the_receipt_carries_on_where_the_reporter_is(
    runtime: Runtime,
) -> None:
    """The alert's receipt arrives with a Complete the record button while the reporter is
    already writing that record: it shows where they are, with no warning."""
    alex = actor(runtime, "alex")
    await _danger_yes(runtime, alex)
    await reporting.respond(runtime, alex, conversation(alex), AnswerInput("yesterday 16:00"))
    replies = await start_completion(runtime, alex, conversation(alex), ALERT)
    assert [type(r) for r in replies] == [Question]
    assert last_question(replies).step_id == "platform"  # type: ignore[union-attr]


async def test_danger_with_nobody_reachable_never_claims_an_alert(runtime: Runtime) -> None:
    """Everyone who handles reports away: yes to the danger question says who to phone and
    never that the lead has been alerted."""
    for person in ("lead", "deputy", "ceo", "dpl"):
        await set_away(runtime, actor(runtime, person), "3d")
    replies = await _danger_yes(runtime, actor(runtime, "alex"))
    said = " ".join(r.text for r in replies if isinstance(r, Notice))
    assert "has been alerted" not in said
    assert "Nobody who handles reports can be reached" in said and "phone" in said
    assert last_question(replies) is not None, "the reporter carries on with the record"
