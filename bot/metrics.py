"""Prometheus metrics for one running bot, in its own registry (no global state)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy import func, select

from storage.engine import Database
from storage.models import ChainHead, OutboxMessage, Report
from storage.repositories.chain import CHAINS

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900)
ACK_BUCKETS = (60, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400)


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.notifications_sent = Counter(
            "safeguard_notifications_sent", "Notifications delivered", ["platform", "event"],
            registry=r)
        self.notifications_failed = Counter(
            "safeguard_notifications_failed", "Notifications given up after retries",
            ["platform", "event"], registry=r)
        self.delivery_latency = Histogram(
            "safeguard_delivery_latency_seconds", "From outbox row to platform acceptance",
            ["platform"], buckets=LATENCY_BUCKETS, registry=r)
        self.time_to_acknowledge = Histogram(
            "safeguard_time_to_acknowledge_seconds", "From submission to acknowledgement",
            buckets=ACK_BUCKETS, registry=r)
        self.escalations = Counter(
            "safeguard_escalations_fired", "Escalation steps and reminders run", registry=r)
        self.outbox = Gauge(
            "safeguard_outbox_messages", "Outbox rows by status", ["status"], registry=r)
        self.oldest_unacknowledged = Gauge(
            "safeguard_oldest_unacknowledged_report_seconds",
            "Age of the oldest submitted, unacknowledged real report (0 if none)", registry=r)
        self.chain_entries = Gauge(
            "safeguard_chain_entries",
            "Entries the chain's head counts (audit, case_entries); it never goes down, so "
            "alert if it does: entries were removed or the database rolled back",
            ["chain"], registry=r)

    def set_chain_heads(self, counts: dict[str, int]) -> None:
        for name, count in counts.items():
            self.chain_entries.labels(name).set(count)

    async def refresh(self, database: Database, now: datetime) -> None:
        """Read the gauges that live in the database (on scrape)."""
        async with database.sessions() as session:
            by_status = dict((await session.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            )).all())
            oldest = (await session.execute(
                select(func.min(Report.recorded_at)).where(
                    Report.state == "submitted", Report.is_practice.is_(False))
            )).scalar_one_or_none()
            heads = dict((await session.execute(select(ChainHead.name, ChainHead.count))).all())
        self.set_chain_heads({name: heads.get(name, 0) for name in CHAINS})
        for status in ("pending", "sent", "failed"):
            self.outbox.labels(status).set(by_status.get(status, 0))
        if oldest is not None and oldest.tzinfo is None:  # SQLite aggregates lose the zone
            oldest = oldest.replace(tzinfo=UTC)
        self.oldest_unacknowledged.set((now - oldest).total_seconds() if oldest else 0)

    def render(self) -> bytes:
        return generate_latest(self.registry)
