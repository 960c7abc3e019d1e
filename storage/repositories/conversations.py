"""Stored platform conversation references, for messages the bot starts itself."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PlatformConversation


async def remember(
    session: AsyncSession, platform: str, address: str, reference: dict[str, Any], now: datetime
) -> None:
    """Store or replace the reference for (platform, address)."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(PlatformConversation).values(
        platform=platform, address=address, reference=reference, updated_at=now
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[PlatformConversation.platform, PlatformConversation.address],
            set_={"reference": reference, "updated_at": now},
        )
    )


async def find(session: AsyncSession, platform: str, address: str) -> dict[str, Any] | None:
    result = await session.execute(
        select(PlatformConversation.reference).where(
            PlatformConversation.platform == platform, PlatformConversation.address == address
        )
    )
    return result.scalar_one_or_none()
