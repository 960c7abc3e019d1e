"""Report now, complete later: a quick alert is filed, routed and escalated like a full report,
the reporter is reminded, and completing it appends the full record to the same case."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot import reporting
from bot.access import Action, may
from bot.acknowledgement import acknowledge
from bot.actors import Actor
from bot.cases import actions
from bot.cases.record import view_case
from bot.clock import ManualClock
from bot.details import view_details
from bot.escalation_policy import ESCALATION_TIMER
from bot.flow.runner import AnswerInput
from bot.quick.completion import incomplete_reports, start_completion
from bot.quick.reminders import COMPLETION_TIMER
from bot.records import open_answers
from bot.runtime import Runtime
from bot.ui import Question
from bot.workers import default_handlers, run_due_timers
from tests.bot.cases.helpers import audit_actions, report_row, stored_entries
from tests.bot.driving import actor, file_report, last_question
from tests.bot.quick_helpers import (
    QUICK_PLANT,
    answer_all,
    complete,
    conversation,
    destinations,
    notice_text,
    outbox_rows,
    payload_text,
    quick_alert,
    timer_rows,
)
from tests.kinds import ReportKind
from tests.scripts import ANSWERS, PLANTED

SATURDAY_NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
MONDAY_END_OF_DAY = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)  # 17:00 in London (GMT)


async def test_a_quick_alert_is_filed_routed_and_escalated_like_a_full_report(
    runtime: Runtime, clock: ManualClock,
) -> None:
    full = await file_report(runtime, actor(runtime, "jo"), ReportKind.SAFEGUARDING_CONCERN)
    full_alerts = destinations([r for r in await outbox_rows(runtime, "alert")
                                if r.payload["reference"] == full.reference])
    receipt = await quick_alert(runtime, actor(runtime, "alex"))
    assert receipt.reference.startswith("SG-") and receipt.incomplete
    assert receipt.seen_by == full.seen_by
    assert any("record is incomplete" in step for step in receipt.next_steps)
    assert any("not anonymous" in line for line in receipt.privacy)
    quick_rows = [r for r in await outbox_rows(runtime, "alert")
                  if r.payload["reference"] == receipt.reference]
    assert destinations(quick_rows) == full_alerts
    [told] = [r for r in await outbox_rows(runtime, "receipt")
              if r.payload["reference"] == receipt.reference]
    assert told.payload["incomplete"] is True and told.destination == "alex"

    clock.advance(timedelta(minutes=16))
    await run_due_timers(runtime, default_handlers())
    escalated = [r for r in await outbox_rows(runtime, "alert")
                 if r.payload["reference"] == receipt.reference and r.payload["step"] == 1]
    assert ("person", "ceo") in destinations(escalated)
    view = await view_case(runtime, actor(runtime, "lead"), receipt.reference)
    assert view is not None and view.incomplete and view.state == "submitted"
    assert QUICK_PLANT not in payload_text(await outbox_rows(runtime))


async def test_the_reporter_is_reminded_after_two_hours_then_at_the_end_of_the_working_day(
    runtime: Runtime, clock: ManualClock,
) -> None:
    receipt = await quick_alert(runtime, actor(runtime, "alex"))
    reminders = await timer_rows(runtime, COMPLETION_TIMER)
    assert [t.due_at for t in reminders] == [SATURDAY_NOON, MONDAY_END_OF_DAY]
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)

    clock.advance(timedelta(hours=2))
    await run_due_timers(runtime, default_handlers())
    [first] = await outbox_rows(runtime, "case_completion_reminder")
    assert (first.destination, first.payload["to_reporter"]) == ("alex", True)
    assert receipt.reference in first.payload["text"]
    assert QUICK_PLANT not in payload_text([first])

    clock.advance(MONDAY_END_OF_DAY - clock.now())
    await run_due_timers(runtime, default_handlers())
    assert len(await outbox_rows(runtime, "case_completion_reminder")) == 2
    assert [e.action for e in await audit_actions(runtime)].count("completion_reminder") == 2


async def test_reminders_follow_the_settings(runtime: Runtime) -> None:
    settings = runtime.config.quick_alerts.model_copy(
        update={"remind_after": timedelta(minutes=30), "remind_at_end_of_day": False})
    custom = replace(runtime, config=runtime.config.model_copy(
        update={"quick_alerts": settings}))
    await quick_alert(custom, actor(runtime, "alex"))
    [only] = await timer_rows(runtime, COMPLETION_TIMER)
    assert only.due_at == datetime(2026, 3, 14, 10, 30, tzinfo=UTC)


async def test_completion_appends_the_full_record_and_keeps_the_quick_account(
    runtime: Runtime, clock: ManualClock,
) -> None:
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex)
    before = await report_row(runtime, receipt.reference)
    clock.advance(timedelta(minutes=40))
    await run_due_timers(runtime, default_handlers())  # escalated to the CEO meanwhile
    done = await complete(runtime, alex, receipt.reference)
    assert "full record is now added" in notice_text(done)

    after = await report_row(runtime, receipt.reference)
    assert after.answers_sealed == before.answers_sealed
    assert (after.recorded_at, after.flow_id) == (before.recorded_at, "quick_alert")
    assert QUICK_PLANT in str(open_answers(runtime.keys, after))
    [entry] = await stored_entries(runtime, receipt.reference)
    assert (entry.kind, entry.by_person_id, entry.at) == ("completion", "alex", clock.now())
    assert PLANTED not in entry.content_sealed  # sealed at rest

    view = await view_case(runtime, actor(runtime, "lead"), receipt.reference)
    assert view is not None and not view.incomplete
    [shown] = view.entries
    assert shown.by == "the reporter (AT)" and ("Platform", "Zoom") in shown.parts
    assert any(PLANTED in text for _, text in shown.parts)

    assert {t.status for t in await timer_rows(runtime, COMPLETION_TIMER)} == {"cancelled"}
    told = await outbox_rows(runtime, "case_completed")
    assert {r.destination for r in told} == {"lead", "deputy", "ceo"}
    assert PLANTED not in payload_text(told) and QUICK_PLANT not in payload_text(told)
    clock.advance(timedelta(days=3))
    await run_due_timers(runtime, default_handlers())
    assert await outbox_rows(runtime, "case_completion_reminder") == []


def _quick_without_discovery(runtime: Runtime) -> Runtime:
    """An organisation's own quick alert that does not ask when a breach was discovered."""
    quick = runtime.flows["quick_alert"]
    steps = [step for step in quick.steps if step.id != "discovered_at"]
    return replace(runtime,
                   flows=runtime.flows.with_flow(quick.model_copy(update={"steps": steps})))


