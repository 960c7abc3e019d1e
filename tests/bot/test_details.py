"""Private views: content for authorised roles only, every view and refusal audited."""

from sqlalchemy import select

from bot.details import my_reports, open_reports, view_details
from bot.runtime import Runtime
from storage.models import AuditEvent
from tests.bot.driving import actor, file_report
from tests.kinds import ReportKind
from tests.scripts import PLANTED


async def test_the_lead_reads_the_report_and_the_view_is_recorded(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "jo"), ReportKind.SAFEGUARDING_CONCERN)
    details = await view_details(runtime, actor(runtime, "lead"), receipt.reference)
    assert details is not None
    values = {item.step_id: item.value for item in details.items}
    assert PLANTED in values["what_happened"]
    assert values["platform"] == "Zoom"
    async with runtime.database.sessions() as session:
        views = list((await session.execute(
            select(AuditEvent).where(AuditEvent.action == "report_viewed"))).scalars())
    assert [v.actor_person_id for v in views] == ["lead"]


async def test_others_cannot_read_it_and_the_attempt_is_recorded(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "jo"), ReportKind.SAFEGUARDING_CONCERN)
    for person in ("jo", "alex", "manager", "dpl"):
        assert await view_details(runtime, actor(runtime, person), receipt.reference) is None
    async with runtime.database.sessions() as session:
        refused = list((await session.execute(
            select(AuditEvent).where(AuditEvent.action == "view_refused"))).scalars())
    assert len(refused) == 4


async def test_lists_show_state_but_never_content(runtime: Runtime) -> None:
    receipt = await file_report(runtime, actor(runtime, "jo"), ReportKind.SAFEGUARDING_CONCERN)
    await file_report(runtime, actor(runtime, "jo"), ReportKind.SAFEGUARDING_CONCERN,
                      practice=True)
    lead_view = await open_reports(runtime, actor(runtime, "lead"))
    assert lead_view is not None and [line.reference for line in lead_view] == [
        receipt.reference]
    assert await open_reports(runtime, actor(runtime, "jo")) is None
    mine = await my_reports(runtime, actor(runtime, "jo"))
    assert {line.reference for line in mine} == {receipt.reference, "PRACTICE-SG-2026-0001"}
    assert PLANTED not in repr(mine) + repr(lead_view)
