"""The Home tab for leads and staff, its buttons, and the message shortcut's link."""

import json
from typing import Any

from adapters.slack import ids
from bot.access import Action
from bot.clock import ManualClock
from bot.records import open_context, open_flow_state
from bot.refusals import no_such_report
from storage.repositories import flow_sessions, reports
from tests.adapters.slack.checks import assert_no_content
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import answer_until_review, report


async def test_home_for_a_lead_lists_open_reports(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    reference = await report(slack, clock, "U0ALEX", "safeguarding", planted)
    assert (await slack.driver.home_opened("U0LEAD", "Ev1")).status == 200
    published = slack.fake.called("views.publish")[-1].args
    assert published["user_id"] == "U0LEAD" and published["view"]["type"] == "home"
    shown = json.dumps(published["view"])
    assert reference in shown and "Open reports" in shown and ids.VIEW_DETAILS in shown
    assert ids.HOME_REPORT in shown
    assert not any(secret in shown for secret in planted)


async def test_home_for_staff_shows_only_their_reports_state(slack: SlackApp,
                                                             clock: ManualClock) -> None:
    planted: list[str] = []
    reference = await report(slack, clock, "U0ALEX", "incident", planted)
    await slack.driver.home_opened("U0ALEX", "Ev2")
    shown = json.dumps(slack.fake.called("views.publish")[-1].args["view"])
    assert "Open reports" not in shown and ids.VIEW_DETAILS not in shown
    assert reference in shown and "submitted" in shown
    assert not any(secret in shown for secret in planted)
    await slack.driver.home_opened("U0JO", "Ev3")
    other = json.dumps(slack.fake.called("views.publish")[-1].args["view"])
    assert reference not in other and "You have not made any reports" in other


async def test_home_messages_tab_publishes_nothing(slack: SlackApp) -> None:
    envelope_reply = await slack.driver.post_event({
        "type": "event_callback", "team_id": "T111", "api_app_id": "A111", "event_id": "Ev4",
        "event": {"type": "app_home_opened", "user": "U0ALEX", "channel": "D1",
                  "tab": "messages", "event_ts": "1.2"},
        "event_time": 1, "token": "t"})
    assert envelope_reply.status == 200
    assert slack.fake.called("views.publish") == []


async def test_home_buttons_open_the_flow(slack: SlackApp) -> None:
    await slack.driver.press_on_home("U0ALEX", ids.HOME_REPORT, "report")
    assert slack.driver.input_block("U0ALEX")["block_id"] == "q:kind"
    await slack.driver.press_on_home("U0JO", ids.HOME_PRACTICE, "practice")
    view = json.dumps(slack.fake.called("views.open")[-1].args["view"])
    assert "Practice mode" in view


async def test_lead_views_details_from_home(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    reference = await report(slack, clock, "U0ALEX", "incident", planted)
    await slack.driver.press_on_home("U0LEAD", ids.VIEW_DETAILS, reference)
    view = slack.fake.called("views.open")[-1].args["view"]
    assert view["callback_id"] == ids.DETAILS_VIEW and planted[0] in json.dumps(view)
    await slack.driver.press_on_home("U0JO", ids.VIEW_DETAILS, reference)
    refusal = slack.fake.called("chat.postMessage")[-1].args
    assert refusal["channel"] == "U0JO"
    assert refusal["text"] == no_such_report(None, Action.VIEW_DETAILS)
    assert_no_content(slack.fake.calls, planted)


def opened_draft(slack: SlackApp) -> dict[str, Any]:
    """The unsaved start of a report, carried in the opened modal's private_metadata."""
    metadata = json.loads(slack.fake.called("views.open")[-1].args["view"]["private_metadata"])
    assert metadata["conversation"] == "slack:T111:U0ALEX:report"
    return dict(metadata["draft"])


async def test_message_shortcut_stores_a_link_not_the_text(slack: SlackApp,
                                                           clock: ManualClock) -> None:
    reply = await slack.driver.message_shortcut("U0ALEX", "C0GENERAL", "1773480000.000200")
    assert reply.status == 200
    assert slack.fake.called("chat.getPermalink")[0].args == {
        "channel": "C0GENERAL", "message_ts": "1773480000.000200"}
    link = "https://example.slack.com/archives/C0GENERAL/p1773480000000200"
    state = opened_draft(slack)  # nothing is stored until the first answer
    assert state["context"] == {"message_link": link}
    assert "SECRET-MESSAGE-TEXT" not in json.dumps(slack.fake.called("views.open")[-1].args)

    await slack.driver.submit("U0ALEX", "operational_incident")
    await answer_until_review(slack, clock, "U0ALEX", [])
    done = await slack.driver.submit("U0ALEX")
    assert done.json["view"]["callback_id"] == ids.DONE_VIEW
    async with slack.runtime.database.sessions() as session:
        stored = await reports.for_reporter(session, "slack", "U0ALEX")
    assert open_context(slack.runtime.keys, stored[0]) == {"message_link": link}


async def test_message_shortcut_without_permalink_api(slack: SlackApp) -> None:
    slack.fake.fail("chat.getPermalink", status=500)
    await slack.driver.message_shortcut("U0ALEX", "C0GENERAL", "1773480000.000200")
    await slack.driver.submit("U0ALEX", "operational_incident")
    async with slack.runtime.database.sessions() as session:
        row = await flow_sessions.find(session, "slack", "slack:T111:U0ALEX:report")
    assert row is not None
    state = open_flow_state(slack.runtime.keys, "slack", row.conversation_id, row.state_sealed)
    assert state["context"]["message_link"].endswith("/archives/C0GENERAL/p1773480000000200")


async def test_message_shortcut_during_a_report_says_it_was_not_attached(slack: SlackApp) -> None:
    await slack.driver.command("U0ALEX", "incident")
    await slack.driver.submit("U0ALEX", "no")  # the report is stored with its first answer
    await slack.driver.message_shortcut("U0ALEX", "C0GENERAL", "1.2")
    view = json.dumps(slack.fake.called("views.open")[-1].args["view"])
    assert "not attached" in view
