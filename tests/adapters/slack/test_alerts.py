"""Acknowledge in-channel and View details: who may, what everyone sees, what is recorded."""

import json
from datetime import timedelta

from sqlalchemy import func, select

from adapters.slack import ids
from bot.access import Action
from bot.clock import ManualClock
from bot.refusals import no_such_report
from storage.models import AuditEvent, OutboxMessage
from storage.repositories import audit
from tests.adapters.slack.checks import assert_no_content, typed_text_is_inert
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import report


async def _reported(slack: SlackApp, clock: ManualClock, planted: list[str]
                    ) -> tuple[str, str]:
    """A delivered safeguarding report; returns its reference and the channel alert's ts."""
    reference = await report(slack, clock, "U0ALEX", "safeguarding", planted)
    await slack.deliver()
    alert = next(c for c in slack.fake.called("chat.postMessage")
                 if c.args["channel"] == "C0ALERTS")
    return reference, alert.response["ts"]


async def _audited(slack: SlackApp, action: str) -> list[AuditEvent]:
    async with slack.runtime.database.sessions() as session:
        return await audit.by_action(session, action)


async def test_lead_acknowledges_in_channel(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    reference, ts = await _reported(slack, clock, planted)
    clock.advance(timedelta(minutes=5))
    reply = await slack.driver.press_on_message("U0LEAD", ids.ACKNOWLEDGE, reference,
                                                "C0ALERTS", ts)
    assert reply.status == 200
    ephemeral = slack.fake.called("chat.postEphemeral")[-1].args
    assert ephemeral["user"] == "U0LEAD" and ephemeral["channel"] == "C0ALERTS"
    assert "You have acknowledged" in ephemeral["text"]

    await slack.deliver()
    updates = [c for c in slack.fake.called("chat.update") if c.args["channel"] == "C0ALERTS"]
    assert len(updates) == 1
    update = updates[0].args
    assert update["channel"] == "C0ALERTS" and update["ts"] == ts
    shown = json.dumps(update["blocks"])
    assert ("Acknowledged by SO (safeguarding lead) at Sat 14 Mar 2026, 10:05, 5 minutes "
            "after") in shown
    assert ids.ACKNOWLEDGE not in shown, "no buttons on an acknowledged alert"
    copies = [c.args for c in slack.fake.called("chat.update") if c.args["channel"] != "C0ALERTS"]
    assert len(copies) == 2, "each lead's own copy of the alert is edited too"
    assert all(ids.ACKNOWLEDGE not in json.dumps(c["blocks"]) for c in copies)
    told = [c.args for c in slack.fake.called("chat.postMessage")
            if c.args["channel"] == "U0ALEX" and "acknowledged by" in c.args["text"]]
    assert len(told) == 1 and "SO (safeguarding lead)" in told[0]["text"]
    assert_no_content(slack.fake.calls, planted)


async def test_outsider_is_refused_and_recorded(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    reference, ts = await _reported(slack, clock, planted)
    for outsider in ("U0JO", "U0STRANGER"):
        reply = await slack.driver.press_on_message(outsider, ids.ACKNOWLEDGE, reference,
                                                    "C0ALERTS", ts)
        assert reply.status == 200
        ephemeral = slack.fake.called("chat.postEphemeral")[-1].args
        assert ephemeral["user"] == outsider
        assert ephemeral["text"] == no_such_report(None, Action.ACKNOWLEDGE)
    refused = await _audited(slack, "acknowledge_refused")
    assert [e.actor_user_id for e in refused] == ["U0JO", "U0STRANGER"]
    await slack.deliver()
    assert slack.fake.called("chat.update") == []


async def test_acknowledging_twice_is_harmless(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    reference, ts = await _reported(slack, clock, planted)
    for user in ("U0LEAD", "U0LEAD", "U0DEPUTY"):
        reply = await slack.driver.press_on_message(user, ids.ACKNOWLEDGE, reference,
                                                    "C0ALERTS", ts)
        assert reply.status == 200
    texts = [c.args["text"] for c in slack.fake.called("chat.postEphemeral")]
    assert "You have acknowledged" in texts[0]
    assert all("already acknowledged by SO" in text for text in texts[1:])
    async with slack.runtime.database.sessions() as session:
        acknowledged = await session.scalar(
            select(func.count()).select_from(OutboxMessage)
            .where(OutboxMessage.event == "alert_update"))
        alerts = await session.scalar(
            select(func.count()).select_from(OutboxMessage)
            .where(OutboxMessage.event == "alert"))
    assert acknowledged == alerts == 3, "one edit for each copy (channel, two leads), once"
    await slack.deliver()
    assert len(slack.fake.called("chat.update")) == 3


async def test_view_details_for_the_lead_only(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    reference, ts = await _reported(slack, clock, planted)
    reply = await slack.driver.press_on_message("U0LEAD", ids.VIEW_DETAILS, reference,
                                                "C0ALERTS", ts)
    assert reply.status == 200
    opened = slack.fake.called("views.open")[-1].args
    assert opened["view"]["callback_id"] == ids.DETAILS_VIEW
    content = json.dumps(opened["view"])
    assert all(secret in content for secret in planted)
    assert typed_text_is_inert(opened["view"], "<!channel> <@U0LEAD> & more")
    assert len(await _audited(slack, "report_viewed")) == 1

    views_before = len(slack.fake.called("views.open"))
    await slack.driver.press_on_message("U0JO", ids.VIEW_DETAILS, reference, "C0ALERTS", ts)
    assert len(slack.fake.called("views.open")) == views_before
    refusal = slack.fake.called("chat.postEphemeral")[-1].args
    assert refusal["user"] == "U0JO"
    assert refusal["text"] == no_such_report(None, Action.VIEW_DETAILS)
    assert [e.actor_user_id for e in await _audited(slack, "view_refused")] == ["U0JO"]
    assert_no_content(slack.fake.calls, planted)


async def test_alert_buttons_in_a_direct_message(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    reference, _ = await _reported(slack, clock, planted)
    dm = next(c for c in slack.fake.called("chat.postMessage") if c.args["channel"] == "U0LEAD")
    reply = await slack.driver.press_on_message("U0LEAD", ids.ACKNOWLEDGE, reference,
                                                dm.response["channel"], dm.response["ts"])
    assert reply.status == 200
    assert slack.fake.called("chat.postEphemeral")[-1].args["channel"] == "D0LEAD"
