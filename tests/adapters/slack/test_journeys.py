"""Full journeys over HTTP: /report → modal steps → review → submit → stored → alerts → receipt."""

import json

import pytest

from adapters.slack import ids
from bot.clock import ManualClock
from bot.records import open_answers
from storage.repositories import reports
from tests.adapters.slack.checks import assert_no_content, text_objects, typed_text_is_inert
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.journey import answer_until_review, report

KINDS = [
    ("safeguarding", "SG", {"C0ALERTS", "U0LEAD", "U0DEPUTY"}),
    ("breach", "CB", {"C0ALERTS", "U0LEAD", "U0DEPUTY", "U0DPL"}),
    ("incident", "OI", {"C0ALERTS", "U0LEAD", "U0DEPUTY"}),
]


@pytest.mark.parametrize(("words", "prefix", "alerted"), KINDS)
async def test_full_journey_for_each_kind(slack: SlackApp, clock: ManualClock, words: str,
                                          prefix: str, alerted: set[str]) -> None:
    planted: list[str] = []
    reference = await report(slack, clock, "U0ALEX", words, planted)
    assert reference.startswith(f"{prefix}-2026-")
    assert planted, "the journey answered free-text questions"

    opened = slack.fake.called("views.open")
    assert len(opened) == 1 and opened[0].args["trigger_id"].endswith(".trigger")
    async with slack.runtime.database.sessions() as session:
        stored = await reports.by_reference(session, reference)
    assert stored is not None and stored.reporter_platform == "slack"
    assert stored.reporter_user_id == "U0ALEX" and stored.reporter_person_id == "alex"
    answers = json.dumps(open_answers(slack.runtime.keys, stored))
    assert any(p in answers for p in planted)

    assert await slack.deliver() > 0
    posts = slack.fake.called("chat.postMessage")
    channels = {c.args["channel"] for c in posts}
    assert channels == alerted | {"U0ALEX"}
    channel_alert = next(c for c in posts if c.args["channel"] == "C0ALERTS")
    buttons = [e["action_id"] for b in channel_alert.args["blocks"] if b["type"] == "actions"
               for e in b["elements"]]
    assert buttons == [ids.ACKNOWLEDGE, ids.VIEW_DETAILS]
    assert reference in json.dumps(channel_alert.args)
    receipt = next(c for c in posts if c.args["channel"] == "U0ALEX")
    receipt_text = json.dumps(receipt.args)
    assert reference in receipt_text and "Who will see it" in receipt_text
    assert "wellbeing check-in" in receipt_text
    assert_no_content(slack.fake.calls, planted)


