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


def _upgrade(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _current_and_head(connection: Connection) -> tuple[str | None, str | None]:
    current = MigrationContext.configure(connection).get_current_revision()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    return current, head


async def upgrade_to_head(database: Database) -> None:
    async with database.engine.begin() as connection:
        await connection.run_sync(_upgrade)


async def is_up_to_date(database: Database) -> bool:
    async with database.engine.connect() as connection:
        current, head = await connection.run_sync(_current_and_head)
    return current == head
