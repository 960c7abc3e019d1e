"""The delivery worker: sends outbox rows through each platform's transport.

A round claims due rows with a lease, sends them several at once (messages to one destination
one after another, at that destination's pace; after a 429 none until its Retry-After has
passed), and records every outcome in one transaction. Rows it does not attempt (paced, held,
waiting for the message they edit) are released with their next due time; so are routine
messages out of working hours (bot.working_time.timing), which wait for the next working time.
"""

import asyncio
import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from bot.delivery_outcomes import Outcome, Outcomes, later
from bot.notifications import Message, from_payload
from bot.pacing import DEFAULT_PACES, Key, Pace, Pacer
from bot.runtime import Runtime
from bot.working_time.timing import hold_until
from storage.models import OutboxMessage
from storage.repositories import outbox
from storage.repositories.leases import Claim

log = logging.getLogger(__name__)

DELIVERY_LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 10
BASE_DELAY = timedelta(seconds=2)
MAX_DELAY = timedelta(minutes=5)
WAIT_FOR_ORIGINAL = timedelta(seconds=5)


@dataclass(frozen=True)
class DeliverySettings:
    at_once: int = 8
    """Sends in flight at once (each to a different destination)."""
    batch: int = 50
    """Rows claimed per round."""
    paces: Mapping[str, Pace] = field(default_factory=lambda: dict(DEFAULT_PACES))
    """Per platform: the steady rate and burst allowed to one destination."""


@dataclass(frozen=True)
class Outgoing:
    event: str
    destination_kind: str
    destination: str
    recipient_person_id: str | None
    message: Message
    replaces_message_id: str | None = None
    """The platform id of an earlier message to edit in place instead of posting anew."""
    idempotency_key: str = ""
    """Stable for this notification across retries (the outbox dedupe key)."""
    in_doubt: bool = False
    """An earlier attempt may have reached the platform (a worker died mid-send): a transport
    that can look up what it already posted under idempotency_key should do so first."""


class TransientError(Exception):
    """Worth trying again later (rate limits, timeouts, 5xx)."""

    def __init__(self, reason: str, retry_after: float | None = None,
                 maybe_sent: bool = False) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.maybe_sent = maybe_sent
        """The platform may have acted before the failure (a timeout, a dropped answer)."""


class PermanentError(Exception):
    """Will never succeed as addressed (unknown channel, bot not installed)."""


class Transport(Protocol):
    async def send(self, item: Outgoing) -> str | None:
        """Deliver one message; return the platform's id for it, if it has one."""
        ...


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    if retry_after is not None:
        return timedelta(seconds=max(retry_after, 0.0))
    delay = min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)
    return delay * random.uniform(0.8, 1.2)


@dataclass
class RoundResult:
    claimed: int = 0
    sent: int = 0


async def deliver_due(
    runtime: Runtime, transports: Mapping[str, Transport], limit: int = 50
) -> int:
    """One round by a fresh worker; returns how many were sent. (A long-running process keeps
    one DeliveryWorker, so its pace per destination carries from round to round.)"""
    return (await DeliveryWorker(runtime, transports).deliver_round(limit)).sent


class DeliveryWorker:
    def __init__(self, runtime: Runtime, transports: Mapping[str, Transport],
                 settings: DeliverySettings | None = None) -> None:
        self.runtime = runtime
        self.transports = transports
        self.settings = settings or DeliverySettings()
        self.pacer = Pacer(self.settings.paces)

    async def deliver_round(self, limit: int | None = None) -> RoundResult:
        """Claim what is due, send it, record the outcomes."""
        now = self.runtime.clock.now()
        async with self.runtime.database.transaction() as session:
            claimed = await outbox.claim_due(session, now, DELIVERY_LEASE,
                                             limit or self.settings.batch)
        if not claimed.rows:
            return RoundResult()
        self.pacer.forget_idle(now)
        one = _Round(self, claimed)
        await one.run()
        return RoundResult(len(claimed.rows), one.sent)

    async def next_due_in(self, most: float) -> float:
        """Seconds until the next pending row falls due, at most `most`."""
        now = self.runtime.clock.now()
        async with self.runtime.database.readers() as session:
            due = await outbox.next_attempt(session, now)
        return most if due is None else min(most, (due - now).total_seconds())


