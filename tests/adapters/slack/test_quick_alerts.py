"""Quick alerts in Slack, over HTTP against the fake Web API: "Alert the lead now, write it up
later" from /report's first screen, escalated while the record is incomplete, the reporter's
reminder with its button, and completion from that button that keeps the first account."""

from datetime import UTC, datetime, timedelta
from typing import Any

from adapters.slack import ids
from bot.audience import CONFIDENTIAL
from bot.clock import ManualClock
from bot.reporting import QUICK_CHOICE
from storage.repositories import audit
from tests.adapters.slack.checks import assert_no_content, texts
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import answer_until_review
from tests.adapters.slack.test_cases import tick

ALEX, LEAD = "U0ALEX", "U0LEAD"
ALEX_DM = "D0ALEX"
"""Where the fake Slack puts a message posted to U0ALEX (their direct message with the app)."""


def dms(slack: SlackApp, user: str) -> list[Any]:
    return [c for c in slack.fake.called("chat.postMessage") if c.args["channel"] == user]


def buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    """action_id -> value of every button in a message's (or view's) blocks."""
    found = {}
    for block in blocks:
        for element in [*(block.get("elements") or []), block.get("accessory") or {}]:
            if element.get("type") == "button":
                found[element["action_id"]] = element.get("value", "")
    return found


async def quick_alert(slack: SlackApp, clock: ManualClock, user: str, planted: list[str]
                      ) -> tuple[str, dict[str, Any]]:
    """/report, choose the quick alert on the first screen, answer, submit: (reference,
    the receipt modal)."""
    driver = slack.driver
    assert (await driver.command(user)).status == 200
    chooser = driver.view_of(user)
    assert "Need the lead to know right now?" in texts(chooser)
    options = driver.input_block(user)["element"]["options"]
    quick = next(o for o in options if o["value"] == QUICK_CHOICE)
    assert quick["text"]["text"] == "Alert the lead now, write it up later"
    assert "Full report later" in quick["description"]["text"]
    reply = await driver.submit(user, QUICK_CHOICE)
    assert reply.json.get("response_action") == "update", reply.text
    views = await answer_until_review(slack, clock, user, planted)
    assert views[0]["title"]["text"] == "Quick alert"
    assert len(views) <= 8, "a few short questions"
    assert views[-1]["callback_id"] == ids.REVIEW_VIEW and CONFIDENTIAL in texts(views[-1])
    done = await driver.submit(user)
    receipt = done.json["view"]
    assert receipt["callback_id"] == ids.DONE_VIEW
    reference = next(w.rstrip(".") for w in texts(receipt).split() if w.startswith("SG-"))
    return reference, receipt


async def lead_details(slack: SlackApp, reference: str) -> dict[str, Any]:
    alert = next(c for c in slack.fake.called("chat.postMessage")
                 if c.args["channel"] == "C0ALERTS")
    await slack.driver.press_on_message(LEAD, ids.VIEW_DETAILS, reference, "C0ALERTS",
                                        alert.response["ts"])
    details = slack.driver.view_of(LEAD)
    assert details["callback_id"] == ids.DETAILS_VIEW
    return details


