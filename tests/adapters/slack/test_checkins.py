"""Wellbeing check-ins over HTTP against the fake Slack: the offer on a receipt → a manager
schedules with the date-time picker → delivered on time → answered in a modal → the manager
sees flags (a shared note only privately); the reminder and no-response path; /debrief."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from adapters.slack import checkin_ids as cids
from adapters.slack.cards import button_args
from adapters.slack.forms import VALUE
from bot.checkins.arrange import NOTE as NOTE_INPUT
from bot.checkins.arrange import PERSON, WHEN
from bot.checkins.cards import (
    ARRANGE,
    CANCEL,
    LIST_VIEW,
    MOVE,
    OFFER_NOT_NOW,
    OFFER_YES,
    OUTCOME_VIEW,
    READ,
)
from bot.checkins.questions import ANSWER, DONE_VIEW, START
from bot.clock import ManualClock
from bot.workers import default_handlers, run_due_timers
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.driver import TEAM
from tests.adapters.slack.journey import report

ROOT = Path(__file__).resolve().parents[3]
NOTE = "Shared with my manager only: Plover-6604"
PRIVATE = "After Tuesday's group, Wren-1207"


async def tick(slack: SlackApp) -> None:
    """Run due timers and deliver, until nothing is left to do now."""
    for _ in range(10):
        fired = await run_due_timers(slack.runtime, default_handlers())
        if not fired and not await slack.deliver():
            return


def posts_to(slack: SlackApp, channel: str) -> list[dict[str, Any]]:
    return [c.args for c in slack.fake.called("chat.postMessage") if c.args["channel"] == channel]


def button(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    for block in message.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} button in {json.dumps(message)[:400]}")


async def debrief(slack: SlackApp, user: str, text: str) -> dict[str, Any]:
    driver = slack.driver
    before = len(slack.fake.calls)
    form = {"token": "verification_token", "team_id": TEAM, "team_domain": "example",
            "channel_id": "C0GENERAL", "channel_name": "general", "user_id": user,
            "user_name": user.lower(), "command": cids.COMMAND, "text": text,
            "api_app_id": "A111", "response_url": "https://hooks.slack.com/commands/T111/1/x",
            "trigger_id": driver.trigger()}
    reply = await driver.post_form(form)
    assert reply.status == 200, reply.text
    driver._track_opened(user, before)
    return reply.json if reply.text.startswith("{") else {"text": reply.text}


async def press(slack: SlackApp, user: str, message: dict[str, Any], action_id: str) -> None:
    before = len(slack.fake.calls)
    element = button(message, action_id)
    channel = "D" + str(message["channel"])[1:]
    reply = await slack.driver.press_on_message(user, action_id, element["value"], channel,
                                                "1773482400.000001")
    assert reply.status == 200, reply.text
    slack.driver._track_opened(user, before)


async def submit_schedule(slack: SlackApp, user: str, person: str | None, at: datetime,
                          note: str = "") -> dict[str, Any]:
    values: dict[str, Any] = {WHEN: {VALUE: {
        "type": "datetimepicker", "selected_date_time": int(at.timestamp())}}}
    if person is not None:
        values[PERSON] = {VALUE: {"type": "static_select",
                                            "selected_option": {"value": person}}}
        values[NOTE_INPUT] = {VALUE: {"type": "plain_text_input", "value": note}}
    payload = {"type": "view_submission", "team": {"id": TEAM, "domain": "example"},
               "user": slack.driver._user(user), "api_app_id": "A111",
               "trigger_id": slack.driver.trigger(),
               "view": slack.driver._view_payload(user, values)}
    reply = await slack.driver.post_payload(payload)
    assert reply.status == 200, reply.text
    return reply.json


async def answer_in_modal(slack: SlackApp, user: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Submit each check-in question with the given answer (others skipped) until it ends."""
    driver = slack.driver
    for _ in range(12):
        view = driver.view_of(user)
        if view["callback_id"] != ANSWER:
            return view
        block = driver.input_block(user)
        assert block is not None
        step = button_args(view["private_metadata"])["step"]
        reply = await driver.submit(user, answers.get(step))  # None: skipped, left empty
        assert reply.json.get("response_action") == "update", reply.text
    raise AssertionError("the check-in never ended")


