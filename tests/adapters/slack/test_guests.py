"""Guests and volunteers in Slack (a Slack user who is not in the config), over HTTP against the
fake Web API: they report and get the receipt, complete their own quick alert and answer a
lead's question on it, and are refused (and recorded) on anyone else's report."""

from typing import Any

from adapters.slack import ids
from bot.access import Action
from bot.clock import ManualClock
from bot.refusals import no_such_report
from storage.repositories import audit
from tests.adapters.slack.checks import assert_no_content, texts
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import answer_until_review, report
from tests.adapters.slack.test_cases import open_case, record, state, text
from tests.adapters.slack.test_cases import tick as run_due
from tests.adapters.slack.test_followup import answer_state
from tests.adapters.slack.test_quick_alerts import buttons, dms, quick_alert

GUEST = "U0GUEST7"
"""A single-channel guest or volunteer: a Slack member id that is not in the config."""
LEAD = "U0LEAD"


async def refusals(slack: SlackApp, action: str) -> list[Any]:
    async with slack.runtime.database.sessions() as session:
        return [e for e in await audit.by_action(session, action) if e.actor_user_id == GUEST]


async def alert_ts(slack: SlackApp, reference: str) -> str:
    await slack.deliver()
    return next(c.response["ts"] for c in slack.fake.called("chat.postMessage")
                if c.args["channel"] == "C0ALERTS" and reference in c.args["text"])


async def test_a_guest_reports_and_is_refused_another_persons_report(
    slack: SlackApp, clock: ManualClock
) -> None:
    planted, theirs = list[str](), list[str]()
    other = await report(slack, clock, "U0ALEX", "safeguarding", theirs)
    ts = await alert_ts(slack, other)
    since = len(slack.fake.calls)
    mine = await report(slack, clock, GUEST, "incident", planted)
    assert mine != other
    await slack.deliver()
    receipt = [c for c in dms(slack, GUEST) if c.args["text"].startswith("Receipt")]
    assert len(receipt) == 1 and mine in receipt[0].args["text"]

    await slack.driver.home_opened(GUEST, "EvG1")
    home = texts(slack.fake.called("views.publish")[-1].args["view"])
    assert mine in home and other not in home and "Open reports" not in home

    await slack.driver.press_on_message(GUEST, ids.VIEW_DETAILS, other, "C0ALERTS", ts)
    told = slack.fake.called("chat.postEphemeral")[-1].args
    assert told["user"] == GUEST and told["text"] == no_such_report(None, Action.VIEW_DETAILS)
    await slack.driver.press_on_home(GUEST, ids.OPEN_CASE, other)
    refused = slack.fake.called("views.open")[-1].args["view"]
    assert no_such_report(other, Action.VIEW_CASE) in texts(refused)
    await slack.driver.press_on_home(GUEST, ids.VIEW_DETAILS, mine)  # not even their own
    assert slack.fake.called("chat.postMessage")[-1].args["text"] == no_such_report(
        None, Action.VIEW_DETAILS)
    await slack.driver.press_on_home(GUEST, ids.COMPLETE, other)
    assert no_such_report(other, Action.COMPLETE_REPORT) in texts(
        slack.fake.called("views.open")[-1].args["view"])

    assert {e.detail.get("reference") for e in await refusals(slack, "view_refused")} >= {other}
    assert len(await refusals(slack, "case_viewed_refused")) == 1
    assert len(await refusals(slack, "completion_refused")) == 1
    assert_no_content(slack.fake.calls, [*planted, *theirs])
    for call in slack.fake.calls[since:]:  # nothing of the other report reached the guest
        assert not any(secret in texts(call.args) for secret in theirs), call.method


async def test_a_guest_completes_their_quick_alert_and_answers_a_question(
    slack: SlackApp, clock: ManualClock
) -> None:
    planted: list[str] = []
    reference, receipt = await quick_alert(slack, clock, GUEST, planted)
    assert buttons(receipt["blocks"])[ids.COMPLETE] == reference
    ts = await alert_ts(slack, reference)
    await slack.driver.press_on_message(LEAD, ids.ACKNOWLEDGE, reference, "C0ALERTS", ts)

    await slack.driver.home_opened(GUEST, "EvG2")
    home = slack.fake.called("views.publish")[-1].args["view"]
    await slack.driver.press_on_home(GUEST, ids.COMPLETE, buttons(home["blocks"])[ids.COMPLETE])
    assert f"Completing {reference}" in texts(slack.driver.view_of(GUEST))
    await answer_until_review(slack, clock, GUEST, planted)
    done = await slack.driver.submit(GUEST)
    assert "full record is now added" in texts(done.json["view"])

    await open_case(slack, reference)
    case = slack.driver.view_of(LEAD)
    assert "Full record added" in texts(case) and "a guest, not in the config" in texts(case)
    await record(slack, reference, "ask", state(case_question=text("Which session was it?")))
    await run_due(slack)
    asked = next(c for c in dms(slack, GUEST) if "has a question" in c.args["text"])
    await slack.driver.press_on_message(GUEST, ids.OPEN_QUESTION,
                                        buttons(asked.args["blocks"])[ids.OPEN_QUESTION],
                                        "D0GUEST7", asked.response["ts"])
    answered = await slack.driver.submit_values(GUEST, answer_state("The Thursday one."))
    assert answered.json["response_action"] == "update"
    await run_due(slack)
    assert [c for c in dms(slack, LEAD) if "has answered question" in c.args["text"]]
    assert_no_content(slack.fake.calls, [*planted, "Which session", "Thursday one"])