async def test_a_breach_completed_later_starts_its_ico_clock_from_discovery(
    runtime: Runtime,
) -> None:
    runtime = _quick_without_discovery(runtime)  # the built-in one asks (test_quick_breach.py)
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex, kind="confidentiality_breach")
    assert receipt.reference.startswith("CB-")
    assert (await report_row(runtime, receipt.reference)).discovered_at is None
    await complete(runtime, alex, receipt.reference, ReportKind.CONFIDENTIALITY_BREACH)
    found = (await report_row(runtime, receipt.reference)).discovered_at
    assert found == datetime(2026, 3, 13, 15, 0, tzinfo=UTC)  # "yesterday 15:00"


async def test_naming_a_member_of_staff_in_the_full_record_takes_it_away_from_them(
    runtime: Runtime,
) -> None:
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex)
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    await complete(runtime, alex, receipt.reference, about_staff="yes",
                   about_staff_person="deputy")
    report = await report_row(runtime, receipt.reference)
    assert report.subject_person_id == "deputy" and report.about_staff
    assert not may(runtime, actor(runtime, "deputy"), Action.VIEW_CASE, report)
    told = await outbox_rows(runtime, "case_completed")
    assert "deputy" not in {r.destination for r in told} and told


async def test_only_the_reporter_completes_once_and_only_a_quick_alert(
    runtime: Runtime,
) -> None:
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex)
    refused = await start_completion(runtime, actor(runtime, "lead"), "test:lead",
                                     receipt.reference)
    assert "You cannot complete" in notice_text(refused)
    assert await reporting.current(runtime, "test:lead", "console") is None
    full = await file_report(runtime, alex, ReportKind.SAFEGUARDING_CONCERN)
    assert "was not a quick alert" in notice_text(await complete(runtime, alex,
                                                                  full.reference))
    await complete(runtime, alex, receipt.reference)
    assert "complete already" in notice_text(await complete(runtime, alex, receipt.reference))
    assert len(await stored_entries(runtime, receipt.reference)) == 1
    assert "completion_refused" in [e.action for e in await audit_actions(runtime)]


async def test_a_case_closed_during_completion_refuses_it_and_writes_nothing(
    runtime: Runtime,
) -> None:
    alex, lead = actor(runtime, "alex"), actor(runtime, "lead")
    receipt = await quick_alert(runtime, alex)
    await acknowledge(runtime, lead, receipt.reference)
    replies = await start_completion(runtime, alex, conversation(alex), receipt.reference)
    assert isinstance(last_question(replies), Question)
    closed = await actions.close(runtime, lead, receipt.reference, "no-further-action", "Done")
    assert closed.done
    answers = ANSWERS[ReportKind.SAFEGUARDING_CONCERN]
    done = await answer_all(runtime, alex, replies, answers)
    assert "has been closed" in notice_text(done)
    assert [e.kind for e in await stored_entries(runtime, receipt.reference)] == ["closure"]
    again = await start_completion(runtime, alex, "test:other", receipt.reference)
    assert "You cannot complete" in notice_text(again)