async def test_offer_schedule_deliver_answer_and_what_the_manager_sees(
    slack: SlackApp, clock: ManualClock
) -> None:
    await report(slack, clock, "U0ALEX", "incident", [])
    await tick(slack)
    receipt = next(m for m in posts_to(slack, "U0ALEX") if m["text"].startswith("Receipt"))
    await press(slack, "U0ALEX", receipt, OFFER_YES)
    told = slack.fake.called("chat.postEphemeral")[-1].args
    assert told["user"] == "U0ALEX" and "MH has been asked" in told["text"]
    await tick(slack)
    request = next(m for m in posts_to(slack, "U0MANAGER") if "would like someone" in m["text"])

    await press(slack, "U0MANAGER", request, ARRANGE)
    form = slack.driver.view_of("U0MANAGER")
    assert form["callback_id"] == ARRANGE
    person = next(b for b in form["blocks"] if b.get("block_id") == PERSON)
    assert person["element"]["initial_option"]["value"] == "alex", "one click: filled in"
    due = datetime(2026, 3, 16, 15, 30, tzinfo=UTC)
    done = await submit_schedule(slack, "U0MANAGER", "alex", due, PRIVATE)
    assert "Scheduled AT's wellbeing check-in for Mon 16 Mar 2026, 15:30" in json.dumps(done)
    await tick(slack)
    clock.advance(due - clock.now() - timedelta(seconds=1))
    await tick(slack)
    assert not [m for m in posts_to(slack, "U0ALEX") if "MH asked" in m["text"]]
    clock.advance(timedelta(seconds=1))
    await tick(slack)
    checkin = next(m for m in posts_to(slack, "U0ALEX") if "MH asked" in m["text"])
    assert "Wellbeing check-in" in checkin["text"] and PRIVATE not in json.dumps(checkin)

    await press(slack, "U0ALEX", checkin, START)
    opened = slack.driver.view_of("U0ALEX")
    assert opened["callback_id"] == ANSWER and PRIVATE in json.dumps(opened)
    end = await answer_in_modal(slack, "U0ALEX", {
        "how_are_you": "1", "talk_to": "manager", "add_note": "yes", "note": NOTE,
        "share_note": "yes"})
    assert end["callback_id"] == DONE_VIEW and "Samaritans" in json.dumps(end)
    await tick(slack)
    outcome = next(m for m in posts_to(slack, "U0MANAGER") if "check-in for AT" in m["text"])
    shown = json.dumps(outcome)
    assert "asked to talk to you" in shown and "low score" in shown and NOTE not in shown

    await press(slack, "U0LEAD", outcome, READ)
    refused = slack.fake.called("chat.postEphemeral")[-1].args
    assert refused["user"] == "U0LEAD" and "Only whoever arranged" in refused["text"]
    await press(slack, "U0MANAGER", outcome, READ)
    private = slack.driver.view_of("U0MANAGER")
    assert private["callback_id"] == OUTCOME_VIEW and NOTE in json.dumps(private)
    for call in slack.fake.called("chat.postMessage") + slack.fake.called("chat.postEphemeral"):
        assert NOTE not in json.dumps(call.args) and PRIVATE not in json.dumps(call.args)


async def test_no_answer_brings_a_reminder_then_no_response(slack: SlackApp,
                                                            clock: ManualClock) -> None:
    answer = await debrief(slack, "U0MANAGER", "<@U0ALEX|alex> in 1 hour")
    assert "Scheduled AT's wellbeing check-in" in answer["text"]
    clock.advance(timedelta(hours=1))
    await tick(slack)
    clock.advance(timedelta(days=1))
    await tick(slack)
    to_alex = [m["text"] for m in posts_to(slack, "U0ALEX")
               if m["text"].startswith("Wellbeing check-in")]
    assert len(to_alex) == 2 and "gentle reminder" in to_alex[1]
    assert not [m for m in posts_to(slack, "U0MANAGER") if "no response" in m["text"]]
    clock.advance(timedelta(days=1))
    await tick(slack)
    assert len([m for m in posts_to(slack, "U0MANAGER") if "no response" in m["text"]]) == 1


async def test_only_a_manager_or_the_wellbeing_lead_may_schedule(slack: SlackApp,
                                                                 clock: ManualClock) -> None:
    answer = await debrief(slack, "U0LEAD", "<@U0ALEX|alex> tomorrow 10:00")
    assert "Only AT's manager or the wellbeing lead" in answer["text"]
    await debrief(slack, "U0LEAD", "<@U0ALEX|alex>")
    refused = await submit_schedule(slack, "U0LEAD", "alex", clock.now() + timedelta(days=1))
    assert refused["response_action"] == "errors" and PERSON in refused["errors"]
    await debrief(slack, "U0MANAGER", "<@U0ALEX|alex>")
    past = await submit_schedule(slack, "U0MANAGER", "alex", clock.now() - timedelta(hours=1))
    assert "already passed" in past["errors"][WHEN]
    nonsense = await debrief(slack, "U0MANAGER", "<@U0ALEX|alex> whenever you like")
    assert "could not read" in nonsense["text"]
    assert (await debrief(slack, "U0DPL", "<@U0JO|jo> tomorrow 9am"))["text"].startswith(
        "Scheduled JF's")


