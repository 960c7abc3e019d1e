"""Claiming due rows with a lease, so only one worker in any process handles each."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession


async def claim(
    session: AsyncSession,
    model: Any,
    due_column: Any,
    now: datetime,
    lease: timedelta,
    limit: int,
) -> tuple[str, list[Any]]:
    """Lease up to `limit` pending rows due by `now`; returns the lease token and the rows."""
    token = uuid.uuid4().hex
    query = (
        select(model.id)
        .where(model.status == "pending", due_column <= now)
        .where(or_(model.lease_until.is_(None), model.lease_until < now))
        .order_by(due_column, model.id)
        .limit(limit)
    )
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    ids = list((await session.execute(query)).scalars())
    if not ids:
        return token, []
    await session.execute(
        update(model)
        .where(model.id.in_(ids))
        .values(lease_token=token, lease_until=now + lease)
        .execution_options(synchronize_session=False)
    )
    rows = await session.execute(select(model).where(model.lease_token == token))
    return token, list(rows.scalars())
