"""Remembering handled inbound requests so that a platform's retry is a no-op."""

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import InboundRequest


async def first_time(session: AsyncSession, platform: str, key: str, now: datetime) -> bool:
    """Record the request; True only the first time this (platform, key) is seen."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    result = await session.execute(
        insert(InboundRequest)
        .values(platform=platform, request_key=key, received_at=now)
        .on_conflict_do_nothing(
            index_elements=[InboundRequest.platform, InboundRequest.request_key]
        )
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def forget_before(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(
        delete(InboundRequest).where(InboundRequest.received_at < cutoff)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
