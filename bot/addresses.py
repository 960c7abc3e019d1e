"""Where the bot can reach a conversation later, as the platform described it (its own data)."""

from collections.abc import Mapping
from typing import Any

from bot.runtime import Runtime
from storage.repositories import conversations


async def remember(runtime: Runtime, platform: str,
                   found: Mapping[str, dict[str, Any]]) -> None:
    """Store or replace the reference for each address, in one transaction."""
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        for address, reference in found.items():
            await conversations.remember(session, platform, address, reference, now)


async def look_up(runtime: Runtime, platform: str, address: str) -> dict[str, Any] | None:
    """The reference last remembered for this address, if any."""
    async with runtime.database.sessions() as session:
        return await conversations.find(session, platform, address)
