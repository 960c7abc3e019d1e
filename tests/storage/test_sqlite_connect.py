"""A SQLite database that cannot be opened leaves no aiosqlite thread behind: the thread would
otherwise report to an event loop that has closed and print a traceback after a command's
one-line error (tests/journeys/test_cli.py)."""

import sqlite3
import threading
import time
from pathlib import Path

import aiosqlite
import pytest

from storage.sqlite_connect import connect


def _workers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.endswith("(_connection_worker_thread)")}


async def test_a_failed_open_waits_for_its_worker_to_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    stop = aiosqlite.Connection.stop

    def slow_stop(connection: aiosqlite.Connection) -> object:
        """The worker is slow to get to the stop (a busy machine), deterministically."""
        connection._tx.put_nowait((None, lambda: time.sleep(0.3)))
        return stop(connection)

    monkeypatch.setattr(aiosqlite.Connection, "stop", slow_stop)
    before = _workers()
    with pytest.raises(sqlite3.OperationalError, match="unable to open database file"):
        await connect(str(tmp_path / "no" / "such" / "folder" / "m.db"))
    assert [t for t in _workers() - before if t.is_alive()] == []
    assert not (tmp_path / "no").exists()


async def test_an_open_that_works_gives_a_working_connection(tmp_path: Path) -> None:
    connection = await connect(str(tmp_path / "m.db"))
    try:
        async with connection.execute("SELECT 1") as cursor:
            assert await cursor.fetchone() == (1,)
    finally:
        await connection.close()
