"""Creating and disposing the async engine; SQLite is tuned for durability and one writer."""

import contextlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage.flow_reads import FlowReads
from storage.repositories.chain import SIGNER, ChainSigner
from storage.sqlite_connect import SQLITE_CONNECT

DEFAULT_SQLITE_FILE = "safeguard.db"


class DatabaseUrlError(ValueError):
    """DATABASE_URL names something we cannot use."""


def default_database_url(directory: Path | None = None) -> str:
    """A SQLite file in the working directory: the embedded default."""
    path = (directory or Path.cwd()) / DEFAULT_SQLITE_FILE
    return f"sqlite+aiosqlite:///{path}"


def normalise_url(url: str) -> str:
    """Accept plain `postgresql://` and `sqlite://` URLs and pick the async drivers."""
    try:
        parsed = make_url(url)
    except Exception as error:  # SQLAlchemy raises ArgumentError for nonsense
        raise DatabaseUrlError(f"DATABASE_URL is not a database URL: {error}") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    if backend in {"postgresql", "postgres"}:
        return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    raise DatabaseUrlError(f"DATABASE_URL: '{backend}' is not supported; use sqlite or postgresql")


SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")
PRIVATE = 0o600


def keep_private(path: str) -> None:
    """The SQLite file and its -wal and -shm files readable by the owner only: created 0600
    (SQLite gives its -wal and -shm files the database file's mode), tightened if looser."""
    with contextlib.suppress(OSError):  # a missing folder: SQLite says so when it connects
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE))
    for suffix in SQLITE_SUFFIXES:
        with contextlib.suppress(OSError):  # absent, or not ours to change
            if os.stat(path + suffix).st_mode & 0o077:
                os.chmod(path + suffix, PRIVATE)


def _tune_sqlite(dbapi_connection: Any, _record: Any, path: str | None = None) -> None:
    if path is not None:
        keep_private(path)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _tune_sqlite_reader(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


READERS = 4


@dataclass
class Database:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    reader_engine: AsyncEngine | None = None
    """SQLite only: a small pool of read-only connections, so reads never queue behind the
    one writer's fsync (WAL lets readers run alongside it)."""
    flow_reads: FlowReads | None = None
    """SQLite files only: flow progress read without the ORM (storage.flow_reads)."""
    signer: ChainSigner | None = None
    """Signs the audit and case chains (the key ring; set by bot.runtime.Runtime)."""

    def use_signer(self, signer: ChainSigner) -> None:
        """Sign entries appended through this database's sessions with `signer`."""
        self.signer = signer
        self.sessions.configure(info={SIGNER: signer})

    @property
    def readers(self) -> async_sessionmaker[AsyncSession]:
        """Sessions for reads that need no lock (lists, flow progress, views)."""
        if self.reader_engine is None:
            return self.sessions
        return async_sessionmaker(self.reader_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose work commits on success and rolls back on any error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.flow_reads is not None:
            await self.flow_reads.close()
        if self.reader_engine is not None:
            await self.reader_engine.dispose()


def open_database(url: str) -> Database:
    """Create the engine (never at import time). SQLite gets one connection: one writer."""
    url = normalise_url(url)
    if not url.startswith("sqlite"):
        engine = create_async_engine(url, pool_size=5, max_overflow=5, pool_pre_ping=True)
        return Database(engine, async_sessionmaker(engine, expire_on_commit=False))
    path = make_url(url).database
    on_disk = path if path and path != ":memory:" else None
    if on_disk is not None:
        keep_private(on_disk)
    engine = create_async_engine(url, pool_size=1, max_overflow=0, pool_timeout=30,
                                 connect_args=SQLITE_CONNECT)
    event.listen(engine.sync_engine, "connect", partial(_tune_sqlite, path=on_disk))
    readers = create_async_engine(url, pool_size=READERS, max_overflow=0, pool_timeout=30,
                                  connect_args=SQLITE_CONNECT)
    event.listen(readers.sync_engine, "connect", _tune_sqlite_reader)
    flow_reads = FlowReads(path, READERS) if path and path != ":memory:" else None
    return Database(engine, async_sessionmaker(engine, expire_on_commit=False), readers,
                    flow_reads)
