"""A check-in typed for out of hours, over HTTP against the fake Slack: /debrief for 3 a.m. or
a Sunday opens the form filled in, with the core's question and a box to tick; the form itself
asks the same; ticked, it is scheduled for that time; a working time is never asked about."""

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.slack.forms import VALUE
from bot.checkins.arrange import CONFIRM, CONFIRMED, NOTE, PERSON, WHEN
from bot.checkins.cards import ARRANGE, MOVE
from bot.checkins.out_of_hours import CONFIRM_LABEL
from bot.clock import ManualClock
from bot.runtime import Runtime
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.test_checkins import debrief, posts_to, tick
from tests.bot.working_time.helpers import office

SUNDAY = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)
QUESTION = "is a Sunday, outside working hours (Mon–Fri 09:00–17:00"


@pytest.fixture
def slack_runtime(runtime: Runtime) -> Runtime:
    """The example config as it ships: routine messages wait for working hours."""
    return dataclasses.replace(runtime, config=office(), platforms=("slack",))


def text(found: Any) -> str:
    return json.dumps(found, ensure_ascii=False)


def block(view: dict[str, Any], block_id: str) -> dict[str, Any] | None:
    return next((b for b in view["blocks"] if b.get("block_id") == block_id), None)


async def submit(slack: SlackApp, user: str, person: str | None, at: datetime,
                 tick_box: bool = False, note: str = "") -> dict[str, Any]:
    """Submit the form the driver shows, as the person filled it in."""
    values: dict[str, Any] = {WHEN: {VALUE: {
        "type": "datetimepicker", "selected_date_time": int(at.timestamp())}}}
    if person is not None:
        values[PERSON] = {VALUE: {"type": "static_select",
                                            "selected_option": {"value": person}}}
        values[NOTE] = {VALUE: {"type": "plain_text_input", "value": note}}
    if block(slack.driver.view_of(user), CONFIRM) is not None:
        chosen = [{"value": CONFIRMED, "text": {"type": "plain_text",
                                                     "text": CONFIRM_LABEL}}] if tick_box else []
        values[CONFIRM] = {VALUE: {"type": "checkboxes",
                                                   "selected_options": chosen}}
    reply = await slack.driver.submit_values(user, values)
    assert reply.status == 200, reply.text
    return reply.json


async def test_debrief_for_a_sunday_asks_in_the_form_and_schedules_once_ticked(
    slack: SlackApp, clock: ManualClock
) -> None:
    answer = await debrief(slack, "U0MANAGER", "<@U0ALEX|alex> sunday 10:00")
    assert "Scheduled" not in text(answer)
    form = slack.driver.view_of("U0MANAGER")
    assert form["callback_id"] == ARRANGE and QUESTION in text(form)
    when = block(form, WHEN)
    assert when is not None and when["element"]["initial_date_time"] == int(SUNDAY.timestamp())
    confirm = block(form, CONFIRM)
    assert confirm is not None and confirm["optional"] is True
    assert confirm["element"]["options"][0]["text"]["text"] == CONFIRM_LABEL

    again = await submit(slack, "U0MANAGER", "alex", SUNDAY, note="after the group")
    assert again["response_action"] == "update" and QUESTION in text(again["view"])
    note = block(again["view"], NOTE)
    assert note is not None and note["element"]["initial_value"] == "after the group"
    done = await submit(slack, "U0MANAGER", "alex", SUNDAY, tick_box=True)
    assert done["response_action"] == "update"
    assert "Scheduled AT's wellbeing check-in for Sun 15 Mar 2026, 10:00" in text(done)

    clock.advance(SUNDAY - clock.now())
    await tick(slack)
    due = [m for m in posts_to(slack, "U0ALEX") if m["text"].startswith("Wellbeing check-in")]
    assert len(due) == 1, "confirmed: it goes on the Sunday"


async def test_the_form_asks_about_3am_and_a_working_time_is_not_asked_about(
    slack: SlackApp,
) -> None:
    await debrief(slack, "U0MANAGER", "<@U0ALEX|alex>")
    three_am = datetime(2026, 3, 17, 3, 0, tzinfo=UTC)
    asked = await submit(slack, "U0MANAGER", "alex", three_am)
    shown = text(asked["view"])
    assert asked["response_action"] == "update"
    assert "before the working day starts at 09:00" in shown and "Tue 17 Mar 2026, 09:00" in shown
    assert block(asked["view"], CONFIRM) is not None
    working = datetime(2026, 3, 17, 10, 0, tzinfo=UTC)
    done = await submit(slack, "U0MANAGER", "alex", working)
    assert "Scheduled AT's wellbeing check-in for Tue 17 Mar 2026, 10:00" in text(done)
    direct = await debrief(slack, "U0MANAGER", "<@U0ALEX|alex> tuesday 11:00")
    assert direct["text"].startswith("Scheduled AT's wellbeing check-in for Tue 17 Mar 2026")


async def test_moving_to_new_years_day_asks_first(slack: SlackApp) -> None:
    await debrief(slack, "U0MANAGER", "<@U0ALEX|alex> tuesday 11:00")
    await debrief(slack, "U0MANAGER", "list")
    await slack.driver.press_in_modal("U0MANAGER", MOVE, "checkin=1")
    pushed = slack.fake.called("views.push")[-1].args["view"]
    slack.driver.views["U0MANAGER"] = {**pushed, "id": "VPUSH", "hash": "1.h"}
    new_year = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)
    asked = await submit(slack, "U0MANAGER", None, new_year)
    assert "a public holiday (New Year's Day)" in text(asked["view"])
    assert asked["view"]["private_metadata"] == "checkin=1"
    done = await submit(slack, "U0MANAGER", None, new_year, tick_box=True)
    assert "Fri 01 Jan 2027, 10:00" in text(done)
