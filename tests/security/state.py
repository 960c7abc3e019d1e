"""What a hostile request may not change: row counts of every table, and calls sent out."""

from dataclasses import dataclass

from sqlalchemy import func, select

from storage.engine import Database
from storage.models import Base

Counts = dict[str, int]


async def row_counts(database: Database) -> Counts:
    async with database.sessions() as session:
        return {table.name: int(await session.scalar(select(func.count()).select_from(table))
                                or 0)
                for table in Base.metadata.sorted_tables}


def grown(before: Counts, after: Counts) -> set[str]:
    """The tables whose row count changed."""
    return {name for name in after if after[name] != before.get(name)}


@dataclass
class Watch:
    """A before-and-after view of the database and of what went out to the platform."""

    database: Database
    sent: list[object]
    rows: Counts
    calls: int

    @classmethod
    async def start(cls, database: Database, sent: list[object]) -> "Watch":
        return cls(database, sent, await row_counts(database), len(sent))

    async def changed_tables(self) -> set[str]:
        return grown(self.rows, await row_counts(self.database))

    def new_calls(self) -> list[object]:
        return self.sent[self.calls:]

    async def assert_untouched(self, allowed: frozenset[str] = frozenset()) -> None:
        """Nothing stored (outside `allowed`) and nothing sent since `start`."""
        changed = await self.changed_tables()
        assert changed <= allowed, f"rows changed in {sorted(changed - allowed)}"
        assert self.new_calls() == [], f"sent: {self.new_calls()!r}"
