"""Clock reminders are durable timers: they fire at the right time in the organisation's
zone, remind whoever holds the case (more people once a clock runs out), and stop once the
clock is met."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select

from bot.cases import actions
from bot.cases.reminders import CLOCK_TIMER, start_clocks
from bot.clock import ManualClock
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from storage.models import Timer
from tests.bot.cases.helpers import (
    NOTE_PLANT,
    acknowledged,
    audit_actions,
    case_outbox,
    register_case_notices,
    report_row,
    stored_entries,
    unregister_case_notices,
)
from tests.bot.driving import actor
from tests.kinds import ReportKind
from tests.scripts import PLANTED

BREACH = ReportKind.CONFIDENTIALITY_BREACH
# The clock fixture starts on Saturday 14 March 2026, 10:00 UTC (= London time in March).
# The breach was discovered "yesterday 15:00": the ICO clock runs out on Monday 16 at 15:00.
ICO_DUE = datetime(2026, 3, 16, 15, 0, tzinfo=UTC)


async def _started(runtime: Runtime) -> str:
    """A breach acknowledged with its clocks started (what the acknowledgement hook does)."""
    reference = await acknowledged(runtime, BREACH)
    report = await report_row(runtime, reference)
    async with runtime.database.transaction() as session:
        assert await start_clocks(session, runtime, report, runtime.clock.now()) == 3
        assert await start_clocks(session, runtime, report, runtime.clock.now()) == 3
    return reference


async def _clock_timers(runtime: Runtime) -> list[Timer]:
    async with runtime.database.sessions() as session:
        rows = await session.execute(select(Timer).where(Timer.kind == CLOCK_TIMER)
                                     .order_by(Timer.due_at))
        return list(rows.scalars())


async def _run_until(runtime: Runtime, clock: ManualClock, moment: datetime) -> int:
    clock.advance(moment - clock.now())
    return await run_due_timers(runtime, default_handlers())


async def test_the_ico_clock_reminds_the_holder_and_the_dpl_before_it_runs_out(
    runtime: Runtime, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    register_case_notices(monkeypatch)
    reference = await _started(runtime)
    timers = await _clock_timers(runtime)
    assert [t.due_at for t in timers] == [ICO_DUE - timedelta(hours=24),
                                          ICO_DUE - timedelta(hours=2), ICO_DUE]
    assert await _run_until(runtime, clock, ICO_DUE - timedelta(hours=24, seconds=1)) == 0
    assert await _run_until(runtime, clock, ICO_DUE - timedelta(hours=24)) == 1
    entries = await stored_entries(runtime, reference)
    assert [(e.kind, e.code, e.by_person_id) for e in entries] == [
        ("clock_reminder", "ico", None)]
    reminder = [e for e in await audit_actions(runtime) if e.action == "case_clock_reminder"]
    assert reminder[0].detail["notified"] == ["lead", "dpl"]
    sent = await case_outbox(runtime)
    assert sorted(m.recipient_person_id or "" for m in sent) == ["dpl", "lead"]
    text = sent[0].payload["text"]
    assert "ICO" in text and "Mon 16 Mar 2026, 15:00" in text and "1d" in text
    assert PLANTED not in str(sent[0].payload)


async def test_a_met_clock_stops_reminding(runtime: Runtime, clock: ManualClock) -> None:
    reference = await _started(runtime)
    assert (await actions.record_referral(runtime, actor(runtime, "dpl"), reference, "ico",
                                          their_reference=f"ICO-{NOTE_PLANT}")).done
    await _run_until(runtime, clock, ICO_DUE + timedelta(hours=1))
    assert [e.kind for e in await stored_entries(runtime, reference)] == ["referral"]
    assert {t.status for t in await _clock_timers(runtime)} == {"fired"}


async def test_when_the_clock_runs_out_the_fallback_role_is_told_too(
    runtime: Runtime, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    unregister_case_notices(monkeypatch)
    reference = await _started(runtime)
    assert (await actions.assign(runtime, actor(runtime, "lead"), reference, "deputy")).done
    for moment in (ICO_DUE - timedelta(hours=24), ICO_DUE - timedelta(hours=2), ICO_DUE):
        await _run_until(runtime, clock, moment)
    codes = [e.code for e in await stored_entries(runtime, reference)
             if e.kind == "clock_reminder"]
    assert codes == ["ico", "ico", "ico_overdue"]
    notified = [e.detail["notified"] for e in await audit_actions(runtime)
                if e.action == "case_clock_reminder"]
    assert notified[-1] == ["deputy", "dpl", "ceo"]
    assert all(queued == 0 for queued in [e.detail["queued"] for e in await audit_actions(
        runtime) if e.action == "case_clock_reminder"])  # the outbox cannot carry them here
    assert await case_outbox(runtime) == []


async def test_a_decision_to_refer_runs_to_the_end_of_the_next_working_day(
    runtime: Runtime, clock: ManualClock,
) -> None:
    reference = await acknowledged(runtime)  # Saturday
    lead = actor(runtime, "lead")
    assert (await actions.record_decision(runtime, lead, reference, "refer",
                                          "Risk of harm at home.", "mash")).done
    due = datetime(2026, 3, 16, 17, 0, tzinfo=UTC)  # Monday, 17:00 London
    assert (await _clock_timers(runtime))[-1].due_at == due
    assert await _run_until(runtime, clock, due + timedelta(hours=1)) == 3
    reminders = [e.code for e in await stored_entries(runtime, reference)
                 if e.kind == "clock_reminder"]
    assert reminders == ["referral_overdue"]  # a worker that fell behind reminds once
    assert (await actions.record_referral(runtime, lead, reference, "mash")).done
    assert (await actions.close(runtime, lead, reference, "referred", "With social care.")).done


async def test_the_first_case_action_starts_the_clocks_if_nothing_else_did(
    runtime: Runtime,
) -> None:
    reference = await acknowledged(runtime, BREACH)
    async with runtime.database.transaction() as session:  # as if acknowledged before 0005
        await session.execute(delete(Timer).where(Timer.kind == CLOCK_TIMER))
    assert (await actions.add_note(runtime, actor(runtime, "lead"), reference, "Looking")).done
    assert len(await _clock_timers(runtime)) == 3
    async with runtime.database.sessions() as session:
        count = await session.execute(select(func.count()).select_from(Timer))
        assert count.scalar_one() == 3 + 1  # and the (cancelled) escalation timer
