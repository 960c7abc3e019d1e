"""A lead's private question to the reporter and the reporter's answer: sealed case entries,
audited, and never in any message; refused for anyone else, twice, when closed, or empty."""

from sqlalchemy import select

from bot.access import Action, may
from bot.acknowledgement import acknowledge
from bot.actors import Actor
from bot.cases import actions
from bot.cases.record import view_case
from bot.details import my_reports, view_details
from bot.followup.answers import answer_question, open_question, pending_questions
from bot.followup.questions import ask_reporter
from bot.quick.completion import start_completion
from bot.runtime import Runtime
from storage.models import Report
from tests.bot.cases.helpers import acknowledged, audit_actions, stored_entries
from tests.bot.driving import actor, file_report
from tests.bot.quick_helpers import notice_text, outbox_rows, payload_text
from tests.kinds import ReportKind

QUESTION = "What time did the call end? Osprey-Velvet-3310"
ANSWER = "About four, when AB logged off. Lynx-Amber-9902"


async def test_a_question_and_its_answer_are_sealed_audited_and_never_in_a_message(
    runtime: Runtime,
) -> None:
    reference = await acknowledged(runtime)
    lead, alex = actor(runtime, "lead"), actor(runtime, "alex")
    asked = await ask_reporter(runtime, lead, reference, QUESTION)
    assert asked.done and asked.sequence == 1
    [notice] = await outbox_rows(runtime, "case_question")
    assert (notice.destination, notice.payload["step"]) == ("alex", 1)
    assert notice.payload["text"].startswith(
        f"The safeguarding lead has a question about {reference}")
    assert await pending_questions(runtime, alex) == [(reference, 1)]

    shown = await open_question(runtime, alex, reference, 1)
    assert shown is not None and shown.text == QUESTION and not shown.answered
    answered = await answer_question(runtime, alex, reference, 1, ANSWER)
    assert answered.done and answered.number == 1
    [told] = await outbox_rows(runtime, "case_answered")
    assert told.destination == "lead" and reference in told.payload["text"]
    assert await pending_questions(runtime, alex) == []

    entries = await stored_entries(runtime, reference)
    assert [(e.kind, e.refers_to, e.by_person_id) for e in entries] == [
        ("question", None, "lead"), ("answer", 1, "alex")]
    assert all(QUESTION not in e.content_sealed and ANSWER not in e.content_sealed
               for e in entries)
    everything = payload_text(await outbox_rows(runtime))
    for secret in (QUESTION, ANSWER, "Osprey", "Lynx"):
        assert secret not in everything
    audit = [e.action for e in await audit_actions(runtime)]
    assert {"case_question", "question_opened", "case_answer"} <= set(audit)
    assert all(QUESTION not in str(e.detail) and ANSWER not in str(e.detail)
               for e in await audit_actions(runtime))
    view = await view_case(runtime, lead, reference)
    assert view is not None and view.unanswered == ()
    assert [(v.summary, v.parts) for v in view.entries] == [
        ("Question to the reporter", (("Question", QUESTION),)),
        ("Answer from the reporter to question #1", (("Answer", ANSWER),))]


async def test_only_record_keepers_handling_an_open_acknowledged_case_may_ask(
    runtime: Runtime,
) -> None:
    waiting = await file_report(runtime, actor(runtime, "alex"),
                                ReportKind.SAFEGUARDING_CONCERN)
    early = await ask_reporter(runtime, actor(runtime, "lead"), waiting.reference, "Hello?")
    assert early.status == "not_acknowledged"
    reference = await acknowledged(runtime)
    for person in ("alex", "jo", "manager", "dpl"):
        result = await ask_reporter(runtime, actor(runtime, person), reference, "Hello?")
        assert result.status == "refused", person
    for text in ("", "   \n", "x" * 2001):
        result = await ask_reporter(runtime, actor(runtime, "lead"), reference, text)
        assert result.status == "invalid" and "nothing was saved" in (result.message or "").lower()
    assert await stored_entries(runtime, reference) == []
    assert await outbox_rows(runtime, "case_question") == []
    lead = actor(runtime, "lead")
    assert (await actions.close(runtime, lead, reference, "no-further-action", "Done")).done
    assert (await ask_reporter(runtime, lead, reference, "One more?")).status == "closed"


