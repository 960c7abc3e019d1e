"""Re-sealing and re-signing every keyed value with the current key, in small committed
batches (resumable). Every sealed and signed column is covered (bot.keyed_columns).

A signature is renewed only once the old one has been checked: a rewritten audit entry is
never blessed with the new key; it is left as it is and counted, for `audit verify` to name.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, bindparam, not_, update

from bot.crypto import KeyRing
from bot.keyed_columns import KEYED, Keyed
from storage.engine import Database

BATCH = 200


@dataclass
class Rotated:
    renewed: dict[str, int] = field(default_factory=dict)
    """Values re-sealed or re-signed, per `table.column`."""
    failed: dict[str, list[Any]] = field(default_factory=dict)
    """Row keys whose value did not open, or whose signature did not match, per column."""

    def total(self, kind: str | None = None) -> int:
        return sum(count for name, count in self.renewed.items()
                   if kind is None or _kind(name) == kind)

    @property
    def failures(self) -> int:
        return sum(len(keys) for keys in self.failed.values())


def _kind(name: str) -> str:
    return next(keyed.kind for keyed in KEYED if keyed.name == name)


async def _batch(database: Database, keys: KeyRing, keyed: Keyed, after: Any
                 ) -> tuple[list[Row[Any]], int, list[Any]]:
    """One committed batch: the rows looked at, how many renewed, which failed."""
    query = keyed.rows().where(not_(keyed.under(keys.current)))
    if after is not None:
        query = query.where(keyed.key > after)
    query = query.order_by(keyed.key).limit(BATCH).with_for_update(of=keyed.table)
    failed: list[Any] = []
    async with database.transaction() as session:
        rows = list((await session.execute(query)).all())
        changes = []
        for row in rows:
            if keyed.opens(keys, row):
                changes.append({"row_key_": row.row_key, "value_": keyed.renew(keys, row)})
            else:
                failed.append(row.row_key)
        if changes:
            await session.execute(
                update(keyed.table).where(keyed.key == bindparam("row_key_"))
                .values({keyed.column.key: bindparam("value_")}), changes)
    return rows, len(changes), failed


async def rotate_column(database: Database, keys: KeyRing, keyed: Keyed,
                        rotated: Rotated) -> None:
    after = None
    while True:
        rows, renewed, failed = await _batch(database, keys, keyed, after)
        if not rows:
            return
        rotated.renewed[keyed.name] = rotated.renewed.get(keyed.name, 0) + renewed
        if failed:
            rotated.failed.setdefault(keyed.name, []).extend(failed)
        after = rows[-1].row_key


async def rotate_keys(database: Database, keys: KeyRing) -> Rotated:
    """Re-seal and re-sign whatever is not yet under the current key; safe to stop and run
    again."""
    rotated = Rotated({keyed.name: 0 for keyed in KEYED})
    for keyed in KEYED:
        await rotate_column(database, keys, keyed, rotated)
    return rotated
