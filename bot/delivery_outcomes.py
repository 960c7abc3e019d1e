"""What became of each message in a delivery round, recorded in one transaction."""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.escalation_policy import ESCALATION_TIMER
from bot.runtime import Runtime
from storage.models import OutboxMessage
from storage.repositories import outbox, timers

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    row: OutboxMessage
    values: dict[str, Any]
    """Columns to set on the row as its lease is released."""
    gave_up: bool = False
    """Failed for good: an undelivered alert brings the next escalation step forward."""


def later(row: OutboxMessage, at: datetime, in_doubt: bool) -> Outcome:
    """Not attempted now (paced, held, or waiting for the message it edits): due again at
    `at`, no attempt counted. A row in doubt stays flagged, so the next try checks first."""
    values: dict[str, Any] = {"next_attempt_at": at}
    if in_doubt:
        values["outcome_unknown"] = True
    return Outcome(row, values)


@dataclass
class Outcomes:
    """Everything one round decided, written when the round ends."""

    items: list[Outcome] = field(default_factory=list)
    holds: dict[tuple[str, str], datetime] = field(default_factory=dict)
    """(platform, destination) → no sends before then (answered 429 with Retry-After)."""

    def hold(self, key: tuple[str, str], until: datetime) -> None:
        self.holds[key] = max(self.holds.get(key, until), until)

    async def record(self, runtime: Runtime, token: str) -> None:
        """One transaction: each outcome only if our lease still holds (else another worker
        has the row now, and our result is dropped); then the holds, for every replica."""
        if not self.items and not self.holds:
            return
        async with runtime.database.transaction() as session:
            recorded = await outbox.finish_many(
                session, token, [(item.row.id, item.values) for item in self.items])
            for item in self.items:
                if item.row.id not in recorded:
                    log.warning("outbox %s: lease lost before the outcome was recorded",
                                item.row.id)
                elif item.gave_up and item.row.event == "alert" and item.row.report_id:
                    await timers.bring_forward(session, item.row.report_id, ESCALATION_TIMER,
                                               runtime.clock.now())
            for (platform, destination), until in self.holds.items():
                await outbox.hold(session, platform, destination, until)
