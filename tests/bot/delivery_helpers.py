"""Outbox rows queued directly, and transports that record when (on the test clock) each
message was attempted, answer 429 on cue, or hold their sends until released."""

import asyncio
import itertools
from datetime import datetime

from sqlalchemy import select

from bot.clock import Clock
from bot.delivery import Outgoing, TransientError
from bot.notifications import AlertMessage, to_payload
from bot.runtime import Runtime
from storage.models import OutboxMessage
from storage.repositories import outbox

_numbers = itertools.count(1)


async def queue(runtime: Runtime, *destinations: str, platform: str = "slack") -> None:
    """One alert per destination named (in this order), all due now."""
    async with runtime.database.transaction() as session:
        for destination in destinations:
            n = next(_numbers)
            message = AlertMessage(f"SG-2026-{n:04d}", "Safeguarding concern", "normal",
                                   "2026-03-14T10:00:00+00:00")
            await outbox.enqueue(session, runtime.clock.now(), dedupe_key=f"k{n}",
                                 event="alert", platform=platform, destination_kind="channel",
                                 destination=destination, payload=to_payload(message))


async def rows(runtime: Runtime) -> list[OutboxMessage]:
    async with runtime.database.sessions() as session:
        found = await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))
        return list(found.scalars())


class TimedTransport:
    """Records (destination, reference, when) for every attempt; `limited` destinations answer
    429 with Retry-After `retry_after` to their next attempt."""

    def __init__(self, clock: Clock, retry_after: float = 30.0) -> None:
        self.clock = clock
        self.retry_after = retry_after
        self.attempts: list[tuple[str, str, datetime]] = []
        self.limited: set[str] = set()

    async def send(self, item: Outgoing) -> str:
        reference = getattr(item.message, "reference", "")
        self.attempts.append((item.destination, reference, self.clock.now()))
        if item.destination in self.limited:
            self.limited.discard(item.destination)
            raise TransientError("slack: rate limited (ratelimited)", self.retry_after)
        return f"{item.destination}:{len(self.attempts)}"

    def to(self, destination: str) -> list[datetime]:
        return [at for where, _ref, at in self.attempts if where == destination]


class GatedTransport:
    """Every send waits for `release`; counts how many are in flight, overall and per
    destination, and the most there ever were."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.in_flight: dict[str, int] = {}
        self.most = 0
        self.most_per_destination = 0
        self.sent: list[str] = []
        self.changed = asyncio.Condition()

    async def send(self, item: Outgoing) -> str:
        async with self.changed:
            self.in_flight[item.destination] = self.in_flight.get(item.destination, 0) + 1
            self.most = max(self.most, sum(self.in_flight.values()))
            self.most_per_destination = max(self.most_per_destination,
                                            self.in_flight[item.destination])
            self.changed.notify_all()
        await self.release.wait()
        async with self.changed:
            self.in_flight[item.destination] -= 1
            self.sent.append(item.idempotency_key)
            self.changed.notify_all()
        return f"m{len(self.sent)}"

    async def until_in_flight(self, count: int) -> None:
        async with self.changed:
            await self.changed.wait_for(lambda: sum(self.in_flight.values()) >= count)