async def test_list_move_and_cancel_from_the_list(slack: SlackApp, clock: ManualClock) -> None:
    await debrief(slack, "U0MANAGER", "<@U0ALEX|alex> tomorrow 16:00")
    await debrief(slack, "U0MANAGER", "list")
    listed = slack.driver.view_of("U0MANAGER")
    assert listed["callback_id"] == LIST_VIEW and "AT" in json.dumps(listed)
    moved_to = datetime(2026, 3, 17, 9, 0, tzinfo=UTC)
    reply = await slack.driver.press_in_modal("U0MANAGER", MOVE, "checkin=1")
    assert reply.status == 200
    pushed = slack.fake.called("views.push")[-1].args["view"]
    assert pushed["private_metadata"] == "checkin=1"
    slack.driver.views["U0MANAGER"] = {**pushed, "id": "VPUSH", "hash": "1.h"}
    done = await submit_schedule(slack, "U0MANAGER", None, moved_to)
    assert "Tue 17 Mar 2026, 09:00" in json.dumps(done)
    await debrief(slack, "U0MANAGER", "list")
    await slack.driver.press_in_modal("U0MANAGER", CANCEL, "checkin=1")
    updated = slack.fake.called("views.update")[-1].args["view"]
    assert "cancelled" in json.dumps(updated)
    await tick(slack)
    notices = [m["text"] for m in posts_to(slack, "U0ALEX")]
    assert [n.split(" ")[1] for n in notices] == ["arranged", "moved", "cancelled"]


def test_the_manifest_offers_debrief_with_mentions_escaped() -> None:
    manifest = yaml.safe_load((ROOT / "manifest" / "slack" / "manifest.yaml").read_text())
    commands = {c["command"]: c for c in manifest["features"]["slash_commands"]}
    assert commands[cids.COMMAND]["should_escape"] is True
    assert commands[cids.COMMAND]["url"].endswith("/slack/events")


async def test_a_guest_takes_up_a_check_in_arranged_by_the_wellbeing_lead(
    slack: SlackApp, clock: ManualClock
) -> None:
    await report(slack, clock, "U0GUEST", "incident", [])
    await tick(slack)
    receipt = next(m for m in posts_to(slack, "U0GUEST") if m["text"].startswith("Receipt"))
    await press(slack, "U0GUEST", receipt, OFFER_YES)
    await tick(slack)
    request = next(m for m in posts_to(slack, "U0DPL") if "would like someone" in m["text"])
    await press(slack, "U0DPL", request, ARRANGE)
    form = slack.driver.view_of("U0DPL")
    person = next(b for b in form["blocks"] if b.get("block_id") == PERSON)
    guest = person["element"]["initial_option"]["value"]
    assert guest.startswith("guest-"), "the guest is filled in"
    due = datetime(2026, 3, 16, 15, 30, tzinfo=UTC)
    done = await submit_schedule(slack, "U0DPL", guest, due)
    assert done["response_action"] == "update" and "Scheduled" in json.dumps(done)
    clock.advance(due - clock.now())
    await tick(slack)
    arranged = [m for m in posts_to(slack, "U0GUEST") if "PL asked" in m["text"]]
    assert len(arranged) == 1 and arranged[0]["text"].startswith("Wellbeing check-in")
    answer = await debrief(slack, "U0MANAGER", "<@U0GUEST|guest> tomorrow 10:00")
    assert "wellbeing lead" in answer["text"], answer
    await debrief(slack, "U0MANAGER", "<@U0GUEST|guest>")
    refused = await submit_schedule(slack, "U0MANAGER", guest, due + timedelta(days=1))
    assert PERSON in refused["errors"], "a guest has no manager to arrange it"


async def test_an_answered_offer_loses_its_buttons_and_the_receipt_stays(
    slack: SlackApp, clock: ManualClock
) -> None:
    await report(slack, clock, "U0ALEX", "incident", [])
    await tick(slack)
    receipt = next(m for m in posts_to(slack, "U0ALEX") if m["text"].startswith("Receipt"))
    blocks = [{**block, "block_id": f"b{n}"} for n, block in enumerate(receipt["blocks"])]
    offer = next(b for b in blocks if b["type"] == "actions"
                 and any(e.get("action_id") == OFFER_YES for e in b["elements"]))
    driver = slack.driver
    pressed = {**driver._action(OFFER_YES, button(receipt, OFFER_YES)["value"]),
               "block_id": offer["block_id"]}
    payload = {
        "type": "block_actions", "user": driver._user("U0ALEX"), "api_app_id": "A111",
        "token": "verification_token", "trigger_id": driver.trigger(),
        "container": {"type": "message", "message_ts": "1773482400.000001",
                      "channel_id": "D0ALEX", "is_ephemeral": False},
        "team": {"id": TEAM, "domain": "example"}, "channel": {"id": "D0ALEX", "name": "dm"},
        "message": {"type": "message", "ts": "1773482400.000001", "text": receipt["text"],
                    "blocks": blocks},
        "response_url": "https://hooks.slack.com/actions/T111/1/x", "actions": [pressed]}
    assert (await driver.post_payload(payload)).status == 200
    [update] = [c.args for c in slack.fake.called("chat.update")
                if c.args["channel"] == "D0ALEX"]
    shown = json.dumps(update["blocks"])
    assert OFFER_YES not in shown and OFFER_NOT_NOW not in shown, "no button to press twice"
    assert "MH has been asked" in shown and update["blocks"][0] == blocks[0], "the receipt stays"
