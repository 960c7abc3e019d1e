"""Notifications from the case record: clock reminders, assignment, feedback to the reporter.
Each carries a reference and a fixed, content-free sentence only.

They go through the outbox like every other notification. The outbox can only carry message
types that bot.notifications knows (and each adapter renders); until CaseNotice
(bot/cases/messages.py) is registered there, `enqueue` writes nothing and returns 0, so an
unknown type can never block delivery.
"""

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import notifications
from bot.access import may_be_told
from bot.cases.messages import CaseNotice
from bot.notifications import Address, person_addresses
from bot.runtime import Runtime
from storage.models import Report
from storage.repositories import outbox


def deliverable() -> bool:
    """Does the outbox know how to carry a CaseNotice yet?"""
    sample = CaseNotice("X", "X", "probe", "probe")
    try:
        notifications.from_payload(_payload(sample))
    except (KeyError, TypeError):
        return False
    return True


def _payload(notice: CaseNotice) -> dict[str, Any]:
    return {"type": notice.type, **notice.__dict__}


async def enqueue(session: AsyncSession, report: Report, notice: CaseNotice,
                  addresses: list[Address], now: datetime) -> int:
    """Write one outbox row per address (in the caller's transaction); returns how many.
    Never to the person the report is about (bot.access.may_be_told)."""
    if not deliverable():
        return 0
    addresses = [a for a in addresses if may_be_told(a.person_id, report)]
    for address in addresses:
        await outbox.enqueue(
            session, now,
            dedupe_key=f"r{report.id}:case_{notice.notice}:{notice.step}:{address.key}",
            report_id=report.id, event=f"case_{notice.notice}", platform=address.platform,
            destination_kind=address.kind, destination=address.destination,
            recipient_person_id=address.person_id, payload=_payload(notice), replaces_key=None)
    return len(addresses)


def people_addresses(runtime: Runtime, person_ids: list[str]) -> list[Address]:
    found: list[Address] = []
    for person_id in dict.fromkeys(person_ids):
        person = runtime.config.person(person_id)
        if person is not None:
            found.extend(person_addresses(person, runtime.platforms))
    return found
