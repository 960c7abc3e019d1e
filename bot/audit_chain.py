"""Verifying the audit trail's hash chain: the first entry that was changed or removed."""

from dataclasses import dataclass

from storage.engine import Database
from storage.repositories.audit import GENESIS, entry_hash, in_order


@dataclass(frozen=True)
class ChainReport:
    entries: int
    broken_at: int | None
    """The id of the first entry whose link does not hold, or None when all hold."""
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


async def verify_chain(database: Database) -> ChainReport:
    previous = GENESIS
    count = 0
    async with database.sessions() as session:
        async for event in in_order(session):
            count += 1
            if event.prev_hash != previous:
                return ChainReport(count, event.id, "an entry before this one was removed "
                                   "or changed")
            if entry_hash(previous, event) != event.hash:
                return ChainReport(count, event.id, "this entry was changed")
            previous = event.hash
    return ChainReport(count, None)
