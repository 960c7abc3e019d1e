"""Requests a platform may deliver more than once: each key is claimed once, durably."""

from bot.runtime import Runtime
from storage.repositories import inbound


async def claim(runtime: Runtime, platform: str, key: str) -> bool:
    """Record (platform, key) now; True only the first time it is claimed (a platform's
    retry, or a second process given the same request, gets False)."""
    async with runtime.database.transaction() as session:
        return await inbound.first_time(session, platform, key, runtime.clock.now())
