"""Adding one ORM row with a prebuilt plain INSERT … RETURNING id instead of a session flush.

A flush runs the unit of work (dependency sort, per-column bookkeeping, a refresh of the new
row) for one INSERT; here the statement is built once per table and only bound each time. The
object comes back as the flush would leave it: its id and Python-side column defaults set, and
attached to the session as a persistent row (later changes to it are flushed as usual).
"""

from typing import Any, cast

from sqlalchemy import Insert, Table, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached

_INSERTS: dict[str, Insert] = {}


def _insert(table: Table) -> Insert:
    if table.name not in _INSERTS:
        _INSERTS[table.name] = insert(table).returning(table.c.id)
    return _INSERTS[table.name]


def _values(row: Any, table: Table) -> dict[str, Any]:
    """Every column but the id; an unset one takes its scalar Python default, as a flush does."""
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.key == "id":
            continue
        value = getattr(row, column.key)
        default = column.default
        if value is None and column.server_default is not None:
            raise TypeError(f"{table.name}.{column.key} has a server default: add this row "
                            "with session.add and flush, not storage.repositories.rows")
        if value is None and default is not None:
            if not default.is_scalar:
                raise TypeError(f"{table.name}.{column.key} has a computed default: add "
                                "this row with session.add and flush")
            value = default.arg  # type: ignore[attr-defined]
            setattr(row, column.key, value)
        values[column.key] = value
    return values


async def add(session: AsyncSession, row: Any) -> None:
    """Insert a new (transient) mapped object with an integer `id` and attach it."""
    table = cast(Table, type(row).__table__)
    result = await session.execute(_insert(table), _values(row, table))
    row.id = int(result.scalar_one())
    make_transient_to_detached(row)
    session.add(row)
