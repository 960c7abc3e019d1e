"""Slack over HTTP: a lead who is the subject of a report cannot link a case to it through
the Link report form; the refusal reads exactly as for a report that does not exist, and
nothing is recorded."""

from bot.clock import ManualClock
from bot.refusals import LINK_TO, no_such_report
from storage.repositories import audit
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import report
from tests.adapters.slack.test_cases import LEAD, acknowledged, entries, open_case, record, state
from tests.adapters.slack.test_cases import text as typed

ABOUT_LEAD = {"about_staff": "yes", "about_staff_person": "lead"}


async def test_the_link_form_refuses_a_report_about_you_as_if_it_did_not_exist(
    slack: SlackApp, clock: ManualClock,
) -> None:
    other = await acknowledged(slack, clock)
    about_lead = await report(slack, clock, "U0JO", "safeguarding", [], ABOUT_LEAD)
    missing = "SG-2026-0099"
    case = await open_case(slack, other)
    before = await entries(slack)
    shown = []
    for reference in (about_lead, missing):
        slack.driver.views[LEAD] = case
        answer = await record(slack, other, "link", state(case_link_other=typed(reference)))
        (error,) = answer["errors"].values()
        shown.append(error)
    assert shown[0] == no_such_report(about_lead, LINK_TO)
    assert shown[0] == shown[1].replace(missing, about_lead)
    assert await entries(slack) == before, "no link was recorded"
    async with slack.runtime.database.sessions() as session:
        refused = await audit.by_action(session, "case_action_refused")
    assert [(e.detail["attempted"], e.detail["other"]) for e in refused] == [
        ("link", about_lead), ("link", missing)]
