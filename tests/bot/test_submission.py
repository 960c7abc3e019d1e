"""Filing reports through the core: stored once, routed right, nothing lost, nothing leaked."""

import asyncio
from dataclasses import replace

from sqlalchemy import select

from bot import reporting
from bot.delivery import deliver_due
from bot.domain import Role, Urgency
from bot.flow.runner import AnswerInput, Submit
from bot.routing import plan_for
from bot.runtime import Runtime
from bot.ui import Notice, Question
from storage.models import FlowSession, OutboxMessage, Report, Timer
from storage.repositories import reports
from tests.bot.driving import actor, file_report, last_question
from tests.bot.fakes import RecordingTransport
from tests.kinds import ReportKind
from tests.scripts import ANSWERS, PLANTED


async def _outbox(runtime: Runtime) -> list[OutboxMessage]:
    async with runtime.database.sessions() as session:
        return list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id)))
                    .scalars())


async def test_each_kind_gets_its_own_reference_series(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    refs = [
        (await file_report(runtime, alex, kind)).reference
        for kind in (ReportKind.SAFEGUARDING_CONCERN, ReportKind.CONFIDENTIALITY_BREACH,
                     ReportKind.OPERATIONAL_INCIDENT, ReportKind.SAFEGUARDING_CONCERN)
    ]
    assert refs == ["SG-2026-0001", "CB-2026-0001", "OI-2026-0001", "SG-2026-0002"]


async def test_report_keeps_when_it_happened_apart_from_when_it_was_recorded(
    runtime: Runtime,
) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"),
                                ReportKind.CONFIDENTIALITY_BREACH)
    async with runtime.database.sessions() as session:
        report = await reports.by_reference(session, receipt.reference)
    assert report is not None
    assert report.recorded_at == runtime.clock.now()
    assert report.occurred_at is not None and report.discovered_at is not None
    assert report.occurred_at < report.discovered_at < report.recorded_at
    assert report.reporter_person_id == "alex" and report.state == "submitted"


async def test_alerts_go_to_routed_roles_and_the_channel_without_content(
    runtime: Runtime,
) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.CONFIDENTIALITY_BREACH)
    rows = await _outbox(runtime)
    alerted = {r.recipient_person_id for r in rows if r.event == "alert"}
    assert alerted == {"lead", "deputy", "dpl", None}  # None: the alert channel
    assert [r.destination for r in rows if r.destination_kind == "channel"] == ["alerts"]
    assert [r.destination for r in rows if r.event == "receipt"] == ["alex"]
    assert all(PLANTED not in str(r.payload) for r in rows)


async def test_a_safeguarding_concern_does_not_go_to_the_data_protection_lead(
    runtime: Runtime,
) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    alerted = {r.recipient_person_id for r in await _outbox(runtime) if r.event == "alert"}
    assert alerted == {"lead", "deputy", None}


async def test_submission_schedules_the_escalation_timer(runtime: Runtime) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    async with runtime.database.sessions() as session:
        timer = (await session.execute(select(Timer))).scalar_one()
    assert timer.kind == "escalation" and timer.step == 1
    first_wait = plan_for(runtime.config, runtime.kinds[ReportKind.SAFEGUARDING_CONCERN],
                          Urgency.NORMAL)
    assert timer.due_at == runtime.clock.now() + first_wait.steps[0].wait


async def test_immediate_danger_shows_emergency_guidance_first_and_marks_urgent(
    runtime: Runtime, known_code: str,
) -> None:
    alex = actor(runtime, "alex")
    replies = await reporting.start(runtime, alex, "c", ReportKind.SAFEGUARDING_CONCERN)
    replies = await reporting.respond(runtime, alex, "c", AnswerInput("yes"))
    assert isinstance(replies[0], Notice) and replies[0].tone == "emergency"
    assert "999" in replies[0].text
    # then that the lead has been alerted (tests/bot/test_immediate_alerts.py), then on
    reference = f"SG-2026-{known_code}"  # filed as a quick alert: a code (bot.references)
    assert isinstance(replies[1], Notice) and f"has been alerted, {reference}" in replies[1].text
    assert isinstance(replies[2], Question) and replies[2].step_id == "occurred_at"
    async with runtime.database.sessions() as session:
        alert = await reports.by_reference(session, reference)
    assert alert is not None and alert.urgency == "immediate_danger"


async def test_a_concern_about_the_lead_goes_around_the_lead(runtime: Runtime) -> None:
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN,
                      {"about_staff": "yes", "about_staff_person": "lead"})
    rows = await _outbox(runtime)
    alerted = {r.recipient_person_id for r in rows if r.event == "alert"}
    assert "lead" not in alerted and "deputy" in alerted
    assert not [r for r in rows if r.destination_kind == "channel"]
    async with runtime.database.sessions() as session:
        report = (await session.execute(select(Report))).scalar_one()
    assert report.subject_person_id == "lead" and report.about_staff


