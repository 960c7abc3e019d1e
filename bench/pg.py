"""A PostgreSQL database made for one run (`safeguard_bench_<random>`) and dropped after."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.engine import make_url

DEFAULT_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"


async def reachable(admin_url: str) -> str | None:
    """None if PostgreSQL answers, else why not."""
    import asyncpg

    url = make_url(admin_url)
    try:
        connection = await asyncpg.connect(host=url.host, port=url.port, user=url.username,
                                           password=url.password, database=url.database,
                                           timeout=5)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    await connection.close()
    return None


@asynccontextmanager
async def fresh_database(admin_url: str) -> AsyncIterator[str]:
    """Yields an asyncpg SQLAlchemy URL of a new, empty database; drops it afterwards."""
    import asyncpg

    admin = make_url(admin_url)
    name = f"safeguard_bench_{uuid.uuid4().hex[:10]}"

    async def execute(sql: str) -> None:
        connection = await asyncpg.connect(host=admin.host, port=admin.port,
                                           user=admin.username, password=admin.password,
                                           database=admin.database)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    await execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(drivername="postgresql+asyncpg", database=name).render_as_string(
            hide_password=False)
    finally:
        await execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
