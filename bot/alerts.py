"""Who is told what when a report is filed, escalated or acknowledged."""

from datetime import datetime

from bot.access import may_be_told
from bot.actors import Actor
from bot.config import Person
from bot.notifications import (
    AcknowledgedMessage,
    Address,
    AlertMessage,
    Batch,
    channel_addresses,
    person_addresses,
)
from bot.outbox import dedupe_key
from bot.routing import LEAD_ROLES, may_handle
from bot.runtime import Runtime
from storage.models import Report


def reporter_address(report: Report) -> Address:
    return Address(
        report.reporter_platform, "person", report.reporter_user_id, report.reporter_person_id
    )


def alert_for(runtime: Runtime, report: Report, step: int = 0) -> AlertMessage:
    return AlertMessage(
        reference=report.reference,
        kind_label=runtime.kinds[report.kind].label,
        urgency=report.urgency,
        recorded_at=report.recorded_at.isoformat(),
        practice=report.is_practice,
        step=step,
    )


def channel_allowed(runtime: Runtime, report: Report) -> bool:
    """No channel alert when the report is about someone who holds a role that reads it."""
    if report.is_practice:
        return False
    subject = runtime.config.person(report.subject_person_id or "")
    if subject is None:
        return True
    return not (
        subject.has_any_role(LEAD_ROLES | {runtime.config.escalation.fallback_role})
        or may_handle(subject, report.routed_roles, runtime.config.escalation.fallback_role, None)
    )


def alert_batch(
    runtime: Runtime, report: Report, people: tuple[Person, ...], step: int = 0
) -> Batch:
    batch = Batch()
    message = alert_for(runtime, report, step)
    if report.is_practice:
        batch.add("alert", reporter_address(report), message)
        return batch
    if channel_allowed(runtime, report):
        for address in channel_addresses(runtime.config, runtime.platforms):
            batch.add("alert", address, message)
    for person in people:
        if not may_be_told(person.id, report):
            continue
        for address in person_addresses(person, runtime.platforms):
            batch.add("alert", address, message)
    return batch


def acknowledgement_batch(
    runtime: Runtime, report: Report, actor: Actor, alerted: list[str],
    posted: list[tuple[str, int]], now: datetime,
) -> Batch:
    """Tell the reporter and everyone alerted; edit every copy of the alert (in the channel and
    in each person's direct messages, the first and any escalations) so none is left saying it
    needs someone, with live buttons. `posted`: (dedupe key, step) of every alert queued."""
    seconds = int((now - report.recorded_at).total_seconds())
    by = f"{actor.initials} ({_role_label(actor.person)})"
    note = AcknowledgedMessage(
        reference=report.reference,
        kind_label=runtime.kinds[report.kind].label,
        acknowledged_by=by,
        acknowledged_at=now.isoformat(),
        seconds_to_acknowledge=seconds,
    )
    batch = Batch()
    batch.add("acknowledged", reporter_address(report), _to_reporter(note))
    if report.is_practice:
        return batch
    told = [person for person in map(runtime.config.person, alerted)
            if person is not None and may_be_told(person.id, report)]
    # not told: e.g. alerted before a completed record named them as its subject
    for person in told:
        if person.id != actor.person_id:
            for address in person_addresses(person, runtime.platforms):
                batch.add("acknowledged", address, note)
    copies = [*channel_addresses(runtime.config, runtime.platforms),
              *(address for person in told
                for address in person_addresses(person, runtime.platforms))]
    for address in copies:
        for original, step in posted:
            if original != dedupe_key(report.id, "alert", step, address):
                continue
            updated = AlertMessage(
                **{**alert_for(runtime, report, step).__dict__, "acknowledged_by": by,
                   "acknowledged_at": now.isoformat(), "seconds_to_acknowledge": seconds}
            )
            batch.add("alert_update", address, updated, replaces=original)
    return batch


def _to_reporter(note: AcknowledgedMessage) -> AcknowledgedMessage:
    return AcknowledgedMessage(**{**note.__dict__, "to_reporter": True})


def _role_label(person: Person | None) -> str:
    if person is None or not person.roles:
        return "unknown role"
    return person.roles[0].label
