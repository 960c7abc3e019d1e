"""An alert card's current state rebuilt from the report (reference, kind, urgency, times).

Used to answer the person who pressed a button on an alert: the channel's copy is edited by
the outbox (`alert_update`), which is durable and retried.
"""

from bot.acknowledgement import may_acknowledge
from bot.actors import Actor
from bot.alerts import alert_for
from bot.domain import normalise_reference
from bot.notifications import AlertMessage
from bot.runtime import Runtime
from storage.repositories import reports


async def alert_state(runtime: Runtime, actor: Actor, reference: str) -> AlertMessage | None:
    """The alert as it stands now, or None when the actor may not see it."""
    async with runtime.database.sessions() as session:
        report = await reports.by_reference(session, normalise_reference(reference))
    if report is None or not may_acknowledge(runtime, actor, report):
        return None
    alert = alert_for(report)
    if report.acknowledged_at is None:
        return alert
    holder = runtime.config.person(report.acknowledged_by or "")
    role = holder.roles[0].label if holder and holder.roles else "unknown role"
    by = f"{holder.initials} ({role})" if holder else "someone"
    seconds = int((report.acknowledged_at - report.recorded_at).total_seconds())
    return AlertMessage(**{**alert.__dict__, "acknowledged_by": by,
                           "acknowledged_at": report.acknowledged_at.isoformat(),
                           "seconds_to_acknowledge": seconds})