async def test_review_escapes_what_people_typed(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    await slack.driver.command("U0ALEX", "incident")
    views = await answer_until_review(slack, clock, "U0ALEX", planted)
    assert typed_text_is_inert(views[-1], "<!channel> <@U0LEAD> & more")
    mrkdwn = " ".join(text_objects(views[-1], "mrkdwn"))
    assert "<!channel>" not in mrkdwn and "<@U0LEAD>" not in mrkdwn


async def test_kind_chooser_when_no_kind_given(slack: SlackApp, clock: ManualClock) -> None:
    await slack.driver.command("U0JO")
    block = slack.driver.input_block("U0JO")
    assert block is not None and block["block_id"] == "q:kind"
    values = [o["value"] for o in block["element"]["options"]]
    assert "safeguarding_concern" in values
    reply = await slack.driver.submit("U0JO", "operational_incident")
    assert reply.json["response_action"] == "update"
    assert slack.driver.input_block("U0JO")["block_id"] == "q:immediate_danger"


async def test_immediate_danger_guidance_comes_first(slack: SlackApp, clock: ManualClock
                                                     ) -> None:
    await slack.driver.command("U0ALEX", "safeguarding")
    assert slack.driver.input_block("U0ALEX")["block_id"] == "q:immediate_danger"
    reply = await slack.driver.submit("U0ALEX", "yes")
    blocks = reply.json["view"]["blocks"]
    assert blocks[0]["type"] == "header"
    assert "999" in blocks[0]["text"]["text"] and "🚨" in blocks[0]["text"]["text"]
    assert blocks.index(next(b for b in blocks if b["type"] == "input")) > 1


async def test_validation_error_is_shown_on_the_field(slack: SlackApp, clock: ManualClock
                                                      ) -> None:
    await slack.driver.command("U0ALEX", "incident")
    await slack.driver.submit("U0ALEX", "no")
    block = slack.driver.input_block("U0ALEX")
    assert block["block_id"] == "q:occurred_at" and block["element"]["type"] == "datetimepicker"
    future = int(clock.now().timestamp()) + 86400
    reply = await slack.driver.submit("U0ALEX", future)
    assert reply.status == 200
    assert reply.json == {"response_action": "errors",
                          "errors": {"q:occurred_at": "That time is in the future."}}


async def test_back_shows_the_previous_answer(slack: SlackApp, clock: ManualClock) -> None:
    await slack.driver.command("U0ALEX", "incident")
    await slack.driver.submit("U0ALEX", "no")
    moment = int(clock.now().timestamp()) - 3600
    await slack.driver.submit("U0ALEX", moment)
    assert slack.driver.input_block("U0ALEX")["block_id"] == "q:platform"
    reply = await slack.driver.press_in_modal("U0ALEX", ids.BACK)
    assert reply.status == 200
    update = slack.fake.called("views.update")[-1]
    element = next(b for b in update.args["view"]["blocks"] if b["type"] == "input")["element"]
    assert element["type"] == "datetimepicker" and element["initial_date_time"] == moment
    assert update.args["view_id"] == slack.driver.view_of("U0ALEX")["id"]


async def test_change_from_review_then_discard(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    await slack.driver.command("U0ALEX", "incident")
    await answer_until_review(slack, clock, "U0ALEX", planted)
    await slack.driver.press_in_modal("U0ALEX", ids.EDIT, "platform")
    assert slack.driver.input_block("U0ALEX")["block_id"] == "q:platform"
    reply = await slack.driver.submit("U0ALEX", "zoom")
    assert reply.json["view"]["callback_id"] == ids.REVIEW_VIEW
    await slack.driver.press_in_modal("U0ALEX", ids.DISCARD)
    assert "discarded" in json.dumps(slack.fake.called("views.update")[-1].args["view"])
    async with slack.runtime.database.sessions() as session:
        assert await reports.open_reports(session) == []


async def test_second_report_command_resumes(slack: SlackApp, clock: ManualClock) -> None:
    await slack.driver.command("U0ALEX", "incident")
    await slack.driver.submit("U0ALEX", "no")
    await slack.driver.command("U0ALEX", "safeguarding")
    view = slack.fake.called("views.open")[-1].args["view"]
    assert "already have a report in progress" in json.dumps(view)
    assert next(b for b in view["blocks"] if b["type"] == "input")["block_id"] == "q:occurred_at"


async def test_stale_form_changes_nothing(slack: SlackApp, clock: ManualClock) -> None:
    await slack.driver.command("U0ALEX", "incident")
    stale = dict(slack.driver.view_of("U0ALEX"))
    await slack.driver.submit("U0ALEX", "no")
    slack.driver.views["U0ALEX"] = stale  # an older copy of the modal, submitted again
    reply = await slack.driver.submit("U0ALEX", "yes")
    text = json.dumps(reply.json)
    assert "out of date" in text and "q:occurred_at" in text


async def test_practice_report_alerts_only_the_reporter(slack: SlackApp, clock: ManualClock
                                                        ) -> None:
    planted: list[str] = []
    reference = await report(slack, clock, "U0JO", "incident practice", planted)
    assert reference.startswith("PRACTICE-OI-")
    await slack.deliver()
    posts = slack.fake.called("chat.postMessage")
    assert {c.args["channel"] for c in posts} == {"U0JO"}
    assert all(b["type"] != "actions" for c in posts for b in c.args["blocks"])
    assert_no_content(slack.fake.calls, planted)


async def test_unknown_user_may_report(slack: SlackApp, clock: ManualClock) -> None:
    planted: list[str] = []
    reference = await report(slack, clock, "U0STRANGER", "incident", planted)
    async with slack.runtime.database.sessions() as session:
        stored = await reports.by_reference(session, reference)
    assert stored is not None and stored.reporter_person_id is None


async def test_help_text(slack: SlackApp) -> None:
    reply = await slack.driver.command("U0ALEX", "help")
    assert reply.status == 200 and "999" in reply.text
    assert slack.fake.called("views.open") == []
