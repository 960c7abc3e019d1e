"""Retention erases content past its period, keeps the entry and the audit trail, and never
touches a record on legal hold or one nobody has acknowledged yet."""

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from bot import reporting, retention
from bot.acknowledgement import acknowledge
from bot.audit_chain import verify_chain
from bot.clock import ManualClock
from bot.config import RetentionSettings
from bot.details import view_details
from bot.records import open_answers
from bot.runtime import Runtime
from storage.models import AuditEvent, FlowSession, Report
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind

SG = ReportKind.SAFEGUARDING_CONCERN


def _with_retention(runtime: Runtime, **periods: timedelta) -> Runtime:
    settings = RetentionSettings(**periods)
    return replace(runtime, config=runtime.config.model_copy(update={"retention": settings}))


async def _reports(runtime: Runtime) -> dict[str, Report]:
    async with runtime.database.sessions() as session:
        rows = (await session.execute(select(Report))).scalars()
        return {r.reference: r for r in rows}


async def test_content_past_its_period_is_erased_but_the_entry_stays(
    runtime: Runtime, clock: ManualClock
) -> None:
    runtime = _with_retention(runtime, safeguarding_concern=timedelta(days=365 * 7))
    old = await file_report(runtime, actor(runtime, "alex"), SG)
    held = await file_report(runtime, actor(runtime, "alex"), SG)
    waiting = await file_report(runtime, actor(runtime, "alex"), SG)
    for receipt in (old, held):
        await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    assert await retention.set_legal_hold(runtime, actor(runtime, "lead"), held.reference, True)
    clock.advance(timedelta(days=365 * 7 + 1))
    done = await retention.run(runtime, clock.now())
    assert done.erased == 1
    rows = await _reports(runtime)
    assert open_answers(runtime.keys, rows[old.reference]) == {}
    assert rows[old.reference].erased_at == clock.now()
    assert rows[old.reference].reporter_person_id is None
    assert open_answers(runtime.keys, rows[held.reference]) != {}
    assert open_answers(runtime.keys, rows[waiting.reference]) != {}  # never acknowledged
    details = await view_details(runtime, actor(runtime, "lead"), old.reference)
    assert details is not None and details.items == ()
    assert (await verify_chain(runtime.database)).ok


async def test_only_record_keepers_may_place_a_hold(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "alex"), SG)
    assert not await retention.set_legal_hold(runtime, actor(runtime, "alex"),
                                              receipt.reference, True)
    async with runtime.database.sessions() as session:
        refused = (await session.execute(select(AuditEvent).where(
            AuditEvent.action == "legal_hold_refused"))).scalars().all()
    assert len(refused) == 1


async def test_practice_and_abandoned_drafts_go_after_thirty_days(
    runtime: Runtime, clock: ManualClock
) -> None:
    practice = await file_report(runtime, actor(runtime, "alex"), SG, practice=True)
    await reporting.start(runtime, actor(runtime, "jo"), "c-jo", SG)
    clock.advance(timedelta(days=31))
    done = await retention.run(runtime, clock.now())
    assert (done.erased, done.drafts_removed) == (1, 1)
    assert (await _reports(runtime))[practice.reference].erased_at is not None
    async with runtime.database.sessions() as session:
        assert (await session.execute(select(FlowSession))).first() is None


async def test_the_daily_job_runs_once_a_day_whoever_asks(
    runtime: Runtime, clock: ManualClock
) -> None:
    first = await retention.run_if_due(runtime)
    again = await retention.run_if_due(runtime)
    clock.advance(timedelta(days=1))
    next_day = await retention.run_if_due(runtime)
    assert first is not None and again is None and next_day is not None
