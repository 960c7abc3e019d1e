"""The escalation plan is written onto each report when it is filed; every step runs from it.
A config change applies to new reports only; people who have since become away, or become the
subject, are skipped; a report filed before plans were kept still escalates."""

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import update

from bot.availability import set_away
from bot.clock import ManualClock
from bot.config import parse_config
from bot.escalation_policy import ESCALATION_TIMER
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from storage.models import OutboxMessage, Report
from tests.bot.cases.helpers import audit_actions, report_row
from tests.bot.driving import actor, file_report
from tests.bot.quick_helpers import complete, outbox_rows, quick_alert, timer_rows
from tests.conftest import EXAMPLE_CONFIG
from tests.kinds import ReportKind

SG = ReportKind.SAFEGUARDING_CONCERN
CHANGED = parse_config(EXAMPLE_CONFIG.read_text(encoding="utf-8").replace(
    '{ notify = ["ceo"], wait = "15m" },', '{ notify = ["dpl"], wait = "45m" },', 1))
"""The example, with the safeguarding policy's second step changed to the data-protection
lead and a longer wait."""


def _alerted(rows: list[OutboxMessage], reference: str, step: int) -> set[str]:
    return {r.recipient_person_id for r in rows if r.payload["reference"] == reference
            and r.payload["step"] == step and r.recipient_person_id}


async def _tick(runtime: Runtime, clock: ManualClock, minutes: int) -> list[OutboxMessage]:
    clock.advance(timedelta(minutes=minutes))
    await run_due_timers(runtime, default_handlers())
    return await outbox_rows(runtime, "alert")


async def test_the_whole_plan_is_written_onto_the_report(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"), SG)
    snapshot = (await report_row(runtime, receipt.reference)).escalation_snapshot
    assert snapshot is not None
    assert [(s["groups"], s["wait"]) for s in snapshot["steps"]] == [
        ([["safeguarding_lead", ["lead"]], ["deputy_safeguarding_lead", ["deputy"]]], 900),
        ([["ceo", ["ceo"]]], 900)]
    assert snapshot["repeat_every"] == 900
    assert [(s["label"], s["groups"]) for s in snapshot["chain"]] == [
        ("deputies", [["deputy_safeguarding_lead", ["deputy"]]]),
        ("fallback", [["ceo", ["ceo"]]]),
        ("last_resort", [["safeguarding_lead", ["lead"]],
                         ["deputy_safeguarding_lead", ["deputy"]],
                         ["data_protection_lead", ["dpl"]], ["ceo", ["ceo"]]])]
    assert snapshot["derived"] is False


async def test_a_config_change_between_two_steps_applies_to_new_reports_only(
    runtime: Runtime, clock: ManualClock,
) -> None:
    old = await file_report(runtime, actor(runtime, "alex"), SG)
    changed = replace(runtime, config=CHANGED)
    clock.advance(timedelta(minutes=5))
    new = await file_report(changed, actor(changed, "jo"), SG)

    rows = await _tick(changed, clock, 10)  # 15 minutes after the old report
    assert _alerted(rows, old.reference, 1) == {"ceo"}, "the old report follows its plan"
    assert _alerted(rows, new.reference, 1) == set()
    rows = await _tick(changed, clock, 5)  # 15 minutes after the new one: its wait is 15m
    assert _alerted(rows, new.reference, 1) == {"dpl"}, "the new report follows the new config"
    assert "ceo" not in {r.recipient_person_id for r in rows
                         if r.payload["reference"] == new.reference}
    rows = await _tick(changed, clock, 10)  # the old report's reminder, 15m after its step 1
    assert _alerted(rows, old.reference, 2) == {"lead", "deputy", "ceo"}
    assert _alerted(rows, new.reference, 2) == set(), "the new plan waits 45m after step 1"


async def test_someone_away_since_filing_is_skipped_and_the_chain_takes_over(
    runtime: Runtime, clock: ManualClock,
) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"), SG)
    await set_away(runtime, actor(runtime, "ceo"), "2d")
    rows = await _tick(runtime, clock, 15)
    assert _alerted(rows, receipt.reference, 1) == {"deputy"}
    [escalated] = [e for e in await audit_actions(runtime) if e.action == "escalated"]
    assert escalated.detail["alerted"] == ["deputy"] and escalated.detail["reached"] is True


async def test_a_report_filed_before_plans_were_kept_still_escalates(
    runtime: Runtime, clock: ManualClock,
) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"), SG)
    async with runtime.database.transaction() as session:
        await session.execute(update(Report).values(escalation_snapshot=None))
    assert (await report_row(runtime, receipt.reference)).escalation_snapshot is None
    changed = replace(runtime, config=CHANGED)
    rows = await _tick(changed, clock, 15)
    assert _alerted(rows, receipt.reference, 1) == {"dpl"}, "made from the config of the day"
    derived = (await report_row(runtime, receipt.reference)).escalation_snapshot
    assert derived is not None and derived["derived"] is True
    assert derived["steps"][1]["groups"] == [["dpl", ["dpl"]]]
    rows = await _tick(runtime, clock, 15)  # kept: the original config no longer applies
    assert _alerted(rows, receipt.reference, 2) == set(), "the derived plan waits 45m"
    rows = await _tick(runtime, clock, 30)
    assert _alerted(rows, receipt.reference, 2) == {"lead", "deputy", "dpl", "ceo"}


async def test_a_completion_that_names_the_only_person_alerted_escalates_at_once(
    runtime: Runtime, clock: ManualClock,
) -> None:
    await set_away(runtime, actor(runtime, "deputy"), "2d")
    alex = actor(runtime, "alex")
    receipt = await quick_alert(runtime, alex)
    assert _alerted(await outbox_rows(runtime, "alert"), receipt.reference, 0) == {"lead"}
    clock.advance(timedelta(minutes=3))
    await complete(runtime, alex, receipt.reference, about_staff="yes",
                   about_staff_person="lead")
    [pending] = [t for t in await timer_rows(runtime, ESCALATION_TIMER) if t.status != "done"]
    assert pending.due_at == clock.now()
    rows = await _tick(runtime, clock, 0)
    assert _alerted(rows, receipt.reference, 1) == {"ceo"}
    rows = await _tick(runtime, clock, 15)
    assert "lead" not in _alerted(rows, receipt.reference, 2)
    assert _alerted(rows, receipt.reference, 2) == {"ceo"}
    told = {r.destination for r in await outbox_rows(runtime, "case_completed")}
    assert told == {"ceo"}, "told through the fallback chain, never the subject or anyone away"
