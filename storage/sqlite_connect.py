"""Opening aiosqlite connections so that a failed open leaves no thread behind.

When aiosqlite cannot open a database (a missing folder, no permission) it stops its worker
thread without waiting for it; if the event loop closes first, as it does right after a
command's one-line error, that thread reports to the closed loop and prints a traceback.
Here a failed open waits for the thread to stop.
"""

import asyncio
from typing import Any

import aiosqlite

STOP_WAIT = 5.0
"""Seconds a failed open waits for its worker thread (it stops at once)."""


async def connect(*args: Any, **kwargs: Any) -> aiosqlite.Connection:
    """aiosqlite.connect, awaited; on failure the worker thread has stopped before it raises."""
    connection = aiosqlite.connect(*args, **kwargs)
    worker = getattr(connection, "_thread", None)
    if worker is not None:
        worker.daemon = True  # as SQLAlchemy does for the aiosqlite connections it opens
    try:
        return await connection
    except Exception:
        if worker is not None and worker.is_alive():
            await asyncio.to_thread(worker.join, STOP_WAIT)
        raise


SQLITE_CONNECT: dict[str, Any] = {"async_creator_fn": connect}
"""`connect_args` for a SQLite engine: SQLAlchemy's aiosqlite dialect then calls `connect`
in place of aiosqlite.connect, with the arguments it works out from the URL."""
