"""Check-ins have their own, shorter retention ([wellbeing] retention, default 180 days):
ended check-ins are deleted outright with their answers and the outbox rows they wrote, and
old offers likewise, then where to reach any guest who has neither left. Check-ins still to
come are never deleted. Run by bot.retention daily."""

from datetime import datetime

from bot.runtime import Runtime
from storage.repositories import checkins

BATCH = 500


async def erase_expired(runtime: Runtime, now: datetime) -> int:
    """Delete check-ins that ended before the retention period; returns how many."""
    cutoff = now - runtime.config.wellbeing.retention
    erased = 0
    while True:
        async with runtime.database.transaction() as session:
            ids = await checkins.ended_before(session, cutoff, BATCH)
            if ids:
                await checkins.remove(session, ids)
        erased += len(ids)
        if len(ids) < BATCH:
            break
    async with runtime.database.transaction() as session:
        await checkins.remove_offers_before(session, cutoff)
        await checkins.remove_unused_guests(session)
    return erased