async def test_a_quick_alert_escalates_while_incomplete_and_is_completed_from_the_reminder(
    slack: SlackApp, clock: ManualClock
) -> None:
    quick_planted: list[str] = []
    reference, receipt = await quick_alert(slack, clock, ALEX, quick_planted)
    shown = texts(receipt)
    assert "Record incomplete" in shown and CONFIDENTIAL in shown
    assert shown.count("999") == 1, "the quick receipt's own steps say it once"
    assert buttons(receipt["blocks"])[ids.COMPLETE] == reference

    await slack.deliver()
    receipt_dm = next(c for c in dms(slack, ALEX) if c.args["text"].startswith("Receipt"))
    assert "incomplete" in receipt_dm.args["text"]
    assert buttons(receipt_dm.args["blocks"])[ids.COMPLETE] == reference
    assert CONFIDENTIAL in texts(receipt_dm.args["blocks"])

    clock.advance(timedelta(minutes=16))  # nobody acknowledged: the CEO is alerted
    await tick(slack)
    escalated = [c for c in dms(slack, "U0CEO") if "Escalation 1" in texts(c.args["blocks"])]
    assert len(escalated) == 1 and reference in texts(escalated[0].args)
    details = await lead_details(slack, reference)
    assert "Record incomplete" in texts(details) and quick_planted[0] in texts(details)

    clock.advance(timedelta(hours=2) - timedelta(minutes=16))  # the first reminder is due
    await tick(slack)
    reminders = [c for c in dms(slack, ALEX) if "Reminder: the full record" in c.args["text"]]
    assert len(reminders) == 1 and reference in reminders[0].args["text"]
    assert buttons(reminders[0].args["blocks"]) == {ids.COMPLETE: reference}

    full_planted: list[str] = []
    await slack.driver.press_on_message(ALEX, ids.COMPLETE, reference, ALEX_DM,
                                        reminders[0].response["ts"])
    first = slack.driver.view_of(ALEX)
    assert first["callback_id"] == ids.QUESTION_VIEW and f"Completing {reference}" in texts(first)
    await answer_until_review(slack, clock, ALEX, full_planted)
    done = await slack.driver.submit(ALEX)
    assert "full record is now added" in texts(done.json["view"])

    await tick(slack)
    told = [c for c in dms(slack, LEAD) if "added the full record" in c.args["text"]]
    assert len(told) == 1 and buttons(told[0].args["blocks"]) == {ids.OPEN_CASE: reference}
    details = await lead_details(slack, reference)
    shown = texts(details)
    assert "Record incomplete" not in shown and "Full record added" in shown
    assert quick_planted[0] in shown and all(secret in shown for secret in full_planted)
    assert shown.index(quick_planted[0]) < shown.index("Full record added")

    clock.advance(datetime(2026, 3, 16, 17, 1, tzinfo=UTC) - clock.now())  # end of day
    await tick(slack)
    assert len([c for c in dms(slack, ALEX) if "Reminder" in c.args["text"]]) == 1
    assert_no_content(slack.fake.calls, [*quick_planted, *full_planted])


async def test_the_lead_sees_record_incomplete_on_the_case(slack: SlackApp,
                                                           clock: ManualClock) -> None:
    planted: list[str] = []
    reference, _ = await quick_alert(slack, clock, ALEX, planted)
    await slack.deliver()
    alert = next(c for c in slack.fake.called("chat.postMessage")
                 if c.args["channel"] == "C0ALERTS")
    await slack.driver.press_on_message(LEAD, ids.ACKNOWLEDGE, reference, "C0ALERTS",
                                        alert.response["ts"])
    await lead_details(slack, reference)
    await slack.driver.press_in_modal(LEAD, ids.OPEN_CASE, reference)
    case = slack.driver.view_of(LEAD)
    assert case["callback_id"] == ids.CASE_VIEW and "Record incomplete" in texts(case)
    assert_no_content(slack.fake.calls, planted)


async def test_completing_from_the_receipt_and_the_home_tab(slack: SlackApp,
                                                            clock: ManualClock) -> None:
    planted: list[str] = []
    reference, _ = await quick_alert(slack, clock, ALEX, planted)
    await slack.driver.home_opened(ALEX, "EvQ1")
    home = slack.fake.called("views.publish")[-1].args["view"]
    assert "Records to complete" in texts(home)
    assert buttons(home["blocks"])[ids.COMPLETE] == reference
    assert ids.HOME_QUICK in buttons(home["blocks"])

    await slack.driver.press_in_modal(ALEX, ids.COMPLETE, reference)  # on the receipt
    updated = slack.fake.called("views.update")[-1]
    assert updated.args["view"]["callback_id"] == ids.QUESTION_VIEW
    await answer_until_review(slack, clock, ALEX, planted)
    await slack.driver.submit(ALEX)

    await slack.driver.press_on_home(ALEX, ids.COMPLETE, reference)  # once more: refused
    refused = slack.fake.called("views.open")[-1].args["view"]
    assert "is complete already" in texts(refused)
    await slack.driver.home_opened(ALEX, "EvQ2")
    home = slack.fake.called("views.publish")[-1].args["view"]
    assert "Records to complete" not in texts(home) and reference in texts(home)
    async with slack.runtime.database.sessions() as session:
        assert len(await audit.by_action(session, "report_completed")) == 1
    assert_no_content(slack.fake.calls, planted)


async def test_report_quick_and_the_home_button_open_the_quick_alert(slack: SlackApp) -> None:
    await slack.driver.command(ALEX, "quick")
    view = slack.driver.view_of(ALEX)
    assert view["title"]["text"] == "Quick alert"
    assert slack.driver.input_block(ALEX)["block_id"] == "q:immediate_danger"
    await slack.driver.press_on_home("U0JO", ids.HOME_QUICK, "quick")
    opened = slack.fake.called("views.open")[-1].args["view"]
    assert opened["title"]["text"] == "Quick alert"
    help_reply = await slack.driver.command(ALEX, "help")
    assert "/report quick" in help_reply.text
