"""Immediate danger in Slack, over HTTP against the fake Web API: yes to the first question in
the modal alerts the leads at once (their DMs and the alert channel get it before any other
answer is given), the modal says so after the 999 guidance, and the rest of the modal
completes the same case. Discarding the rest leaves the alert standing."""

import json

import pytest

from adapters.slack import ids
from bot.clock import ManualClock
from bot.records import open_answers
from storage.repositories import reports
from tests.adapters.slack.checks import assert_no_content, texts
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import answer_until_review
from tests.conftest import KNOWN_CODE

ALEX, LEAD, DEPUTY = "U0ALEX", "U0LEAD", "U0DEPUTY"
REFERENCE = f"SG-2026-{KNOWN_CODE}"
"""An immediate-danger alert is filed as a quick alert, so it takes a code (bot.references)."""
pytestmark = pytest.mark.usefixtures("known_code")


def posted_to(slack: SlackApp, channel: str) -> list[str]:
    return [json.dumps(c.args) for c in slack.fake.called("chat.postMessage")
            if c.args["channel"] == channel]


async def danger_yes(slack: SlackApp) -> dict[str, object]:
    """/report safeguarding, yes to the danger question: the modal shown next."""
    await slack.driver.command(ALEX, "safeguarding")
    assert slack.driver.input_block(ALEX)["block_id"] == "q:immediate_danger"
    reply = await slack.driver.submit(ALEX, "yes")
    assert reply.json["response_action"] == "update", reply.text
    view: dict[str, object] = reply.json["view"]
    return view


async def test_yes_alerts_the_leads_before_the_rest_of_the_answers(
    slack: SlackApp, clock: ManualClock,
) -> None:
    view = await danger_yes(slack)
    shown = texts(view)
    told = shown.index(f"The safeguarding lead has been alerted, {REFERENCE}")
    assert shown.index("999") < told
    assert slack.driver.input_block(ALEX)["block_id"] == "q:occurred_at"

    assert await slack.deliver() > 0  # before any other answer
    [to_lead] = posted_to(slack, LEAD)
    assert REFERENCE in to_lead and ids.ACKNOWLEDGE in to_lead
    assert posted_to(slack, DEPUTY) and any(REFERENCE in p for p in posted_to(slack, "C0ALERTS"))
    [receipt] = posted_to(slack, ALEX)
    assert REFERENCE in receipt and ids.COMPLETE in receipt

    planted: list[str] = []
    views = await answer_until_review(slack, clock, ALEX, planted)
    assert views[-1]["callback_id"] == ids.REVIEW_VIEW
    done = (await slack.driver.submit(ALEX)).json["view"]
    assert f"the full record is now added to {REFERENCE}" in texts(done)

    await slack.deliver()
    first, completed = posted_to(slack, LEAD)  # no second alert
    assert first == to_lead
    assert "has added the full record" in completed and ids.ACKNOWLEDGE not in completed
    async with slack.runtime.database.sessions() as session:
        assert [r.reference for r in await reports.open_reports(session)] == [REFERENCE]
        stored = await reports.by_reference(session, REFERENCE)
    assert stored is not None and stored.urgency == "immediate_danger"
    assert open_answers(slack.runtime.keys, stored)["immediate_danger"] == "yes"
    assert_no_content(slack.fake.calls, planted)


async def test_discarding_the_rest_leaves_the_alert_standing(slack: SlackApp,
                                                             clock: ManualClock) -> None:
    await danger_yes(slack)
    await slack.driver.submit(ALEX, int(clock.now().timestamp()) - 3600)
    navigation = next(b for b in slack.driver.view_of(ALEX)["blocks"]
                      if b.get("block_id") == "navigation")
    discard = next(e for e in navigation["elements"] if e["action_id"] == ids.DISCARD)
    assert discard["confirm"]["title"]["text"] == "Discard your answers?"
    assert "An alert you have already sent" in discard["confirm"]["text"]["text"]

    await slack.driver.press_in_modal(ALEX, ids.DISCARD)  # Slack asked in its confirm dialog
    shown = texts(slack.fake.called("views.update")[-1].args["view"])
    assert f"The draft of the full record was discarded. {REFERENCE} still stands" in shown
    assert "Your report was discarded" not in shown
    async with slack.runtime.database.sessions() as session:
        assert [r.reference for r in await reports.open_reports(session)] == [REFERENCE]
    await slack.deliver()
    assert posted_to(slack, LEAD), "the alert went all the same"
