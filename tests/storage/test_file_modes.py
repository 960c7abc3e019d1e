"""SQLite files are the owner's alone: the database and its -wal and -shm files are 0600."""

import os
import stat
from pathlib import Path

from sqlalchemy import text

from storage.engine import open_database
from storage.migrate import upgrade_to_head


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


async def _use(path: Path) -> None:
    database = open_database(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade_to_head(database)
        async with database.transaction() as session:
            await session.execute(text("INSERT INTO job_runs (name, last_run_at) "
                                       "VALUES (:name, '2026-01-01 00:00:00')"),
                                  {"name": f"x{os.urandom(4).hex()}"})
        assert (path.parent / f"{path.name}-wal").exists()
        assert {_mode(path.parent / f"{path.name}{suffix}") for suffix in ("", "-wal", "-shm")
                } == {0o600}
    finally:
        await database.dispose()


async def test_a_new_database_and_its_wal_files_are_created_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask, under which SQLite itself makes 0644 files
    try:
        await _use(tmp_path / "new.db")
    finally:
        os.umask(old)


async def test_files_left_readable_by_an_older_version_are_tightened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    await _use(path)
    for suffix in ("", "-wal", "-shm"):
        if (tmp_path / f"old.db{suffix}").exists():
            os.chmod(tmp_path / f"old.db{suffix}", 0o644)
    await _use(path)