async def test_report_without_a_kind_offers_the_quick_alert(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    replies = await reporting.start(runtime, alex, conversation(alex), None)
    chooser = last_question(replies)
    assert chooser is not None and chooser.options[-1].value == reporting.QUICK_CHOICE
    assert "write it up later" in chooser.options[-1].label
    replies = await reporting.respond(runtime, alex, conversation(alex),
                                      AnswerInput(reporting.QUICK_CHOICE))
    first = last_question(replies)
    assert first is not None and (first.flow_title, first.step_id) == (
        "Quick alert", "immediate_danger")


async def test_incomplete_reports_are_the_reporters_own_until_completed(
    runtime: Runtime,
) -> None:
    alex, guest = actor(runtime, "alex"), Actor("slack", "U0GUEST", None)
    mine = await quick_alert(runtime, alex)
    theirs = await quick_alert(runtime, guest)
    await file_report(runtime, alex, ReportKind.OPERATIONAL_INCIDENT)
    assert [r.reference for r in await incomplete_reports(runtime, alex)] == [mine.reference]
    assert [r.reference for r in await incomplete_reports(runtime, guest)] == [
        theirs.reference]
    await complete(runtime, guest, theirs.reference)
    assert await incomplete_reports(runtime, guest) == []
    view = await view_case(runtime, actor(runtime, "lead"), theirs.reference)
    assert view is not None and view.entries[0].by.startswith("the reporter (a guest")
    assert (await report_row(runtime, theirs.reference)).state == "submitted"
    assert ESCALATION_TIMER in {t.kind for t in await timer_rows(runtime, ESCALATION_TIMER)}


async def test_the_private_details_say_incomplete_then_show_the_full_record_after_the_quick_one(
    runtime: Runtime, clock: ManualClock,
) -> None:
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex)
    before = await view_details(runtime, actor(runtime, "lead"), receipt.reference)
    assert before is not None and before.incomplete
    assert QUICK_PLANT in " ".join(i.value for i in before.items)
    assert not any(i.step_id == "completed" for i in before.items)
    clock.advance(timedelta(minutes=20))
    await complete(runtime, alex, receipt.reference)
    after = await view_details(runtime, actor(runtime, "lead"), receipt.reference)
    assert after is not None and not after.incomplete
    keys = [i.step_id for i in after.items]
    first_full = keys.index("completed")
    assert before.items == after.items[:first_full]  # the quick account, as first recorded
    assert any(PLANTED in i.value for i in after.items[first_full:])
    full = await file_report(runtime, alex, ReportKind.SAFEGUARDING_CONCERN)
    plain = await view_details(runtime, actor(runtime, "lead"), full.reference)
    assert plain is not None and not plain.incomplete


async def test_a_full_record_that_reveals_immediate_danger_brings_the_next_escalation_forward(
    runtime: Runtime, clock: ManualClock,
) -> None:
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex)
    [pending] = await timer_rows(runtime, ESCALATION_TIMER)
    assert pending.due_at > clock.now() + timedelta(minutes=5)
    clock.advance(timedelta(minutes=3))
    await complete(runtime, alex, receipt.reference, immediate_danger="yes")
    [brought] = await timer_rows(runtime, ESCALATION_TIMER)
    assert brought.due_at == clock.now()
    assert (await report_row(runtime, receipt.reference)).urgency == "immediate_danger"
    [done] = [e for e in await audit_actions(runtime) if e.action == "report_completed"]
    assert "escalation_brought_forward" in done.detail["changed"]
    await run_due_timers(runtime, default_handlers())
    escalated = [r for r in await outbox_rows(runtime, "alert")
                 if r.payload["reference"] == receipt.reference and r.payload["step"] == 1]
    assert ("person", "ceo") in destinations(escalated)


async def test_an_acknowledged_quick_alert_is_not_escalated_by_its_completion(
    runtime: Runtime, clock: ManualClock,
) -> None:
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex)
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    await complete(runtime, alex, receipt.reference, immediate_danger="yes")
    [done] = [e for e in await audit_actions(runtime) if e.action == "report_completed"]
    assert "urgency" in done.detail["changed"]
    assert "escalation_brought_forward" not in done.detail["changed"]
    assert {t.status for t in await timer_rows(runtime, ESCALATION_TIMER)} == {"cancelled"}
