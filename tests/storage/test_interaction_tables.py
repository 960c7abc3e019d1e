"""The migration that makes the interaction-key and private-view tables matches the models,
and the key's uniqueness holds in the database itself (not only in the code that checks)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from bot.clock import ManualClock
from storage.engine import Database
from storage.models import Base, InteractionKey, PrivateView

OURS = {InteractionKey.__tablename__, PrivateView.__tablename__}


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [d for d in compare_metadata(context, Base.metadata)
            if any(name in str(d) for name in OURS)]


async def test_the_migration_makes_exactly_the_tables_the_models_describe(
    database: Database,
) -> None:
    async with database.engine.connect() as connection:
        assert await connection.run_sync(_differences) == []


async def test_a_key_cannot_be_stored_twice(database: Database, clock: ManualClock) -> None:
    async with database.transaction() as session:
        await session.execute(insert(InteractionKey).values(key="k", received_at=clock.now()))
    with pytest.raises(IntegrityError):
        async with database.transaction() as session:
            await session.execute(insert(InteractionKey).values(key="k",
                                                                received_at=clock.now()))
