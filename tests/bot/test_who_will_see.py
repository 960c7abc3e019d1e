"""The review and the receipt say plainly who will see a report: the roles, that it is
confidential but not anonymous, and that a concern about staff goes around that person."""

from dataclasses import replace

from bot import audience, reporting
from bot.availability import set_away
from bot.config import parse_config
from bot.flow.runner import AnswerInput, Submit
from bot.runtime import Runtime
from bot.ui import Receipt, Reply, Summary
from tests.bot.driving import actor, last_question
from tests.bot.quick_helpers import outbox_rows
from tests.conftest import EXAMPLE_CONFIG
from tests.kinds import ReportKind
from tests.scripts import ANSWERS

KIND = ReportKind.SAFEGUARDING_CONCERN


async def _to_review(runtime: Runtime, overrides: dict[str, str], practice: bool = False
                     ) -> tuple[Summary, list[Reply]]:
    alex = actor(runtime, "alex")
    answers = {**ANSWERS[KIND], **overrides}
    replies = await reporting.start(runtime, alex, "test:alex", KIND, practice)
    while (question := last_question(replies)) is not None:
        replies = await reporting.respond(runtime, alex, "test:alex",
                                          AnswerInput(answers[question.step_id]))
    summary = next(r for r in replies if isinstance(r, Summary))
    return summary, await reporting.respond(runtime, alex, "test:alex", Submit())


async def test_the_review_and_receipts_name_the_roles_and_the_privacy_rules(
    runtime: Runtime,
) -> None:
    summary, submitted = await _to_review(runtime, {})
    assert summary.seen_by == ("safeguarding lead", "deputy safeguarding lead", "CEO")
    assert summary.privacy == (audience.CONFIDENTIAL, audience.AROUND_STAFF)
    assert "not anonymous" in audience.CONFIDENTIAL
    receipt = next(r for r in submitted if isinstance(r, Receipt))
    assert receipt.seen_by == summary.seen_by and receipt.privacy == summary.privacy
    [message] = await outbox_rows(runtime, "receipt")
    assert message.payload["seen_by"] == list(summary.seen_by)
    assert set(summary.privacy) <= set(message.payload["next_steps"])


async def test_a_concern_about_staff_says_it_goes_around_them(runtime: Runtime) -> None:
    summary, submitted = await _to_review(
        runtime, {"about_staff": "yes", "about_staff_person": "deputy"})
    assert summary.privacy == (audience.CONFIDENTIAL, audience.ABOUT_STAFF)
    receipt = next(r for r in submitted if isinstance(r, Receipt))
    assert audience.ABOUT_STAFF in receipt.privacy


async def test_practice_says_nobody_else_sees_it(runtime: Runtime) -> None:
    summary, _ = await _to_review(runtime, {}, practice=True)
    assert summary.privacy == (audience.PRACTICE,)


async def test_a_concern_about_the_lead_leaves_the_lead_out_of_who_will_see_it(
    runtime: Runtime,
) -> None:
    summary, submitted = await _to_review(
        runtime, {"about_staff": "yes", "about_staff_person": "lead"})
    assert summary.seen_by == ("deputy safeguarding lead", "CEO")
    receipt = next(r for r in submitted if isinstance(r, Receipt))
    assert receipt.seen_by == summary.seen_by
    [message] = await outbox_rows(runtime, "receipt")
    assert message.payload["seen_by"] == ["deputy safeguarding lead", "CEO"]


async def test_only_roles_someone_in_the_organisation_holds_are_named(runtime: Runtime) -> None:
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8").replace(
        'roles = ["deputy_safeguarding_lead", "manager"]', 'roles = ["manager"]', 1)
    no_deputy = replace(runtime, config=parse_config(text))
    summary, submitted = await _to_review(no_deputy, {})
    assert summary.seen_by == ("safeguarding lead", "CEO")
    receipt = next(r for r in submitted if isinstance(r, Receipt))
    assert receipt.seen_by == summary.seen_by


async def test_with_the_leads_away_the_review_names_who_the_chain_reaches(
    runtime: Runtime,
) -> None:
    for lead in ("lead", "deputy"):
        await set_away(runtime, actor(runtime, lead), "3d")
    summary, submitted = await _to_review(
        runtime, {"about_staff": "yes", "about_staff_person": "ceo"})
    assert summary.seen_by == ("safeguarding lead", "deputy safeguarding lead",
                               "data protection lead")
    receipt = next(r for r in submitted if isinstance(r, Receipt))
    assert receipt.seen_by == summary.seen_by and receipt.status == audience.ALERTING
    alerts = await outbox_rows(runtime, "alert")
    assert {r.recipient_person_id for r in alerts} == {"dpl"}, "no channel: it is about the CEO"
