"""An alert card's current state rebuilt from the report (reference, kind, urgency, times).

Shown to the person who pressed a button on an alert: every copy others see is edited by
the outbox (`alert_update`), which is durable and retried.
"""

from bot.access import Action
from bot.actors import Actor
from bot.alerts import alert_for
from bot.authorised import authorised_report
from bot.notifications import AlertMessage
from bot.runtime import Runtime


async def alert_state(runtime: Runtime, actor: Actor, reference: str) -> AlertMessage | None:
    """The alert as it stands now, or None when the actor may not see it."""
    async with runtime.database.transaction() as session:  # a refusal is recorded
        report = await authorised_report(session, runtime, actor, Action.ACKNOWLEDGE,
                                         reference, runtime.clock.now(), "alert_refused")
    if report is None:
        return None
    alert = alert_for(runtime, report)
    if report.acknowledged_at is None:
        return alert
    holder = runtime.config.person(report.acknowledged_by or "")
    role = holder.roles[0].label if holder and holder.roles else "unknown role"
    by = f"{holder.initials} ({role})" if holder else "someone"
    seconds = int((report.acknowledged_at - report.recorded_at).total_seconds())
    return AlertMessage(**{**alert.__dict__, "acknowledged_by": by,
                           "acknowledged_at": report.acknowledged_at.isoformat(),
                           "seconds_to_acknowledge": seconds})
