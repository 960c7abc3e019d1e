"""The console's movable clock never starts behind what is already on record."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot import console_clock
from bot.clock import ManualClock, OffsetClock
from bot.runtime import Runtime
from tests.bot.cases.helpers import audit_actions, report_row
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind

START = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)


def test_catching_up_only_ever_moves_forward() -> None:
    clock = OffsetClock(ManualClock(START))
    clock.catch_up(START - timedelta(days=1))
    assert clock.now() == START
    clock.catch_up(START + timedelta(hours=5))
    assert clock.now() == START + timedelta(hours=5)
    with pytest.raises(ValueError):
        clock.advance(timedelta(seconds=-1))


async def test_a_restart_resumes_from_the_last_advance_and_what_it_recorded(
    runtime: Runtime,
) -> None:
    clock = OffsetClock(ManualClock(START))
    first = replace(runtime, clock=clock)
    await console_clock.advance(first, clock, actor(first, "lead"), timedelta(days=3))
    receipt = await file_report(first, actor(first, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    assert (await report_row(first, receipt.reference)).recorded_at == START + timedelta(days=3)
    advanced = [e for e in await audit_actions(first) if e.action == "clock_advanced"]
    assert [(e.at, e.detail, e.actor_person_id) for e in advanced] == [
        (START + timedelta(days=3), {"seconds": 259200}, "lead")]

    restarted = OffsetClock(ManualClock(START + timedelta(minutes=5)))  # the real time now
    await console_clock.resume(replace(runtime, clock=restarted), restarted)
    assert restarted.now() == START + timedelta(days=3)


async def test_an_empty_database_leaves_the_clock_alone(runtime: Runtime) -> None:
    clock = OffsetClock(ManualClock(START))
    await console_clock.resume(replace(runtime, clock=clock), clock)
    assert clock.now() == START
