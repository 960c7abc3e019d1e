"""Claiming due rows with a lease, so only one worker in any process handles each."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

Row = TypeVar("Row")


@dataclass
class Claim(Generic[Row]):
    token: str
    rows: list[Row] = field(default_factory=list)
    in_doubt: set[int] = field(default_factory=set)
    """Ids of rows whose earlier lease ran out unfinished: a worker died part-way through."""


async def claim(
    session: AsyncSession,
    model: Any,
    due_column: Any,
    now: datetime,
    lease: timedelta,
    limit: int,
) -> Claim[Any]:
    """Lease up to `limit` pending rows due by `now` (skipping rows other workers hold)."""
    result: Claim[Any] = Claim(uuid.uuid4().hex)
    query = (
        select(model.id, model.lease_until)
        .where(model.status == "pending", due_column <= now)
        .where(or_(model.lease_until.is_(None), model.lease_until < now))
        .order_by(due_column, model.id)
        .limit(limit)
    )
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    found = (await session.execute(query)).all()
    if not found:
        return result
    ids = [row_id for row_id, _ in found]
    result.in_doubt = {row_id for row_id, lease_until in found if lease_until is not None}
    await session.execute(
        update(model)
        .where(model.id.in_(ids))
        .values(lease_token=result.token, lease_until=now + lease)
        .execution_options(synchronize_session=False)
    )
    rows = await session.execute(select(model).where(model.lease_token == result.token))
    result.rows = list(rows.scalars())
    return result


async def next_due(session: AsyncSession, model: Any, due_column: Any, now: datetime
                   ) -> datetime | None:
    """The due time of the first pending row nobody holds (rows under a live lease are
    another worker's until it ends)."""
    result = await session.execute(
        select(due_column)
        .where(model.status == "pending")
        .where(or_(model.lease_until.is_(None), model.lease_until < now))
        .order_by(due_column)
        .limit(1)
    )
    found: datetime | None = result.scalar_one_or_none()
    return found
