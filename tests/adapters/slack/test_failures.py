"""The Slack Web API failing: the request still answers, and the outbox tries again later."""

import json

from sqlalchemy import select

from adapters.slack import ids
from bot.clock import ManualClock
from storage.models import OutboxMessage
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import report


async def test_views_open_failure_is_not_a_500(slack: SlackApp, clock: ManualClock) -> None:
    slack.fake.fail("views.open", status=500)
    reply = await slack.driver.command("U0ALEX", "incident")
    assert reply.status == 200
    assert "could not be opened" in reply.text and "999" in reply.text
    # the report was started and is kept: trying again opens it where it was
    reply = await slack.driver.command("U0ALEX", "incident")
    assert reply.status == 200 and reply.text == ""
    assert slack.driver.input_block("U0ALEX")["block_id"] == "q:immediate_danger"


async def test_views_open_error_answer_is_handled(slack: SlackApp) -> None:
    slack.fake.fail("views.open", status=200, error="expired_trigger_id")
    reply = await slack.driver.command("U0ALEX")
    assert reply.status == 200 and "could not be opened" in reply.text


async def test_rate_limit_and_outage_are_retried_later(slack: SlackApp, clock: ManualClock
                                                       ) -> None:
    await report(slack, clock, "U0ALEX", "incident", [])
    slack.fake.fail("chat.postMessage", status=429, retry_after=30)
    sent_first = await slack.deliver()
    async with slack.runtime.database.sessions() as session:
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    waiting = [r for r in rows if r.status != "sent"]
    assert len(waiting) == 1 and sent_first == len(rows) - 1
    assert "rate limited" in (waiting[0].last_error or "")
    assert (waiting[0].next_attempt_at - clock.now()).total_seconds() == 30

    slack.fake.fail("chat.postMessage", status=503)
    clock.advance(waiting[0].next_attempt_at - clock.now())
    assert await slack.deliver() == 0
    async with slack.runtime.database.sessions() as session:
        row = await session.get(OutboxMessage, waiting[0].id)
    assert row is not None and row.status != "sent" and row.attempts == 2
    clock.advance(row.next_attempt_at - clock.now())
    assert await slack.deliver() == 1


async def test_unknown_channel_fails_for_good(slack: SlackApp, clock: ManualClock) -> None:
    await report(slack, clock, "U0ALEX", "incident", [])
    slack.fake.fail("chat.postMessage", status=200, error="channel_not_found")
    await slack.deliver()
    async with slack.runtime.database.sessions() as session:
        failed = list(await session.scalars(
            select(OutboxMessage).where(OutboxMessage.status == "failed")))
    assert len(failed) == 1 and failed[0].last_error == "slack: channel_not_found"


async def test_alert_that_cannot_be_edited_is_posted_again(slack: SlackApp, clock: ManualClock
                                                           ) -> None:
    reference = await report(slack, clock, "U0ALEX", "safeguarding", [])
    await slack.deliver()
    alert = next(c for c in slack.fake.called("chat.postMessage")
                 if c.args["channel"] == "C0ALERTS")
    await slack.driver.press_on_message("U0LEAD", ids.ACKNOWLEDGE, reference, "C0ALERTS",
                                        alert.response["ts"])
    slack.fake.fail("chat.update", status=200, error="message_not_found")
    await slack.deliver()
    reposted = [c for c in slack.fake.called("chat.postMessage")
                if c.args["channel"] == "C0ALERTS"][-1]
    assert "Acknowledged by" in json.dumps(reposted.args["blocks"])


async def test_ephemeral_failure_still_acknowledges(slack: SlackApp, clock: ManualClock) -> None:
    reference = await report(slack, clock, "U0ALEX", "safeguarding", [])
    slack.fake.fail("chat.postEphemeral", status=500)
    reply = await slack.driver.press_on_message("U0LEAD", ids.ACKNOWLEDGE, reference,
                                                "C0ALERTS", "1.1")
    assert reply.status == 200
    reply = await slack.driver.press_on_message("U0LEAD", ids.ACKNOWLEDGE, reference,
                                                "C0ALERTS", "1.1")
    assert "already acknowledged" in slack.fake.called("chat.postEphemeral")[-1].args["text"]
