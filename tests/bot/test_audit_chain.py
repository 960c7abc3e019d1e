"""The audit trail is tamper-evident: a changed or removed entry breaks the chain."""

from sqlalchemy import delete, select, update

from bot.acknowledgement import acknowledge
from bot.audit_chain import verify_chain
from bot.details import view_details
from bot.domain import ReportKind
from bot.runtime import Runtime
from storage.models import AuditEvent
from tests.bot.driving import actor, file_report


async def _some_history(runtime: Runtime) -> list[int]:
    receipt = await file_report(runtime, actor(runtime, "alex"), ReportKind.SAFEGUARDING_CONCERN)
    await view_details(runtime, actor(runtime, "jo"), receipt.reference)  # refused, recorded
    await acknowledge(runtime, actor(runtime, "lead"), receipt.reference)
    await view_details(runtime, actor(runtime, "lead"), receipt.reference)
    async with runtime.database.sessions() as session:
        return list((await session.execute(select(AuditEvent.id).order_by(AuditEvent.id)))
                    .scalars())


async def test_an_untouched_trail_verifies(runtime: Runtime) -> None:
    ids = await _some_history(runtime)
    result = await verify_chain(runtime.database)
    assert result.ok and result.entries == len(ids) == 4


async def test_a_hand_edited_entry_is_found(runtime: Runtime) -> None:
    ids = await _some_history(runtime)
    async with runtime.database.transaction() as session:
        await session.execute(update(AuditEvent).where(AuditEvent.id == ids[2])
                              .values(actor_person_id="deputy"))
    result = await verify_chain(runtime.database)
    assert result.broken_at == ids[2] and "changed" in result.reason


async def test_a_deleted_entry_is_found(runtime: Runtime) -> None:
    ids = await _some_history(runtime)
    async with runtime.database.transaction() as session:
        await session.execute(delete(AuditEvent).where(AuditEvent.id == ids[1]))
    result = await verify_chain(runtime.database)
    assert result.broken_at == ids[2] and "removed" in result.reason
