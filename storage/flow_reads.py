"""SQLite only: a conversation's flow progress read through a few plain aiosqlite connections.

The one read on every /report and modal step. Through an async ORM session it costs a session,
a pool checkout and reset, and the ORM's statement and row machinery around one indexed
SELECT; here it is that SELECT on a connection of our own. Same guarantees as the reader
engine (storage.engine): separate connections in WAL mode, so a read never waits behind the
writer's fsync, `query_only` so they can never write, each SELECT its own snapshot (sqlite3
opens no transaction for a SELECT). PostgreSQL keeps the ORM path.
"""

import asyncio
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from storage.models import FlowSession
from storage.sqlite_connect import connect

_COLUMNS = ("id", "platform", "conversation_id", "user_id", "flow_id", "state_sealed",
            "created_at", "updated_at", "version")
_QUERY = (f"SELECT {', '.join(_COLUMNS)} FROM flow_sessions "
          "WHERE platform = ? AND conversation_id = ?")


class FlowReads:
    def __init__(self, path: str, size: int) -> None:
        self.path = path
        self.size = size
        self._idle: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        self._all: list[aiosqlite.Connection] = []
        self._opening = asyncio.Lock()

    async def find(self, platform: str, conversation_id: str) -> FlowSession | None:
        connection = await self._take()
        try:
            async with connection.execute(_QUERY, (platform, conversation_id)) as cursor:
                found = await cursor.fetchone()
        finally:
            self._idle.put_nowait(connection)
        return _row(found) if found is not None else None

    async def _take(self) -> aiosqlite.Connection:
        if self._idle.empty() and len(self._all) < self.size:
            async with self._opening:
                if self._idle.empty() and len(self._all) < self.size:
                    connection = await connect(self.path)
                    await connection.execute("PRAGMA query_only=ON")
                    await connection.execute("PRAGMA busy_timeout=5000")
                    self._all.append(connection)
                    return connection
        return await self._idle.get()

    async def close(self) -> None:
        connections, self._all = self._all, []
        self._idle = asyncio.Queue()
        for connection in connections:
            await connection.close()


def _row(found: Any) -> FlowSession:
    values = dict(zip(_COLUMNS, found, strict=True))
    for key in ("created_at", "updated_at"):
        values[key] = _utc(values[key])
    return FlowSession(**values)


def _utc(value: object) -> datetime | None:
    """As storage.types.UTCDateTime gives it: SQLite keeps naive UTC text."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
