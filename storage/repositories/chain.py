"""Signed hash chains: the audit trail and the case record.

Each entry's `hash` is SHA-256 over the previous entry's hash and the entry's own fields; its
`mac` is an HMAC of that hash with a key derived from the key ring (the signer a Runtime puts on
the database's sessions), so nobody holding only the database can recompute the chain after
changing an entry. The chain's head (`chain_heads`: how many entries, the newest one, signed)
is advanced in the same transaction as every entry, so removing the newest entries, or all of
them, leaves a head that counts more than the table holds.

Appends are serialised: an advisory lock on PostgreSQL (replicas append at once), and SQLite
has one writer. The head, read under that lock, gives the previous hash, so an entry added
after a removal still points at the removed one and the gap shows.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Protocol, cast

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ChainHead

GENESIS = "0" * 64
CHAIN_LOCK = 7_270_001
"""PostgreSQL advisory lock id that serialises appends to both chains, so neither forks."""
AUDIT = "audit"
CASE_ENTRIES = "case_entries"
CHAINS = (AUDIT, CASE_ENTRIES)
SIGNER = "chain_signer"
"""The key of the signer in a session's `info` (storage.engine.Database.use_signer)."""

_HEADS = cast(Table, ChainHead.__table__)
_ADVANCE = update(_HEADS).where(_HEADS.c.name == bindparam("head_name"))
"""SET count, last_id, last_hash and mac from the parameters given."""
_START = insert(_HEADS)


class ChainSigner(Protocol):
    """Signs one link (bot.crypto.KeyRing)."""

    def sign_chain(self, data: str) -> str: ...


class NoChainSigner(RuntimeError):
    """An entry was appended on a session without the key ring's signer."""


@dataclass(frozen=True)
class Head:
    name: str
    count: int
    last_id: int
    last_hash: str
    mac: str = ""
    stored: bool = True
    """False when the chain has no head row yet (a new database)."""

    def data(self) -> str:
        """What the head's signature covers."""
        return head_data(self.name, self.count, self.last_id, self.last_hash)


def head_data(name: str, count: int, last_id: int, last_hash: str) -> str:
    return f"{name}:{count}:{last_id}:{last_hash}"


def link_hash(prev_hash: str, fields: list[Any]) -> str:
    """SHA-256 over the previous hash and an entry's fields, in a canonical JSON form."""
    body = json.dumps([prev_hash, *fields], sort_keys=True, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def signer(session: AsyncSession) -> ChainSigner:
    found = session.info.get(SIGNER)
    if found is None:
        raise NoChainSigner("the audit and case chains are signed with the key ring: open "
                            "the database through a Runtime (or Database.use_signer)")
    return cast(ChainSigner, found)


async def read_head(session: AsyncSession, name: str) -> Head:
    """The chain's head as stored (count 0 at the genesis when there is none)."""
    row = (await session.execute(
        select(ChainHead.count.label("entries"), ChainHead.last_id, ChainHead.last_hash,
               ChainHead.mac).where(ChainHead.name == name))).one_or_none()
    if row is None:
        return Head(name, 0, 0, GENESIS, stored=False)
    return Head(name, int(row.entries), int(row.last_id), row.last_hash, row.mac)


_CLAIM = (update(_HEADS).where(_HEADS.c.name == bindparam("head_name"))
          .values(count=_HEADS.c.count)
          .returning(_HEADS.c.count, _HEADS.c.last_id, _HEADS.c.last_hash, _HEADS.c.mac))
"""Read the head by writing it (unchanged): on SQLite the read then happens under the
database's write lock, so processes sharing one file cannot both read the same head."""


async def begin_append(session: AsyncSession, name: str) -> Head:
    """Lock the chains for this transaction and read the head the next entry follows."""
    await session.flush()  # pending rows (e.g. the report this entry is about) go first
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    row = (await session.execute(_CLAIM, {"head_name": name})).one_or_none()
    if row is None:
        return Head(name, 0, 0, GENESIS, stored=False)
    return Head(name, int(row[0]), int(row[1]), row[2], row[3])


async def advance(session: AsyncSession, previous: Head, new_id: int, new_hash: str,
                  sign: ChainSigner) -> None:
    """Move the head on by the entry just added (same transaction, same lock)."""
    count = previous.count + 1
    mac = sign.sign_chain(head_data(previous.name, count, new_id, new_hash))
    values = {"count": count, "last_id": new_id, "last_hash": new_hash, "mac": mac}
    if previous.stored:
        await session.execute(_ADVANCE, {"head_name": previous.name, **values})
    else:
        await session.execute(_START, {"name": previous.name, **values})