async def test_only_the_reporter_answers_once_with_something_and_while_open(
    runtime: Runtime,
) -> None:
    reference = await acknowledged(runtime)
    lead, alex, jo = actor(runtime, "lead"), actor(runtime, "alex"), actor(runtime, "jo")
    await ask_reporter(runtime, lead, reference, QUESTION)
    assert await open_question(runtime, lead, reference, 1) is None
    assert await open_question(runtime, jo, reference) is None
    for someone in (lead, jo, Actor("slack", "U0ALEX", None)):
        assert (await answer_question(runtime, someone, reference, 1, ANSWER)).status == (
            "refused")
    assert (await answer_question(runtime, alex, reference, 1, "  ")).status == "invalid"
    assert (await answer_question(runtime, alex, reference, 7, ANSWER)).status == (
        "no_question")
    assert len(await stored_entries(runtime, reference)) == 1
    assert (await answer_question(runtime, alex, reference, None, ANSWER)).done
    again = await answer_question(runtime, alex, reference, 1, "Changed my mind")
    assert again.status == "answered"
    await ask_reporter(runtime, lead, reference, "And a second question")
    assert (await actions.close(runtime, lead, reference, "no-further-action", "Done")).done
    assert (await answer_question(runtime, alex, reference, 3, ANSWER)).status == "closed"
    assert len(await stored_entries(runtime, reference)) == 4  # q, a, q, closure
    refusals = [e for e in await audit_actions(runtime)
                if e.action in ("answer_refused", "question_open_refused")]
    assert len(refusals) >= 6


async def test_a_guest_reports_answers_and_can_never_see_another_report(
    runtime: Runtime,
) -> None:
    guest = Actor("slack", "U0GUEST", None)
    runtime = _with_slack(runtime)
    mine = await file_report(runtime, guest, ReportKind.OPERATIONAL_INCIDENT)
    [receipt] = [r for r in await outbox_rows(runtime, "receipt")
                 if r.payload["reference"] == mine.reference]
    assert (receipt.platform, receipt.destination) == ("slack", "U0GUEST")
    assert [line.reference for line in await my_reports(runtime, guest)] == [mine.reference]

    other = await acknowledged(runtime)
    lead = actor(runtime, "lead")
    await acknowledge(runtime, lead, mine.reference)
    assert (await ask_reporter(runtime, lead, mine.reference, QUESTION)).done
    assert (await open_question(runtime, guest, mine.reference)) is not None
    assert (await answer_question(runtime, guest, mine.reference, None, ANSWER)).done
    view = await view_case(runtime, lead, mine.reference)
    assert view is not None and view.entries[-1].by == "the reporter (a guest, not in the config)"

    await ask_reporter(runtime, lead, other, QUESTION)
    assert await view_details(runtime, guest, other) is None
    assert await view_case(runtime, guest, other) is None
    assert await open_question(runtime, guest, other) is None
    assert (await answer_question(runtime, guest, other, None, ANSWER)).status == "refused"
    assert "You cannot complete" in notice_text(
        await start_completion(runtime, guest, "slack:D0GUEST", other))
    async with runtime.database.sessions() as session:
        report = (await session.execute(select(Report).where(Report.reference == other))
                  ).scalar_one()
    assert not any(may(runtime, guest, action, report) for action in Action)
    refused = {e.action for e in await audit_actions(runtime) if e.actor_user_id == "U0GUEST"}
    assert {"view_refused", "case_viewed_refused", "question_open_refused",
            "answer_refused", "completion_refused"} <= refused


def _with_slack(runtime: Runtime) -> Runtime:
    """Notifications may go to Slack users too (they are only queued here)."""
    from dataclasses import replace

    return replace(runtime, platforms=("console", "slack"))
