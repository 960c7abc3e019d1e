"""Fresh databases for tests: a SQLite file per test, a PostgreSQL database per run."""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.engine import Database, open_database
from storage.migrate import upgrade_to_head
from storage.models import Base

POSTGRES_URL = os.environ.get(
    "SAFEGUARD_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


def postgres_required() -> bool:
    return os.environ.get("SAFEGUARD_REQUIRE_POSTGRES") == "1"


async def create_postgres_database() -> str:
    """Create a uniquely named database on the test server; returns its URL."""
    import asyncpg

    admin = make_url(POSTGRES_URL)
    name = f"safeguard_test_{uuid.uuid4().hex[:12]}"
    try:
        connection = await asyncpg.connect(
            host=admin.host, port=admin.port, user=admin.username, password=admin.password,
            database=admin.database,
        )
    except (OSError, asyncpg.PostgresError) as error:
        message = f"PostgreSQL at {admin.host}:{admin.port} is not reachable ({error})"
        if postgres_required():
            pytest.fail(message)
        pytest.skip(message + "; set SAFEGUARD_REQUIRE_POSTGRES=1 to make this a failure")
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return admin.set(database=name).render_as_string(hide_password=False)


async def drop_postgres_database(url: str) -> None:
    import asyncpg

    target = make_url(url)
    admin = make_url(POSTGRES_URL)
    connection = await asyncpg.connect(
        host=admin.host, port=admin.port, user=admin.username, password=admin.password,
        database=admin.database,
    )
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
    finally:
        await connection.close()


async def empty_tables(database: Database) -> None:
    """Remove every row (keeping the schema) so the next test starts clean."""
    async with database.engine.begin() as connection:
        names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
        await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@asynccontextmanager
async def sqlite_database(directory: Path) -> AsyncIterator[tuple[str, Database]]:
    url = f"sqlite+aiosqlite:///{directory / 'test.db'}"
    database = open_database(url)
    await upgrade_to_head(database)
    try:
        yield url, database
    finally:
        await database.dispose()
