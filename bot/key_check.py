"""Before the bot uses a database: do its keys open what the database holds?

Every sealed and signed column (bot.keyed_columns) is searched for a value under a key the
ring lacks, and one value per key id is opened, so a lost key file or a wrong SAFEGUARD_KEYS
stops the bot at start with one line, before anything is written. Older schemas are fine:
columns that do not exist yet are skipped.
"""

from typing import Any

from sqlalchemy import Connection, Row, inspect, not_

from bot.crypto import KeyRing
from bot.keyed_columns import KEYED, Keyed
from bot.keys import WHERE_KEYS_COME_FROM, KeySetupError, KeySource
from storage.engine import Database


def _schema(connection: Connection) -> set[tuple[str, str]]:
    inspector = inspect(connection)
    return {(table, column["name"]) for table in inspector.get_table_names()
            for column in inspector.get_columns(table)}


def _key_id(value: str) -> str | None:
    parts = value.split(".")
    return parts[1] if len(parts) >= 3 and parts[1] else None


def _missing(keyed: Keyed, row: Row[Any], source: KeySource) -> KeySetupError:
    key_id = _key_id(str(row.value))
    if key_id is None:
        return KeySetupError(f"the database holds a value in {keyed.name} (row {row.row_key}) "
                             "that is not sealed with any key; nothing was changed")
    return KeySetupError(
        f"the database holds records sealed with key '{key_id}', but {source.lacks(key_id)}: "
        f"{WHERE_KEYS_COME_FROM}. Restore that key from your backup (no new key was made)")


def _wrong(key_id: str, source: KeySource) -> KeySetupError:
    return KeySetupError(
        f"the key '{key_id}' in {source.name} does not open the records sealed with key "
        f"'{key_id}' in this database (a different key under the same id): "
        f"{WHERE_KEYS_COME_FROM}. Restore the right key from your backup")


async def usable_columns(database: Database) -> list[Keyed]:
    """The keyed columns this database's schema already has."""
    async with database.engine.connect() as connection:
        present = await connection.run_sync(_schema)
    return [keyed for keyed in KEYED if keyed.needs() <= present]


async def check_keys(database: Database, source: KeySource) -> None:
    """Raise KeySetupError (one line) unless the keys found open everything sealed or signed."""
    columns = await usable_columns(database)
    ring = source.ring
    known = list(ring.keys) if ring is not None else []
    async with database.sessions() as session:
        for keyed in columns:
            query = keyed.rows()
            for key_id in known:
                query = query.where(not_(keyed.under(key_id)))
            row = (await session.execute(query.limit(1))).first()
            if row is not None:
                raise _missing(keyed, row, source)
        for key_id in known:
            await _try_one(session, ring, columns, key_id, source)


TRIES = 3
"""Values tried per key: one damaged value is not taken for a wrong key."""


async def _try_one(session: Any, ring: KeyRing | None, columns: list[Keyed], key_id: str,
                   source: KeySource) -> None:
    """Open the first values found under `key_id` (when there are any)."""
    assert ring is not None
    for keyed in columns:
        rows = (await session.execute(keyed.rows().where(keyed.under(key_id)).limit(TRIES))
                ).all()
        if not rows:
            continue
        if not any(keyed.opens(ring, row) for row in rows):
            raise _wrong(key_id, source)
        return
