"""A captured signed interaction replayed within Slack's 5 minutes acts once; a request can
only ever refresh a modal the bot opened for the person who sent it."""

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from adapters.slack import ids
from bot.clock import ManualClock
from storage.case_models import CaseEntry
from storage.models import OutboxMessage
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.test_cases import (
    LEAD,
    acknowledged,
    open_case,
    option,
    record,
    state,
    text,
)

DEPUTY = "U0DEPUTY"
FORMS: dict[str, dict[str, Any]] = {
    "note": state(case_note=text("Replayed-Note-4410")),
    "decide": state(case_decision=option("monitor"),
                    case_decision_reasons=text("Replayed-Reasons-5521")),
    "refer": state(case_referral_agency=option("police")),
    "assign": state(case_assign_person=option("deputy")),
    "ask": state(case_question=text("Replayed-Question-6632")),
    "close": state(case_close_outcome=option("no_further_action"),
                   case_close_reason=text("Done-7743")),
}


async def _counts(slack: SlackApp) -> tuple[int, int]:
    """(case entries, outbox rows)."""
    async with slack.runtime.database.sessions() as session:
        entries = await session.scalar(select(func.count()).select_from(CaseEntry))
        rows = await session.scalar(select(func.count()).select_from(OutboxMessage))
    return int(entries or 0), int(rows or 0)


@pytest.mark.parametrize("key", list(FORMS))
async def test_a_replayed_case_form_adds_nothing(slack: SlackApp, clock: ManualClock, key: str
                                                 ) -> None:
    reference = await acknowledged(slack, clock)
    await open_case(slack, reference)
    assert await record(slack, reference, key, FORMS[key]) == {}
    captured = slack.driver.last
    once = await _counts(slack)
    assert once[0] == 1
    clock.advance(timedelta(minutes=4))
    again = await slack.driver.replay(captured)
    assert again.status == 200
    assert "already recorded" in json.dumps(again.json["errors"])
    assert await _counts(slack) == once, "the replay wrote nothing, queued nothing"


async def test_a_replayed_feedback_click_tells_the_reporter_once(
    slack: SlackApp, clock: ManualClock
) -> None:
    reference = await acknowledged(slack, clock)
    await open_case(slack, reference)
    await slack.driver.press_in_modal(LEAD, ids.CASE_FEEDBACK, reference)
    captured = slack.driver.last
    await slack.driver.replay(captured)
    await slack.driver.replay(captured)
    await slack.deliver()
    told = [c for c in slack.fake.called("chat.postMessage")
            if c.args["channel"] == "U0ALEX" and "looked at" in json.dumps(c.args)]
    assert len(told) == 1
    assert (await _counts(slack))[0] == 1
    assert "already recorded" in json.dumps(slack.fake.called("views.update")[-1].args)


async def test_the_same_note_typed_twice_is_two_notes(slack: SlackApp, clock: ManualClock
                                                      ) -> None:
    """Only a replay of the very same request is refused: a person may repeat themselves."""
    reference = await acknowledged(slack, clock)
    await open_case(slack, reference)
    for _ in range(2):
        assert await record(slack, reference, "note", FORMS["note"]) == {}
    assert (await _counts(slack))[0] == 2


def _updated(slack: SlackApp, since: int) -> list[str]:
    return [c.args["view_id"] for c in slack.fake.calls[since:] if c.method == "views.update"]


async def test_a_form_refreshes_only_the_case_view_the_bot_opened_for_its_sender(
    slack: SlackApp, clock: ManualClock
) -> None:
    reference = await acknowledged(slack, clock)
    leads_case = (await open_case(slack, reference))["id"]
    deputys_case = (await open_case(slack, reference, DEPUTY))["id"]
    assert leads_case != deputys_case
    await slack.driver.press_in_modal(DEPUTY, f"{ids.CASE_ACTION}note", reference)
    form = slack.driver.view_of(DEPUTY)
    forged = f"reference={reference}&view={leads_case}"  # names the lead's modal
    slack.driver.views[DEPUTY] = {**form, "private_metadata": forged}
    before = len(slack.fake.calls)
    assert (await slack.driver.submit_values(DEPUTY, FORMS["note"])).status == 200
    assert (await _counts(slack))[0] == 1, "the note itself is the deputy's to add"
    assert _updated(slack, before) == [deputys_case]


async def test_a_button_in_someone_elses_modal_never_updates_it(
    slack: SlackApp, clock: ManualClock
) -> None:
    reference = await acknowledged(slack, clock)
    leads_case = await open_case(slack, reference)
    slack.driver.views[DEPUTY] = leads_case  # a request naming the lead's modal as its own
    before = len(slack.fake.calls)
    await slack.driver.press_in_modal(DEPUTY, ids.CASE_FEEDBACK, reference)
    assert leads_case["id"] not in _updated(slack, before)
    opened = [c for c in slack.fake.calls[before:] if c.method == "views.open"]
    assert len(opened) == 1 and "is being told" in json.dumps(opened[0].args)


async def test_a_case_form_with_no_case_view_of_its_senders_refreshes_nothing(
    slack: SlackApp, clock: ManualClock
) -> None:
    reference = await acknowledged(slack, clock)
    leads_case = await open_case(slack, reference)
    await slack.driver.press_in_modal(LEAD, f"{ids.CASE_ACTION}note", reference)
    slack.driver.views[DEPUTY] = {**slack.driver.view_of(LEAD), "private_metadata":
        f"reference={reference}&view={leads_case['id']}"}
    before = len(slack.fake.calls)
    await slack.driver.submit_values(DEPUTY, FORMS["note"])
    assert _updated(slack, before) == []
