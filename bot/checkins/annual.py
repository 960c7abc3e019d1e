"""Check-in figures for the trustees' annual picture: how many check-ins were offered on
report receipts in the year, and how many were taken up. Counts only, nothing about anyone."""

from bot.cases.annual import CheckinSummary
from bot.cases.register import year_bounds
from bot.config import OrgConfig
from bot.runtime import Runtime
from storage.repositories import checkins


def configured(config: OrgConfig) -> bool:
    """Check-ins run here when a yes to the offer reaches someone: a person holding the
    `[wellbeing] role`, or a manager named in people."""
    return bool(config.holders(config.wellbeing.role)) or any(
        person.manager for person in config.people)


async def checkin_summary(runtime: Runtime, year: int) -> CheckinSummary | None:
    """None when check-ins are not configured. Offers are deleted after `[wellbeing]
    retention`: when that has already reached into the year, the counts say from when."""
    if not configured(runtime.config):
        return None
    start, end = year_bounds(year, runtime)
    kept_since = runtime.clock.now() - runtime.config.wellbeing.retention
    async with runtime.database.readers() as session:
        offered, taken_up = await checkins.offer_counts(session, start, end)
    counted_from = (kept_since.astimezone(runtime.config.organisation.zone).date()
                    if kept_since > start else None)
    return CheckinSummary(offered, taken_up, counted_from)
