"""Teams over HTTP: a lead who is the subject of a report cannot link a case to it; the
refusal reads exactly as for a report that does not exist, and nothing is recorded."""

from sqlalchemy import select

from bot.actors import resolve_actor
from bot.refusals import LINK_TO, no_such_report
from storage.models import AuditEvent
from tests.adapters.teams.driver import texts
from tests.adapters.teams.harness import Teams
from tests.adapters.teams.test_cases import entry_count, reported
from tests.bot.driving import file_report
from tests.kinds import ReportKind

ABOUT_LEAD = {"about_staff": "yes", "about_staff_person": "lead"}


async def test_linking_to_a_report_about_you_is_refused_as_if_it_did_not_exist(
    teams: Teams,
) -> None:
    case = await reported(teams)  # a breach the lead acknowledged
    jo = resolve_actor(teams.runtime.config, "teams", "29:jo")
    about_lead = (await file_report(teams.runtime, jo, ReportKind.SAFEGUARDING_CONCERN,
                                    ABOUT_LEAD)).reference
    missing = "SG-2026-0099"
    before = await entry_count(teams.runtime)
    shown = []
    for typed in (about_lead, missing):
        card = await case.press("case.link", case_link_other=typed)
        shown.append(texts(card))
    assert no_such_report(about_lead, LINK_TO) in shown[0]
    assert shown[0] == shown[1].replace(missing, about_lead)
    assert await entry_count(teams.runtime) == before, "no link was recorded"
    async with teams.runtime.database.sessions() as session:
        refused = list((await session.execute(
            select(AuditEvent).where(AuditEvent.action == "case_action_refused"))).scalars())
    assert [(e.detail["attempted"], e.detail["other"]) for e in refused] == [
        ("link", about_lead), ("link", missing)]
