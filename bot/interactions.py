"""Signed interactions act once, and private views are refreshed only for whom they were opened.

An adapter names each signed interaction with a key (a hash of the signed payload, an
activity id). The core records the key in the same transaction as whatever the interaction
writes, under a unique constraint: a replay within the platform's window, on any replica,
finds the key and does nothing; an interaction whose transaction rolled back left no key, so
trying again acts. Keys are purged once no replay could pass the signature check any more.

Modals the bot opens are remembered for the person they were opened for; a later request may
refresh only such a view (never a view id carried in the request's own metadata).
"""

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.runtime import Runtime
from storage.repositories import interactions, jobs

REPLAY_WINDOW = timedelta(minutes=5)
"""How far a signed request's timestamp may be from our clock (Slack's window)."""
KEEP_KEYS_FOR = 2 * REPLAY_WINDOW + timedelta(minutes=5)
"""A request stamped up to 5 minutes ahead of our clock can be replayed until 5 minutes after
its stamp: 10 minutes after it first arrived. Kept a little longer than that."""
KEEP_VIEWS_FOR = timedelta(days=7)
"""A modal left open longer than this is no longer refreshed (it stays there to read)."""
JOB = "interaction_keys"
EVERY = timedelta(minutes=10)
MAX_KEY = 100


async def first_time(session: AsyncSession, key: str | None, now: datetime) -> bool:
    """Record the interaction in the caller's transaction; False if it was already acted on.
    No key (a typed console command, an adapter that has none): always True."""
    if not key:
        return True
    return await interactions.first_time(session, key[:MAX_KEY], now)


async def purge_if_due(runtime: Runtime) -> int | None:
    """Forget keys and views past their time, if no process has done so this period."""
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        if not await jobs.claim_period(session, JOB, EVERY, now):
            return None
        return (await interactions.forget_keys_before(session, now - KEEP_KEYS_FOR)
                + await interactions.forget_views_before(session, now - KEEP_VIEWS_FOR))


async def remember_view(runtime: Runtime, platform: str, user_id: str, view_id: str,
                        purpose: str, reference: str | None = None) -> None:
    """The bot has just opened this private view for this person."""
    if not user_id or not view_id:
        return
    async with runtime.database.transaction() as session:
        await interactions.remember_view(session, platform, view_id[:100], user_id[:200],
                                         purpose[:20], reference[:40] if reference else None,
                                         runtime.clock.now())


async def view_for(runtime: Runtime, platform: str, user_id: str, purpose: str,
                   reference: str | None = None) -> str | None:
    """The view of this purpose the bot itself opened for this person (the newest), if any."""
    if not user_id:
        return None
    cutoff = runtime.clock.now() - KEEP_VIEWS_FOR
    async with runtime.database.readers() as session:
        return await interactions.latest_view(session, platform, user_id, purpose,
                                              reference[:40] if reference else None, cutoff)


async def opened_for(runtime: Runtime, platform: str, user_id: str, view_id: str | None
                     ) -> bool:
    """Whether the bot opened this view for this very person."""
    if not user_id or not view_id:
        return False
    async with runtime.database.readers() as session:
        owner = await interactions.view_owner(session, platform, view_id[:100])
    return owner == user_id
