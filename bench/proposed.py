"""The server with the core change this benchmark proposes, applied in memory, so its gain
can be measured beside the shipped server:
`python -m bench.proposed serve --host H --port N` (same arguments as `safeguard-bot`).

With BENCH_PROPOSED_READ=1, `bot.reporting.current` (the one read on the /report path) reads
through a small pool of plain aiosqlite connections (SQLite only) instead of an async
SQLAlchemy ORM session: one statement, one thread hop, no session or pool reset.
Everything else is the shipped code. (The delivery changes measured here before, a worker
woken by commits and sending several messages at once, are now in bot.delivery and
bot.workers.)
"""

import asyncio
import sys
from typing import Any

from bot import reporting
from bot.runtime import Runtime

_COLUMNS = ("id", "platform", "conversation_id", "user_id", "flow_id", "state_sealed",
            "version")
_readers: asyncio.Queue[Any] | None = None


async def _lean_current(runtime: Runtime, conversation_id: str, platform: str) -> Any:
    global _readers
    import aiosqlite

    from storage.models import FlowSession

    if not runtime.database.is_sqlite:
        return await _shipped_current(runtime, conversation_id, platform)
    if _readers is None:
        _readers = asyncio.Queue()
        path = runtime.database.engine.url.database
        for _ in range(4):
            connection = await aiosqlite.connect(f"file:{path}?mode=ro", uri=True)
            await connection.execute("PRAGMA busy_timeout=5000")
            _readers.put_nowait(connection)
    connection = await _readers.get()
    try:
        async with connection.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM flow_sessions "
                "WHERE platform = ? AND conversation_id = ?",
                (platform, conversation_id)) as cursor:
            found = await cursor.fetchone()
    finally:
        _readers.put_nowait(connection)
    return FlowSession(**dict(zip(_COLUMNS, found, strict=True))) if found else None


_shipped_current = reporting.current


def apply() -> None:
    import os

    if os.environ.get("BENCH_PROPOSED_READ") == "1":
        reporting.current = _lean_current  # type: ignore[assignment]


if __name__ == "__main__":
    apply()
    from bot.cli import main

    sys.exit(main(sys.argv[1:]))
