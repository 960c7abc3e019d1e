"""Interaction keys (a replayed signed interaction acts once) and the private views the bot
opened for each person (a request may refresh only a view the bot opened for that person)."""

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import InteractionKey, PrivateView


def _insert(session: AsyncSession) -> Any:
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


async def first_time(session: AsyncSession, key: str, now: datetime) -> bool:
    """Record the key in the caller's transaction; False if it is already there (or another
    transaction holding it commits first: the unique key makes concurrent replays wait)."""
    result = await session.execute(
        _insert(session)(InteractionKey).values(key=key, received_at=now)
        .on_conflict_do_nothing(index_elements=[InteractionKey.key]))
    return result.rowcount == 1  # type: ignore[attr-defined]


async def forget_keys_before(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(
        delete(InteractionKey).where(InteractionKey.received_at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def remember_view(session: AsyncSession, platform: str, view_id: str, user_id: str,
                        purpose: str, reference: str | None, now: datetime) -> None:
    """The bot opened this view for this person (a view id already known keeps its owner)."""
    await session.execute(
        _insert(session)(PrivateView).values(
            platform=platform, view_id=view_id, user_id=user_id, purpose=purpose,
            reference=reference, opened_at=now)
        .on_conflict_do_nothing(index_elements=[PrivateView.platform, PrivateView.view_id]))


async def latest_view(session: AsyncSession, platform: str, user_id: str, purpose: str,
                      reference: str | None, since: datetime) -> str | None:
    """The newest view of this purpose (and reference) the bot opened for this person since
    `since`."""
    query = (select(PrivateView.view_id)
             .where(PrivateView.platform == platform, PrivateView.user_id == user_id,
                    PrivateView.purpose == purpose, PrivateView.opened_at >= since)
             .order_by(PrivateView.opened_at.desc(), PrivateView.id.desc()).limit(1))
    if reference is not None:
        query = query.where(PrivateView.reference == reference)
    return (await session.execute(query)).scalar_one_or_none()


async def view_owner(session: AsyncSession, platform: str, view_id: str) -> str | None:
    """Whom the bot opened this view for, if it did."""
    return (await session.execute(
        select(PrivateView.user_id).where(PrivateView.platform == platform,
                                          PrivateView.view_id == view_id))).scalar_one_or_none()


async def forget_views_before(session: AsyncSession, cutoff: datetime) -> int:
    result = await session.execute(delete(PrivateView).where(PrivateView.opened_at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]
