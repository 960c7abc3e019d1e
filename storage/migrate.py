"""Schema migrations with Alembic, run on the app's own async engine."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.engine import Database

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _upgrade(connection: Connection, keys: object | None) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    config.attributes["keys"] = keys
    command.upgrade(config, "heads")


def _current_and_heads(connection: Connection) -> tuple[set[str], set[str]]:
    """The revisions the database is at, and the newest ones (features may branch off and
    merge later, so there can be more than one of each)."""
    current = set(MigrationContext.configure(connection).get_current_heads())
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    return current, heads


async def upgrade_to_head(database: Database, keys: object | None = None) -> None:
    """Migrate to the latest schema; `keys` (a bot.crypto.KeyRing) seals existing records."""
    if not database.is_sqlite:
        async with database.engine.begin() as connection:
            await connection.run_sync(_upgrade, keys)
        return
    # SQLite rebuilds a table to alter it: foreign keys must be off meanwhile (this pragma is
    # ignored inside a transaction), and are checked before they go back on.
    async with database.engine.connect() as connection:
        await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        await connection.commit()
        try:
            async with connection.begin():
                await connection.run_sync(_upgrade, keys)
                problems = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
                if problems:
                    raise RuntimeError(f"migration left broken references: {problems[:3]}")
        finally:
            await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            await connection.commit()


async def is_up_to_date(database: Database) -> bool:
    async with database.engine.connect() as connection:
        current, heads = await connection.run_sync(_current_and_heads)
    return current == heads
