"""The delivery worker: sends outbox rows through each platform's transport, with backoff."""

import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.notifications import Message, from_payload
from bot.runtime import Runtime
from bot.submission import ESCALATION_TIMER
from storage.models import OutboxMessage
from storage.repositories import outbox, timers

log = logging.getLogger(__name__)

DELIVERY_LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 10
BASE_DELAY = timedelta(seconds=2)
MAX_DELAY = timedelta(minutes=5)
WAIT_FOR_ORIGINAL = timedelta(seconds=5)


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


async def deliver_due(
    runtime: Runtime, transports: Mapping[str, Transport], limit: int = 50
) -> int:
    """Send what is due; returns how many were sent."""
    now = runtime.clock.now()
    async with runtime.database.transaction() as session:
        claimed = await outbox.claim_due(session, now, DELIVERY_LEASE, limit)
    sent = 0
    for row in claimed.rows:
        in_doubt = row.id in claimed.in_doubt
        sent += await _deliver_one(runtime, transports, row, claimed.token, now, in_doubt)
    return sent


async def _deliver_one(
    runtime: Runtime, transports: Mapping[str, Transport], row: OutboxMessage, token: str,
    now: datetime, in_doubt: bool,
) -> int:
    transport = transports.get(row.platform)
    if transport is None:
        await _failed(runtime, row, token, row.attempts, f"no transport for {row.platform}")
        return 0
    replaces, ready = await _original(runtime, row)
    if not ready:
        await _finish(runtime, row, token, next_attempt_at=now + WAIT_FOR_ORIGINAL)
        return 0
    item = Outgoing(row.event, row.destination_kind, row.destination, row.recipient_person_id,
                    from_payload(row.payload), replaces, row.dedupe_key,
                    in_doubt or row.outcome_unknown)
    attempts = row.attempts + 1
    try:
        message_id = await transport.send(item)
    except PermanentError as error:
        await _failed(runtime, row, token, attempts, str(error))
        return 0
    except Exception as error:  # transient by default: a timeout or 5xx must not lose it
        retry_after = error.retry_after if isinstance(error, TransientError) else None
        unknown = not isinstance(error, TransientError) or error.maybe_sent
        now = runtime.clock.now()  # Retry-After counts from this answer, not the batch start
        if attempts >= MAX_ATTEMPTS:
            await _failed(runtime, row, token, attempts, str(error))
        else:
            log.warning("outbox %s (%s to %s) attempt %s failed: %s", row.id, row.event,
                        row.platform, attempts, type(error).__name__)
            await _finish(runtime, row, token, attempts=attempts, last_error=str(error)[:500],
                          outcome_unknown=unknown,
                          next_attempt_at=now + backoff(attempts, retry_after))
        return 0
    now = runtime.clock.now()
    await _finish(runtime, row, token, status="sent", attempts=attempts, sent_at=now,
                  platform_message_id=message_id, last_error=None, outcome_unknown=False)
    runtime.metrics.notifications_sent.labels(row.platform, row.event).inc()
    runtime.metrics.delivery_latency.labels(row.platform).observe(
        max((now - row.created_at).total_seconds(), 0.0))
    return 1


async def _original(runtime: Runtime, row: OutboxMessage) -> tuple[str | None, bool]:
    """The id of the message this one edits, and whether we can go ahead now."""
    if not row.replaces_key:
        return None, True
    async with runtime.database.sessions() as session:
        found = await outbox.sent_message_id(session, row.replaces_key)
    if found is None or found[0] == "failed":
        return None, True  # nothing to edit: post it as a new message instead
    status, message_id = found
    return message_id, status == "sent"


async def _failed(runtime: Runtime, row: OutboxMessage, token: str, attempts: int,
                  reason: str) -> None:
    """Give up on one message. An undelivered alert brings the next escalation step forward."""
    log.error("outbox %s (%s to %s) failed for good after %s attempts", row.id, row.event,
              row.platform, attempts)
    runtime.metrics.notifications_failed.labels(row.platform, row.event).inc()
    async with runtime.database.transaction() as session:
        if not await outbox.finish(session, row.id, token, status="failed", attempts=attempts,
                                   last_error=reason[:500]):
            return
        if row.event == "alert" and row.report_id is not None:
            await timers.bring_forward(session, row.report_id, ESCALATION_TIMER,
                                       runtime.clock.now())


async def _finish(runtime: Runtime, row: OutboxMessage, token: str, **values: object) -> None:
    async with runtime.database.transaction() as session:
        if not await outbox.finish(session, row.id, token, **values):
            log.warning("outbox %s: lease lost before the outcome was recorded", row.id)
