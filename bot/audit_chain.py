"""Verifying the signed chains (the audit trail and the case record): every link, every
signature, and the head kept apart from each table, and an exported copy of a head."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

from bot.crypto import KeyRing
from storage.engine import Database
from storage.repositories import audit, cases, chain
from storage.repositories.chain import AUDIT, CASE_ENTRIES, GENESIS, Head

NAMES = {AUDIT: "audit trail", CASE_ENTRIES: "case record"}


class HeadFormatError(ValueError):
    """An exported head is not COUNT:HASH."""


@dataclass(frozen=True)
class ExportedHead:
    """A head copied out of the bot (log line, monitoring): COUNT:HASH."""

    count: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> "ExportedHead":
        count, _, digest = text.strip().partition(":")
        digest = digest.lower()
        if not count.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef"
                                                           for c in digest):
            raise HeadFormatError(f"'{text}' is not a chain head: give COUNT:HASH as the bot "
                                  "logged it, e.g. 1234:3fa9… (64 hex digits)")
        return cls(int(count), digest)

    def __str__(self) -> str:
        return f"{self.count}:{self.hash}"


def exported(head: Head) -> ExportedHead:
    return ExportedHead(head.count, head.last_hash)


@dataclass(frozen=True)
class ChainReport:
    chain: str
    entries: int
    broken_at: int | None
    """The id of the first entry that is bad or missing (after which entries are missing, for
    a shortened chain), or None when all hold."""
    reason: str = ""
    head: ExportedHead | None = None
    """The head as this check found it, when it holds."""
    missing_after: bool = False
    """The newest entries are missing: `broken_at` is the last one found (0: none found)."""

    @property
    def ok(self) -> bool:
        return not self.reason

    @property
    def name(self) -> str:
        return NAMES[self.chain]

    def summary(self) -> str:
        """One line for `audit verify`."""
        name = self.name[0].upper() + self.name[1:]
        if self.ok:
            return (f"{name} intact: {self.entries} entries, every link holds and every "
                    f"signature matches (head {self.head}).")
        if self.broken_at is None:
            return f"{name} BROKEN: {self.reason}."
        if self.missing_after:
            where = f"after entry {self.broken_at}" if self.broken_at else "from the start"
            return f"{name} BROKEN {where}: {self.reason}."
        return f"{name} BROKEN at entry {self.broken_at}: {self.reason}."


class _Link(Protocol):
    id: int
    prev_hash: str
    hash: str
    mac: str


def _signature_problem(keys: KeyRing, data: str, signature: str) -> str:
    found = keys.check_chain(data, signature)
    if found == "unknown_key":
        key_id = signature.split(".")[1] if signature.count(".") == 2 else "?"
        return (f"it is signed with key '{key_id}', which is not in the key ring (run "
                "`safeguard-bot rotate-key` before removing a key)")
    return "its signature does not match: it was rewritten" if found == "bad" else ""


@dataclass
class _Walk:
    keys: KeyRing
    expected: ExportedHead | None
    count: int = 0
    previous: str = GENESIS
    last_id: int = 0
    problem: tuple[int, str] | None = None

    def step(self, link: _Link, digest: str) -> None:
        self.count += 1
        if link.prev_hash != self.previous:
            self.problem = (link.id, "an entry before this one was removed or changed")
        elif digest != link.hash:
            self.problem = (link.id, "this entry was changed")
        elif reason := _signature_problem(self.keys, link.hash, link.mac):
            self.problem = (link.id, reason)
        elif self.expected and self.count == self.expected.count and \
                link.hash != self.expected.hash:
            self.problem = (link.id, f"this is entry {self.count}, which the head given "
                            "recorded differently: the chain was rewritten or rolled back")
        self.previous, self.last_id = link.hash, link.id


async def _links(database: Database, name: str) -> AsyncIterator[tuple[Any, str]]:
    async with database.sessions() as session:
        if name == AUDIT:
            async for event in audit.in_order(session):
                yield event, audit.entry_hash(event.prev_hash, event)
        else:
            async for entry in cases.in_order(session):
                yield entry, cases.entry_hash(entry.prev_hash, entry)


def _head_problem(walk: _Walk, head: Head) -> ChainReport | None:
    """What the head, kept apart from the table, says is missing or changed."""
    def broken(at: int | None, reason: str, missing: bool = False) -> ChainReport:
        return ChainReport(head.name, walk.count, at, reason, missing_after=missing)

    if not head.stored:
        return broken(None, "its head record is missing") if walk.count else None
    if reason := _signature_problem(walk.keys, head.data(), head.mac):
        return broken(None, f"its head record is not genuine: {reason}")
    if walk.count < head.count:
        return broken(walk.last_id, f"the {head.count - walk.count} newest entries are "
                      f"missing (the head counts {head.count}, up to entry {head.last_id})",
                      missing=True)
    if walk.count > head.count or (head.last_id, head.last_hash) != (walk.last_id,
                                                                      walk.previous):
        return broken(walk.last_id, f"the head counts {head.count} entries up to entry "
                      f"{head.last_id}, but the table ends at entry {walk.last_id}")
    return None


async def verify_chain(database: Database, keys: KeyRing | None = None, name: str = AUDIT,
                       expected: ExportedHead | None = None) -> ChainReport:
    """Check one chain; `keys` defaults to the ring the database signs with."""
    ring = keys or database.signer
    if not isinstance(ring, KeyRing):
        raise TypeError("verifying a chain needs the key ring")
    walk = _Walk(ring, expected)
    async for link, digest in _links(database, name):
        walk.step(link, digest)
        if walk.problem is not None:
            return ChainReport(name, walk.count, walk.problem[0], walk.problem[1])
    async with database.sessions() as session:
        head = await chain.read_head(session, name)
    if found := _head_problem(walk, head):
        return found
    if expected is not None and walk.count < expected.count:
        return ChainReport(name, walk.count, walk.last_id, (
            f"the head given counts {expected.count} entries, but the chain now holds "
            f"{walk.count}: the newest were removed or the database rolled back"),
            missing_after=True)
    return ChainReport(name, walk.count, None, head=ExportedHead(walk.count, walk.previous))


async def verify_all(database: Database, keys: KeyRing | None = None,
                     heads: dict[str, ExportedHead] | None = None) -> list[ChainReport]:
    """Both chains, each against its exported head when one is given."""
    given = heads or {}
    return [await verify_chain(database, keys, name, given.get(name)) for name in NAMES]


async def current_heads(database: Database) -> dict[str, Head]:
    """The heads as stored (for the log line and /metrics)."""
    async with database.sessions() as session:
        return {name: await chain.read_head(session, name) for name in NAMES}
