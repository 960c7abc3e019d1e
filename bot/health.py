"""Is delivery healthy? Alerts that have waited too long, or failed, make the bot unhealthy."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from storage.engine import Database
from storage.models import OutboxMessage, Report

UNDELIVERED_THRESHOLD = timedelta(minutes=2)


@dataclass(frozen=True)
class DeliveryHealth:
    stale_alerts: int
    """Alerts still unsent after the threshold."""
    failed_alerts: int
    """Alerts given up on, for reports nobody has acknowledged yet."""

    def problems(self) -> list[str]:
        found = []
        if self.stale_alerts:
            found.append(f"alerts: {self.stale_alerts} undelivered for over "
                         f"{int(UNDELIVERED_THRESHOLD.total_seconds())}s")
        if self.failed_alerts:
            found.append(f"alerts: {self.failed_alerts} failed for unacknowledged reports")
        return found


async def check_delivery(database: Database, now: datetime) -> DeliveryHealth:
    async with database.sessions() as session:
        stale = (await session.execute(
            select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.event == "alert", OutboxMessage.status == "pending",
                OutboxMessage.created_at < now - UNDELIVERED_THRESHOLD)
        )).scalar_one()
        failed = (await session.execute(
            select(func.count()).select_from(OutboxMessage)
            .join(Report, Report.id == OutboxMessage.report_id)
            .where(OutboxMessage.event == "alert", OutboxMessage.status == "failed",
                   Report.state == "submitted")
        )).scalar_one()
    return DeliveryHealth(int(stale), int(failed))
