"""Writing a batch of notifications to the outbox inside the caller's transaction, and the
doorbell that wakes this process's delivery worker when such a transaction commits."""

import asyncio
import contextlib
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from bot.notifications import Address, Batch, Message, to_payload
from storage.engine import Database
from storage.repositories import outbox


def dedupe_key(report_id: int, event: str, step: int, address: Address) -> str:
    return f"r{report_id}:{event}:{step}:{address.key}"


async def write(session: AsyncSession, batch: Batch, report_id: int, now: datetime) -> None:
    """Every notification of the batch, in one statement."""
    await outbox.enqueue_many(session, now, [
        {"dedupe_key": dedupe_key(report_id, event_name, _step(message), address),
         "report_id": report_id, "event": event_name, "platform": address.platform,
         "destination_kind": address.kind, "destination": address.destination,
         "recipient_person_id": address.person_id, "payload": to_payload(message),
         "replaces_key": replaces}
        for event_name, address, message, replaces in batch.items
    ])


def _step(message: Message) -> int:
    return getattr(message, "step", 0)


class Doorbell:
    """Rings when a transaction that wrote outbox rows commits on this database in this
    process, so the delivery worker need not wait for its next poll. Other processes (replicas)
    are not told: they find the rows when they next look."""

    def __init__(self, database: Database) -> None:
        self._rung = asyncio.Event()
        self._engine = database.engine.sync_engine
        event.listen(self._engine, "begin", self._on_begin)
        event.listen(self._engine, "commit", self._on_commit)

    def _on_begin(self, connection: Any) -> None:
        connection.info.pop(outbox.WRITTEN, None)

    def _on_commit(self, connection: Any) -> None:
        if connection.info.get(outbox.WRITTEN):
            self._rung.set()

    def ring(self) -> None:
        self._rung.set()

    async def wait(self, seconds: float) -> bool:
        """Wait until rung or `seconds` pass; True if rung. Clears it for the next wait."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._rung.wait(), max(seconds, 0.0))
        rung = self._rung.is_set()
        self._rung.clear()
        return rung

    def close(self) -> None:
        event.remove(self._engine, "begin", self._on_begin)
        event.remove(self._engine, "commit", self._on_commit)
