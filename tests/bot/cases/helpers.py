"""Taking a report to an acknowledged case in-process, and reading what the case stored."""

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select

from bot import notifications
from bot.acknowledgement import acknowledge
from bot.cases.messages import CaseNotice
from bot.runtime import Runtime
from storage.case_models import CaseEntry
from storage.models import AuditEvent, OutboxMessage, Report
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind

NOTE_PLANT = "Quokka-Lantern-4417"
"""Planted in notes, reasons and referral references: it must stay in private views."""


async def acknowledged(runtime: Runtime, kind: ReportKind = ReportKind.SAFEGUARDING_CONCERN,
                       overrides: dict[str, str] | None = None, by: str = "lead") -> str:
    receipt = await file_report(runtime, actor(runtime, "alex"), kind, overrides)
    result = await acknowledge(runtime, actor(runtime, by), receipt.reference)
    assert result.status == "acknowledged"
    return receipt.reference


async def stored_entries(runtime: Runtime, reference: str) -> list[CaseEntry]:
    async with runtime.database.sessions() as session:
        rows = await session.execute(
            select(CaseEntry).join(Report, Report.id == CaseEntry.report_id)
            .where(Report.reference == reference).order_by(CaseEntry.sequence))
        return list(rows.scalars())


async def report_row(runtime: Runtime, reference: str) -> Report:
    async with runtime.database.sessions() as session:
        row = (await session.execute(select(Report).where(Report.reference == reference))
               ).scalar_one()
        return row


async def audit_actions(runtime: Runtime) -> list[AuditEvent]:
    async with runtime.database.sessions() as session:
        return list((await session.execute(select(AuditEvent).order_by(AuditEvent.id))
                     ).scalars())


async def case_outbox(runtime: Runtime) -> list[OutboxMessage]:
    async with runtime.database.sessions() as session:
        rows = await session.execute(
            select(OutboxMessage).where(OutboxMessage.event.like("case_%"))
            .order_by(OutboxMessage.id))
        return list(rows.scalars())


def register_case_notices(monkeypatch: pytest.MonkeyPatch) -> None:
    """What registering CaseNotice in bot.notifications (the lead's wiring) will do."""
    monkeypatch.setitem(notifications._TYPES, CaseNotice.type, CaseNotice)  # type: ignore[arg-type]


def unregister_case_notices(monkeypatch: pytest.MonkeyPatch) -> None:
    """As before the lead's wiring: the outbox cannot carry a CaseNotice."""
    monkeypatch.delitem(notifications._TYPES, CaseNotice.type, raising=False)


def with_cases(runtime: Runtime, **settings: Any) -> Runtime:
    cases = runtime.config.cases.model_copy(update=settings)
    return replace(runtime, config=runtime.config.model_copy(update={"cases": cases}))