class _Round:
    def __init__(self, worker: DeliveryWorker, claimed: Claim[OutboxMessage]) -> None:
        self.worker = worker
        self.runtime = worker.runtime
        self.claimed = claimed
        self.outcomes = Outcomes()
        self.gate = asyncio.Semaphore(max(worker.settings.at_once, 1))
        self.posted: dict[str, str | None] = {}
        """Dedupe key → platform id of messages sent this round (for edits that follow)."""
        self.sent = 0

    async def run(self) -> None:
        groups: dict[Key, list[OutboxMessage]] = {}
        for row in self.claimed.rows:
            groups.setdefault((row.platform, row.destination), []).append(row)
        await asyncio.gather(*(self._one_destination(key, rows)
                               for key, rows in groups.items()))
        await self.outcomes.record(self.runtime, self.claimed.token)

    async def _one_destination(self, key: Key, rows: list[OutboxMessage]) -> None:
        """In order; once one has to wait for the pace or a hold, the rest queue behind it."""
        pacer, waiting = self.worker.pacer, 0
        for row in rows:
            in_doubt = row.id in self.claimed.in_doubt
            now = self.runtime.clock.now()
            held = hold_until(self.runtime.config, row.event, row.payload or {},
                              row.recipient_person_id, now)
            if held is not None:  # routine, out of hours: due again at the next working time
                self.outcomes.items.append(later(row, held, in_doubt))
                continue
            if waiting or pacer.ready_at(key, now) > now:
                self.outcomes.items.append(later(row, pacer.later(key, now, waiting), in_doubt))
                waiting += 1
                continue
            async with self.gate:
                try:
                    outcome = await self._attempt(key, row, in_doubt)
                except Exception as error:  # before the send (a bad payload, a lookup): a try
                    outcome = self._retry(key, row, row.attempts + 1, error)
            self.outcomes.items.append(outcome)

    async def _attempt(self, key: Key, row: OutboxMessage, in_doubt: bool) -> Outcome:
        transport = self.worker.transports.get(row.platform)
        if transport is None:
            return self._give_up(row, row.attempts, f"no transport for {row.platform}")
        replaces, ready = await self._original(row)
        if not ready:
            return later(row, self.runtime.clock.now() + WAIT_FOR_ORIGINAL, in_doubt)
        item = Outgoing(row.event, row.destination_kind, row.destination, row.recipient_person_id,
                        from_payload(row.payload), replaces, row.dedupe_key,
                        in_doubt or row.outcome_unknown)
        attempts = row.attempts + 1
        self.worker.pacer.take(key, self.runtime.clock.now())
        try:
            message_id = await transport.send(item)
        except PermanentError as error:
            return self._give_up(row, attempts, str(error))
        except Exception as error:  # transient by default: a timeout or 5xx must not lose it
            return self._retry(key, row, attempts, error)
        return self._sent(row, attempts, message_id)

    def _sent(self, row: OutboxMessage, attempts: int, message_id: str | None) -> Outcome:
        now = self.runtime.clock.now()
        self.posted[row.dedupe_key] = message_id
        self.sent += 1
        metrics = self.runtime.metrics
        metrics.notifications_sent.labels(row.platform, row.event).inc()
        metrics.delivery_latency.labels(row.platform).observe(
            max((now - row.created_at).total_seconds(), 0.0))
        return Outcome(row, {"status": "sent", "attempts": attempts, "sent_at": now,
                             "platform_message_id": message_id, "last_error": None,
                             "outcome_unknown": False})

    def _retry(self, key: Key, row: OutboxMessage, attempts: int, error: Exception) -> Outcome:
        retry_after = error.retry_after if isinstance(error, TransientError) else None
        unknown = not isinstance(error, TransientError) or error.maybe_sent
        now = self.runtime.clock.now()  # Retry-After counts from this answer
        if retry_after is not None:
            until = now + timedelta(seconds=max(retry_after, 0.0))
            self.worker.pacer.hold(key, until)
            self.outcomes.hold(key, until)
        if attempts >= MAX_ATTEMPTS:
            return self._give_up(row, attempts, str(error))
        log.warning("outbox %s (%s to %s) attempt %s failed: %s", row.id, row.event,
                    row.platform, attempts, type(error).__name__)
        return Outcome(row, {"attempts": attempts, "last_error": str(error)[:500],
                             "outcome_unknown": unknown,
                             "next_attempt_at": now + backoff(attempts, retry_after)})

    def _give_up(self, row: OutboxMessage, attempts: int, reason: str) -> Outcome:
        log.error("outbox %s (%s to %s) failed for good after %s attempts", row.id, row.event,
                  row.platform, attempts)
        self.runtime.metrics.notifications_failed.labels(row.platform, row.event).inc()
        return Outcome(row, {"status": "failed", "attempts": attempts,
                             "last_error": reason[:500]}, gave_up=True)

    async def _original(self, row: OutboxMessage) -> tuple[str | None, bool]:
        """The id of the message this one edits, and whether we can go ahead now."""
        if not row.replaces_key:
            return None, True
        if row.replaces_key in self.posted:
            return self.posted[row.replaces_key], True
        async with self.runtime.database.readers() as session:
            found = await outbox.sent_message_id(session, row.replaces_key)
        if found is None or found[0] == "failed":
            return None, True  # nothing to edit: post it as a new message instead
        status, message_id = found
        return message_id, status == "sent"
