"""Flow progress per conversation, updated with a version check."""

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import FlowSession


async def find(session: AsyncSession, platform: str, conversation_id: str) -> FlowSession | None:
    result = await session.execute(
        select(FlowSession).where(
            FlowSession.platform == platform, FlowSession.conversation_id == conversation_id
        )
    )
    return result.scalar_one_or_none()


async def create(
    session: AsyncSession,
    platform: str,
    conversation_id: str,
    user_id: str,
    flow_id: str,
    state_sealed: str,
    now: datetime,
) -> FlowSession:
    row = FlowSession(
        platform=platform,
        conversation_id=conversation_id,
        user_id=user_id,
        flow_id=flow_id,
        state_sealed=state_sealed,
        created_at=now,
        updated_at=now,
        version=1,
    )
    session.add(row)
    await session.flush()
    return row


async def save(
    session: AsyncSession, row_id: int, version: int, flow_id: str, state_sealed: str,
    now: datetime,
) -> bool:
    """Store new progress unless someone else changed it first."""
    result = await session.execute(
        update(FlowSession)
        .where(FlowSession.id == row_id, FlowSession.version == version)
        .values(state_sealed=state_sealed, flow_id=flow_id, updated_at=now, version=version + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def remove(session: AsyncSession, row_id: int, version: int) -> bool:
    """Delete the progress if it is still the version we read (guards double submission)."""
    result = await session.execute(
        delete(FlowSession)
        .where(FlowSession.id == row_id, FlowSession.version == version)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]
