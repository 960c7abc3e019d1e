"""Recording actions by an actor in the audit trail (no report content, ever)."""

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.actors import Actor
from storage.repositories import audit


async def record(
    session: AsyncSession,
    at: datetime,
    action: str,
    actor: Actor | None,
    report_id: int | None = None,
    **detail: Any,
) -> None:
    await audit.record(
        session,
        at,
        action,
        actor_platform=actor.platform if actor else None,
        actor_user_id=actor.user_id if actor else None,
        actor_person_id=actor.person_id if actor else None,
        report_id=report_id,
        detail=detail,
    )