async def test_a_concern_about_the_only_leads_goes_to_the_fallback(runtime: Runtime) -> None:
    config = runtime.config.model_copy(update={"people": [
        p.model_copy(update={"roles": [Role.STAFF]}) if p.id == "deputy" else p
        for p in runtime.config.people
    ]})
    solo = replace(runtime, config=config)
    await file_report(solo, actor(solo, "alex"), ReportKind.SAFEGUARDING_CONCERN,
                      {"about_staff": "yes", "about_staff_person": "lead"})
    alerted = {r.recipient_person_id for r in await _outbox(solo) if r.event == "alert"}
    assert alerted == {"ceo"}


async def test_practice_alerts_only_the_person_practising(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"),
                                ReportKind.SAFEGUARDING_CONCERN, practice=True)
    assert receipt.reference == "PRACTICE-SG-2026-0001" and receipt.practice
    rows = await _outbox(runtime)
    assert {r.destination for r in rows} == {"alex"}
    assert {r.event for r in rows} == {"alert", "receipt"}
    async with runtime.database.sessions() as session:
        assert await reports.count_real(session) == 0
        assert (await session.execute(select(Timer))).first() is None


async def test_a_second_submit_of_the_same_flow_files_nothing_more(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    await file_report(runtime, alex, ReportKind.OPERATIONAL_INCIDENT)
    replies = await reporting.respond(runtime, alex, "test:alex", Submit())
    assert isinstance(replies[0], Notice) and "no report in progress" in replies[0].text
    async with runtime.database.sessions() as session:
        assert await reports.count_real(session) == 1


async def test_progress_survives_a_restart_mid_flow(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    await reporting.start(runtime, alex, "c", ReportKind.OPERATIONAL_INCIDENT)
    for step in ("immediate_danger", "occurred_at", "platform"):
        await reporting.respond(runtime, alex, "c", AnswerInput(
            ANSWERS[ReportKind.OPERATIONAL_INCIDENT][step]))
    restarted = replace(runtime)
    question = last_question(await reporting.resume(restarted, alex, "c"))
    assert question is not None and question.step_id == "session_name"


async def test_delivery_sends_every_message_once_and_retries_transient_failures(
    runtime: Runtime, clock
) -> None:
    from datetime import timedelta

    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    transport = RecordingTransport()
    transport.failures_left = 2
    transport.retry_after = 30
    transports = {"console": transport}
    assert await deliver_due(runtime, transports) >= 1
    clock.advance(timedelta(seconds=31))
    await deliver_due(runtime, transports)
    await deliver_due(runtime, transports)
    rows = await _outbox(runtime)
    assert {r.status for r in rows} == {"sent"}
    keys = [(i.event, i.destination) for i in transport.sent]
    assert len(keys) == len(set(keys)) == len(rows)
    assert all(PLANTED not in repr(item.message) for item in transport.sent)


async def test_two_starts_at_once_share_one_report_in_progress(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    results = await asyncio.gather(*(reporting.start(runtime, alex, "c1", None)
                                     for _ in range(3)))
    assert all(last_question(replies) is not None for replies in results)
    async with runtime.database.sessions() as session:
        rows = (await session.execute(select(FlowSession))).scalars().all()
    assert len(rows) == 1


async def test_opening_a_report_writes_nothing_until_the_first_answer(runtime: Runtime) -> None:
    alex = actor(runtime, "alex")
    opening = await reporting.open_report(runtime, alex, "c1", ReportKind.SAFEGUARDING_CONCERN,
                                          context={"message_link": "https://x/p1", "x": "y"})
    question = last_question(opening.replies)
    assert question is not None and question.step_id == "immediate_danger"
    assert opening.draft is not None and await reporting.current(runtime, "c1", "console") is None
    tampered = {**opening.draft, "answers": {"immediate_danger": "yes"}}
    replies = await reporting.respond(runtime, alex, "c1", AnswerInput("no"), tampered)
    assert last_question(replies).step_id == "occurred_at"  # type: ignore[union-attr]
    progress = await reporting.progress(runtime, "c1", "console")
    assert progress is not None and progress.answers == {"immediate_danger": "no"}
    assert progress.context == {"message_link": "https://x/p1"}
    again = await reporting.open_report(runtime, alex, "c1", None)
    assert again.draft is None and last_question(again.replies).step_id == "occurred_at"  # type: ignore[union-attr]


async def test_the_receipt_says_how_long_before_escalation_in_words(runtime: Runtime) -> None:
    """Reporters read "within 15 minutes", never a compact "15m"."""
    await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    first = plan_for(runtime.config, runtime.kinds[ReportKind.SAFEGUARDING_CONCERN],
                     Urgency.NORMAL).steps[0]
    minutes = int(first.wait.total_seconds() // 60)
    said = " ".join(str(r.payload) for r in await _outbox(runtime) if r.event == "receipt")
    assert f"within {minutes} minutes," in said
    assert f"within {minutes}m" not in said
