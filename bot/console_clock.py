"""The console's movable clock: `/advance` moves it forward and is recorded, and a restarted
console carries on from the latest moment on record, so nothing shows a negative age."""

from datetime import timedelta

from bot import auditing
from bot.actors import Actor
from bot.clock import OffsetClock
from bot.runtime import Runtime
from storage.repositories import moments


async def resume(runtime: Runtime, clock: OffsetClock) -> None:
    """Never start behind anything already recorded (an earlier run's `/advance`)."""
    async with runtime.database.readers() as session:
        latest = await moments.latest(session)
    if latest is not None:
        clock.catch_up(latest)


async def advance(runtime: Runtime, clock: OffsetClock, actor: Actor, by: timedelta) -> None:
    """Move the clock forward and record it (the audit entry also keeps the new time)."""
    clock.advance(by)
    async with runtime.database.transaction() as session:
        await auditing.record(session, clock.now(), "clock_advanced", actor, None,
                              seconds=int(by.total_seconds()))
