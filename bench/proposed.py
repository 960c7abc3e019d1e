"""The server with the delivery changes this benchmark proposes for the core, applied in
memory, so their gain can be measured beside the shipped server:
`python -m bench.proposed serve --host H --port N` (same arguments as `safeguard-bot`).

1. Wake the worker when a report is committed, instead of finding it on the next 1-second poll.
2. Send a round's claimed messages concurrently (at most 8 at once) and record their outcomes
   in one transaction, instead of one transaction (one fsync on SQLite) per message.
3. With BENCH_PROPOSED_READ=1, `bot.reporting.current` (the one read on the /report path)
   reads through a small pool of plain aiosqlite connections (SQLite only) instead of an
   async SQLAlchemy ORM session: one statement, one thread hop, no session or pool reset.
Everything else is the shipped code (bot.delivery._deliver_one does each send).
"""

import asyncio
import contextlib
import contextvars
import logging
import sys
from typing import Any

from bot import delivery, reporting, server
from bot.delivery import DELIVERY_LEASE, Transport
from bot.runtime import Runtime
from bot.workers import default_handlers, run_due_timers
from storage.repositories import outbox

log = logging.getLogger(__name__)
WAKE = asyncio.Event()
AT_ONCE = 8
_buffer: contextvars.ContextVar[list[tuple[Any, ...]] | None] = contextvars.ContextVar(
    "outcomes", default=None)
_shipped_finish = delivery._finish
_shipped_submit = reporting.submit


async def _finish(runtime: Runtime, row: Any, token: str, **values: object) -> None:
    pending = _buffer.get()
    if pending is None:
        await _shipped_finish(runtime, row, token, **values)
    else:
        pending.append((row, token, values))


async def deliver_due(runtime: Runtime, transports: dict[str, Transport], limit: int = 50
                      ) -> int:
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        claimed = await outbox.claim_due(session, now, DELIVERY_LEASE, limit)
    if not claimed.rows:
        return 0
    outcomes: list[tuple[Any, ...]] = []
    _buffer.set(outcomes)
    gate = asyncio.Semaphore(AT_ONCE)

    async def one(row: Any) -> int:
        async with gate:
            return await delivery._deliver_one(runtime, transports, row, claimed.token, now,
                                               row.id in claimed.in_doubt)

    try:
        sent = sum(await asyncio.gather(*(one(row) for row in claimed.rows)))
    finally:
        _buffer.set(None)
    async with runtime.database.transaction() as session:
        for row, token, values in outcomes:
            if not await outbox.finish(session, row.id, token, **values):
                log.warning("outbox %s: lease lost before the outcome was recorded", row.id)
    return sent


async def submit(*args: Any, **kwargs: Any) -> Any:
    done = await _shipped_submit(*args, **kwargs)
    WAKE.set()
    return done


async def _worker_loop(runtime: Runtime, transports: dict[str, Transport]) -> None:
    handlers = default_handlers()
    while True:
        WAKE.clear()
        try:
            busy = await run_due_timers(runtime, handlers)
            busy += await deliver_due(runtime, transports)
        except Exception as error:
            log.error("worker round failed: %s", type(error).__name__)
            busy = 0
        if not busy:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(WAKE.wait(), server.POLL_SECONDS)


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
    delivery._finish = _finish  # type: ignore[assignment]
    reporting.submit = submit  # type: ignore[assignment]
    server._worker_loop = _worker_loop  # type: ignore[assignment]


if __name__ == "__main__":
    apply()
    from bot.cli import main

    sys.exit(main(sys.argv[1:]))
