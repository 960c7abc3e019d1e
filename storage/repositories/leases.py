"""Claiming due rows with a lease, so only one worker in any process handles each."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import Integer, Table, bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

Row = TypeVar("Row")


@dataclass
class Claim(Generic[Row]):
    token: str
    rows: list[Row] = field(default_factory=list)
    in_doubt: set[int] = field(default_factory=set)
    """Ids of rows whose earlier lease ran out unfinished: a worker died part-way through."""


@dataclass(frozen=True)
class _Statements:
    due: Any
    lease: Any
    rows: Any


_STATEMENTS: dict[tuple[str, str, bool], _Statements] = {}


def _statements(model: Any, due_column: Any, postgres: bool) -> _Statements:
    """A claim's three statements, built once per table and dialect (then only bound)."""
    key = (model.__tablename__, due_column.key, postgres)
    if key not in _STATEMENTS:
        table = cast(Table, model.__table__)
        now = bindparam("now", type_=due_column.type)
        due = (
            select(model.id, model.lease_until)
            .where(model.status == "pending", due_column <= now)
            .where(or_(model.lease_until.is_(None), model.lease_until < now))
            .order_by(due_column, model.id)
            .limit(bindparam("limit", type_=Integer))
        )
        lease = (
            update(table)
            .where(table.c.id.in_(bindparam("ids", expanding=True)))
            .values(lease_token=bindparam("new_token", type_=table.c.lease_token.type),
                    lease_until=bindparam("new_until", type_=table.c.lease_until.type))
        )
        _STATEMENTS[key] = _Statements(
            due.with_for_update(skip_locked=True) if postgres else due, lease,
            select(model).where(model.lease_token == bindparam("token")))
    return _STATEMENTS[key]


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
    postgres = session.bind is not None and session.bind.dialect.name == "postgresql"
    statements = _statements(model, due_column, postgres)
    found = (await session.execute(statements.due, {"now": now, "limit": limit})).all()
    if not found:
        return result
    ids = [row_id for row_id, _ in found]
    result.in_doubt = {row_id for row_id, lease_until in found if lease_until is not None}
    await session.execute(statements.lease, {"ids": ids, "new_token": result.token,
                                             "new_until": now + lease})
    rows = await session.execute(statements.rows, {"token": result.token})
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
